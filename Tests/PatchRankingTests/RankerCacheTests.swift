import LanguageModels
import PatchGeneration
import Testing

@testable import PatchRanking

/// A ranker remembers what depends only on a request's representatives or base prompt (the verifier's findings, the
/// injection guard, the base's clarity analysis; issue 14), keyed by their content: one ranker serving request
/// after request gives every figure a fresh ranker gives, when the base prompt or a representative changes between
/// requests as when it does not.
struct RankerCacheTests {
    static let span = "ships with free lifetime repairs on every product"

    static func cluster(context: String) -> ClusterEvidence {
        var cluster = RankerSpeedPinTests.cluster
        cluster.representatives[0].response = "The Ridge 10 \(Self.span)."
        cluster.representatives[0].context = context
        return cluster
    }

    /// A candidate that copies eight words of the first representative's response, appended to `base`.
    static func copying(_ base: String) -> PatchCandidate {
        let text = "Say it \(Self.span)."
        return PatchCandidate(
            patchID: "p-copy", strategy: "custom", operation: .append, patchText: text,
            promptText: PatchOperation.append.apply(text, anchor: nil, to: base)!, targets: ["hallucination"],
            explanation: "cache")
    }

    @Test func aReusedRankerGivesWhatAFreshOneGives() async throws {
        let plain = RankerSpeedPinTests.prompt
        // The same eight words in the base prompt make the copy allowed (the guard's n-grams of the base).
        let restating = plain + " We note it \(Self.span)."
        let grounded = Self.cluster(context: "The Ridge 10 is made in Spain. It \(Self.span).")
        let ungrounded = Self.cluster(context: "The Ridge 10 is made in Spain.")
        let requests: [(base: String, cluster: ClusterEvidence)] = [
            (plain, ungrounded), (restating, ungrounded), (plain, ungrounded), (plain, grounded), (restating, grounded),
        ]
        let reused = try Ranker()
        var outcomes: [[String]] = []
        for (base, cluster) in requests {
            let candidates = [Self.copying(base)] + RankerSpeedPinTests.candidates.prefix(2)
            let fresh = try await Ranker().rank(candidates: candidates, cluster: cluster, basePrompt: base)
            let again = try await reused.rank(candidates: candidates, cluster: cluster, basePrompt: base)
            #expect(RankerSpeedPinTests.figures(of: again) == RankerSpeedPinTests.figures(of: fresh))
            outcomes.append(RankerSpeedPinTests.figures(of: again))
        }
        // The requests do differ: the copy is excluded against the plain base only, and the modes follow the context.
        #expect(outcomes[0].contains { $0.hasPrefix("excluded p-copy") })
        #expect(!outcomes[1].contains { $0.hasPrefix("excluded p-copy") })
        #expect(outcomes[0].filter { $0.hasPrefix("mode") } != outcomes[3].filter { $0.hasPrefix("mode") })
    }
}
