import Foundation
import LanguageModels
import PatchGeneration
import PatchRanking
import Testing

/// Pins the ranker's every figure on fixed inputs, so making the ranker faster (issue 14) cannot change a result:
/// five candidates of all three operations against a cluster shaped like the load benchmark's, estimated and
/// measured.
struct RankerSpeedPinTests {
    static let prompt =
        "SYSTEM: You are the customer assistant for an outdoor gear retailer. Answer the customer's question about "
        + "our products and stores. Keep a warm tone.\nIf unsure, maybe say so."

    static let cluster = ClusterEvidence(
        clusterID: "cluster_1", size: 450, share: 0.45, severity: 0.77,
        topTerms: [
            ClusterTerm(term: "made", weight: 0.4), ClusterTerm(term: "lifetime repairs", weight: 0.35),
            ClusterTerm(term: "sorry", weight: 0.1), ClusterTerm(term: "40", weight: 0.15),
        ],
        label: "made, lifetime repairs", failureTypes: ["hallucination": 400, "wrong_number": 30, "refusal": 20],
        representatives: (1...5).map { index in
            let countries = ["Portugal", "Vietnam", "Italy", "Canada", "Spain"]
            return ClusterRepresentative(
                id: "load-1-\(index)", input: "Where is the Ridge \(index)0 made?",
                response: "The Ridge \(index)0 is made in \(countries[(index + 1) % 5]) by Bluepine Gear, and it "
                    + "ships with free lifetime repairs.",
                failureType: "hallucination", distance: 0.1 * Double(index),
                context: "The Ridge \(index)0 is made by Bluepine Gear in \(countries[index - 1]). It has a "
                    + "\(index)-year warranty. The Porto store has a team of \(10 + index) people.")
        },
        memberIDs: (1...450).map { "load-1-\($0)" })

    static func appended(_ id: String, _ text: String, targets: [String]) -> PatchCandidate {
        PatchCandidate(
            patchID: id, strategy: "custom", operation: .append, patchText: text,
            promptText: PatchOperation.append.apply(text, anchor: nil, to: Self.prompt)!, targets: targets,
            explanation: "pin")
    }

    static let candidates: [PatchCandidate] = [
        Self.appended(
            "p-grounding", "Only use the context to answer, and do not make up names, places or numbers.",
            targets: ["hallucination"]),
        Self.appended(
            "p-numbers", "Quote numbers exactly as the context gives them; double-check numbers before answering.",
            targets: ["number_error"]),
        Self.appended(
            "p-rambling",
            "It might perhaps be good if answers were possibly based on the context that was provided to the "
                + "assistant by the retrieval system and the many other systems that feed it information.",
            targets: ["hallucination"]),
        PatchCandidate(
            patchID: "p-replace", strategy: "clarify_clause", operation: .replace, anchor: "If unsure, maybe say so.",
            patchText: "If the context does not contain the answer, say you do not know.",
            promptText: Self.prompt.replacingOccurrences(
                of: "If unsure, maybe say so.", with: "If the context does not contain the answer, say you do not know."
            ),
            targets: ["missing_abstention", "hallucination"], explanation: "pin"),
        PatchCandidate(
            patchID: "p-insert", strategy: "format_contract", operation: .insertAfter,
            anchor: "If unsure, maybe say so.", patchText: "- Be concise: at most 60 words.\n- Never refuse.",
            promptText: Self.prompt + "\n- Be concise: at most 60 words.\n- Never refuse.",
            targets: ["verbosity", "refusal"], explanation: "pin"),
    ]

    /// Every figure of a result, one line per candidate, plus the modes and the measurement.
    static func figures(of result: RankResult) -> [String] {
        var lines = result.modes.map { "mode \($0.mode.rawValue) \($0.score)" }
        for ranked in result.ranked {
            let criteria = ranked.criteria
            let details = ranked.details
            lines.append(
                "\(ranked.rank) \(ranked.patchID) score \(ranked.score) reduction \(criteria.hallucinationReduction) "
                    + "clarity \(criteria.clarity) length \(criteria.lengthSafety) severity \(criteria.clusterSeverity) "
                    + "estimate \(details.estimatedReduction) coverage \(details.coverage) growth \(details.growthTokens) "
                    + "adds \(details.adds) removes \(details.removes) notes \(details.notes) measured "
                    + "\(details.measuredReduction.map(String.init(describing:)) ?? "-") "
                    + "\(details.patchedReward.map(String.init(describing:)) ?? "-") "
                    + "\(details.patchedHallucinationRate.map(String.init(describing:)) ?? "-")")
        }
        for excluded in result.excluded { lines.append("excluded \(excluded.patchID) \(excluded.reasons)") }
        if let summary = result.measurement {
            lines.append("base \(summary.baseReward) \(summary.baseHallucinationRate) \(summary.representativeIDs)")
        }
        return lines
    }

    @Test func theEstimatedRankingIsUnchanged() async throws {
        let result = try await Ranker().rank(
            candidates: Self.candidates, cluster: Self.cluster, basePrompt: Self.prompt)
        #expect(Self.figures(of: result) == Self.estimated)
    }

    @Test func theMeasuredRankingIsUnchanged() async throws {
        let result = try await Ranker(configuration: RankerConfiguration(samples: 4, seed: 11)).rank(
            candidates: Self.candidates, cluster: Self.cluster, basePrompt: Self.prompt, measure: true)
        #expect(Self.figures(of: result) == Self.measured)
    }

    static let estimated: [String] = [
        #"mode hallucination 0.7944444444444444"#,
        #"mode number_error 0.05583333333333333"#,
        #"mode refusal 0.037222222222222226"#,
        #"1 p-grounding score 0.889033 reduction 0.932895 clarity 1.0 length 0.841667 severity 0.737706 estimate 0.932895 coverage 0.958059 growth 19 adds ["grounding"] removes [] notes [] measured - - -"#,
        #"2 p-replace score 0.646507 reduction 0.313302 clarity 1.0 length 0.916667 severity 0.689264 estimate 0.313302 coverage 0.895149 growth 10 adds [] removes [] notes [] measured - - -"#,
        #"3 p-numbers score 0.643457 reduction 0.331455 clarity 1.0 length 0.816667 severity 0.737706 estimate 0.331455 coverage 0.958059 growth 22 adds ["numbers_check"] removes [] notes [] measured - - -"#,
        #"4 p-rambling score 0.440174 reduction 0.313302 clarity 0.26 length 0.625 severity 0.689264 estimate 0.313302 coverage 0.895149 growth 45 adds [] removes [] notes ["long sentences (mean 32 words)", "1 of 1 sentences are not imperative", "3 hedging word(s)"] measured - - -"#,
        #"5 p-insert score 0.296524 reduction 0.025164 clarity 0.5 length 0.9 severity 0.032294 estimate 0.025164 coverage 0.041941 growth 12 adds ["concision", "always_answer"] removes [] notes ["its always_answer instruction conflicts with the prompt\'s abstention instruction"] measured - - -"#,
    ]

    /// The measured figures come from the verifier's rewards, so a change of the grounding model re-records them
    /// (recorded with the unaligned-share model, e6c6e40, and again when the question's words stopped counting in its
    /// share, and when the verifier learned natural phrasing (polite closes, questions back, number words, times, numbers with letters glued on, anchor ties),
    /// and when the grounding model was refitted for currency signs (rewards moved in the sixth decimal), and for
    /// accents and for magnitudes ("1.2 million"; both 2026-12-06, rewards moved in the fifth and sixth decimals), and
    /// when an initial's or a title's point stopped ending a sentence (rewards moved in the fifth decimal), and for
    /// year gaps ("five years before", sixth decimal), and when a dotted acronym before a lowercase word stopped ending a
    /// sentence ("which U.S. state", fifth decimal); hallucination rates and everything estimated were unchanged
    /// each time).
    static let measured: [String] = [
        #"mode hallucination 0.7944444444444444"#,
        #"mode number_error 0.05583333333333333"#,
        #"mode refusal 0.037222222222222226"#,
        #"1 p-grounding score 0.813901 reduction 0.745065 clarity 1.0 length 0.841667 severity 0.737706 estimate 0.932895 coverage 0.958059 growth 19 adds ["grounding"] removes [] notes [] measured 0.557235 0.651883 0.1"#,
        #"2 p-replace score 0.683847 reduction 0.406651 clarity 1.0 length 0.916667 severity 0.689264 estimate 0.313302 coverage 0.895149 growth 10 adds [] removes [] notes [] measured 0.5 0.606883 0.2"#,
        #"3 p-numbers score 0.677166 reduction 0.415728 clarity 1.0 length 0.816667 severity 0.737706 estimate 0.331455 coverage 0.958059 growth 22 adds ["numbers_check"] removes [] notes [] measured 0.5 0.606883 0.2"#,
        #"4 p-rambling score 0.477513 reduction 0.406651 clarity 0.26 length 0.625 severity 0.689264 estimate 0.313302 coverage 0.895149 growth 45 adds [] removes [] notes ["long sentences (mean 32 words)", "1 of 1 sentences are not imperative", "3 hedging word(s)"] measured 0.5 0.606883 0.2"#,
        #"5 p-insert score 0.399202 reduction 0.281857 clarity 0.5 length 0.9 severity 0.032294 estimate 0.025164 coverage 0.041941 growth 12 adds ["concision", "always_answer"] removes [] notes ["its always_answer instruction conflicts with the prompt\'s abstention instruction"] measured 0.538549 0.637192 0.15"#,
        #"base 0.606883 0.2 ["load-1-1", "load-1-2", "load-1-3", "load-1-4", "load-1-5"]"#,
    ]
}
