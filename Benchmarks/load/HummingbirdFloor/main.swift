// The framework's floor for the load benchmark (issue 14): a bare Hummingbird application with no middleware, run
// beside the services under the same wrk, so a latency target can be read against what Hummingbird itself reaches
// on the same machine at the same moment.
//
//   swift run -c release --package-path Benchmarks HummingbirdFloor [PORT] [RANK-REQUEST.json]    # default 8019
//
// `GET /health` answers `ok`: the least any route does. `POST /rank-without-ranking` does what the ranker's route
// does around a rank and nothing else: it reads the body, decodes it as a rank request and answers the result of a
// rank made once at startup (of RANK-REQUEST.json, default Benchmarks/load/rank-request.json), encoded as the
// services encode (sorted keys). Its latency under load is what the rank route would reach with a rank that cost
// nothing.
import Foundation
import Hummingbird
import PatchRanking

let arguments = CommandLine.arguments.dropFirst()
let port = arguments.first.flatMap(Int.init) ?? 8019
let requestPath =
    arguments.dropFirst().first
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("rank-request.json").path

// The services' coders (ServiceRequestContext): RFC 3339 dates, sorted keys.
let decoder = JSONDecoder()
decoder.dateDecodingStrategy = .iso8601
let encoder = JSONEncoder()
encoder.dateEncodingStrategy = .iso8601
encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
let ranked = try await Ranker().rank(
    try decoder.decode(RankRequest.self, from: Data(contentsOf: URL(fileURLWithPath: requestPath))))

let router = Router()
router.get("/health") { _, _ in "ok" }
router.post("/rank-without-ranking") { request, _ -> Response in
    let body = Data(try await request.body.collect(upTo: 1 << 20).readableBytesView)
    _ = try decoder.decode(RankRequest.self, from: body)
    return Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(ranked))))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
