// One rank's CPU time, without HTTP or wrk (issue 14: a 5-candidate rank should cost well under 1 ms):
//     swift run -c release --package-path Benchmarks RankBenchmark [REQUEST.json] [RANKS]
// The request defaults to Benchmarks/load/rank-request.json: the body Benchmarks/load/run.sh posts to
// /api/v1/rank (the patch generator's five candidates for cluster_1 of its store, inline cluster), with the prompt
// text resolved and each representative's context filled in from the store, as the ranker service does before
// ranking. Printed: microseconds per rank, and per decode of the request body and encode of the result (the JSON
// work the service adds around each rank).
import Foundation
import PatchRanking

let arguments = CommandLine.arguments.dropFirst()
let requestPath =
    arguments.first
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("load/rank-request.json").path
let ranks = arguments.dropFirst().first.flatMap { Int($0) } ?? 2000

let body = try Data(contentsOf: URL(fileURLWithPath: requestPath))
let request = try JSONDecoder().decode(RankRequest.self, from: body)
let ranker = try Ranker()

/// Microseconds per call of `work`, over `count` calls after 50 warm-up calls.
func microseconds(_ count: Int, _ work: () async throws -> Void) async rethrows -> Double {
    for _ in 0..<50 { try await work() }
    let clock = ContinuousClock()
    let elapsed = try await clock.measure { for _ in 0..<count { try await work() } }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return seconds * 1e6 / Double(count)
}

let result = try await ranker.rank(request)
print("request: \(requestPath)")
print("candidates \(request.candidates.count), ranked \(result.ranked.count), selected \(result.selected ?? "none")")
for candidate in result.ranked {
    print("  \(candidate.rank). \(candidate.patchID) score \(candidate.score)")
}
let rankTime = try await microseconds(ranks) { _ = try await ranker.rank(request) }
let decodeTime = try await microseconds(ranks) { _ = try JSONDecoder().decode(RankRequest.self, from: body) }
let encodeTime = try await microseconds(ranks) { _ = try JSONEncoder().encode(result) }
// The ranker keeps each representative's findings, the guard and the base's analysis (pure functions of their
// inputs), so the repeated request above is a warm rank; a cluster or base prompt it has not seen is a cold one:
// a fresh ranker's first rank, less the time to make the ranker.
let colds = max(1, ranks / 10)
let freshAndRank = try await microseconds(colds) { _ = try await Ranker().rank(request) }
let freshOnly = try await microseconds(colds) { _ = try Ranker() }
print(String(format: "rank: %.1f µs per rank (%d ranks, warm caches)", rankTime, ranks))
print(
    String(
        format: "cold rank (a fresh ranker's first): %.1f µs (%.1f µs with the ranker, %.1f µs to make it; %d ranks)",
        freshAndRank - freshOnly, freshAndRank, freshOnly, colds))
print(String(format: "decode request: %.1f µs, encode result: %.1f µs", decodeTime, encodeTime))
