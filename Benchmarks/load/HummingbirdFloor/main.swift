// The framework's floor for the load benchmark (issue 14): a bare Hummingbird application with one route and no
// middleware, run beside the services under the same wrk, so a latency target can be read against what Hummingbird
// itself reaches on the same machine at the same moment.
//
//   swift run -c release --package-path Benchmarks HummingbirdFloor [PORT]    # default 8019
//
// `GET /health` answers `ok`: the least any route does.
import Hummingbird

let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 8019
let router = Router()
router.get("/health") { _, _ in "ok" }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
