-- wrk script: POST, for each request, a body drawn at random from the JSON Lines file named by $BODIES (one JSON
-- body per line) to the URL wrk was given, so caches keyed by the body's parts see mostly new keys.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local bodies = {}
for line in io.lines(os.getenv("BODIES")) do
    bodies[#bodies + 1] = line
end
assert(#bodies > 0, "no bodies in " .. os.getenv("BODIES"))

function init(args)
    math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
    return wrk.format(nil, nil, nil, bodies[math.random(#bodies)])
end
