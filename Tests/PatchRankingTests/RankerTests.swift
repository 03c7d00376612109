import Foundation
import LanguageModels
import PatchGeneration
import PatchRanking
import Testing

struct RankerTests {
    static let context = "The Eiffel Tower is 330 metres tall. It was completed in 1889. It stands in Paris."
    static let prompt = "SYSTEM: You are a support assistant for a travel site. Answer the user's question."

    static func cluster(severity: Double = 0.3) -> ClusterEvidence {
        ClusterEvidence(
            clusterID: "cluster_1", size: 20, share: 0.5, severity: severity,
            topTerms: [ClusterTerm(term: "lindqvist", weight: 0.6), ClusterTerm(term: "designed", weight: 0.4)],
            label: "lindqvist, designed", failureTypes: ["hallucination": 18],
            representatives: (1...3).map { index in
                ClusterRepresentative(
                    id: "h\(index)", input: "How tall is the Eiffel Tower and who designed the tower for the fair?",
                    response: "The Eiffel Tower is 331 metres tall. It was designed by Elena Lindqvist in 1962.",
                    failureType: "hallucination", context: Self.context,
                    reference: "The Eiffel Tower is 330 metres tall.")
            },
            memberIDs: (1...20).map { "h\($0)" })
    }

    static func candidate(
        _ id: String, _ text: String, targets: [String], strategy: String = "custom"
    )
        -> PatchCandidate
    {
        PatchCandidate(
            patchID: id, strategy: strategy, operation: .append, patchText: text, promptText: Self.prompt + " " + text,
            targets: targets, explanation: "test")
    }

    static let grounding = candidate(
        "p-grounding", "Only use the context to answer, and do not make up names or numbers.",
        targets: ["hallucination"],
        strategy: "grounding_rule")
    static let format = candidate(
        "p-format", "Follow the output format exactly, and close every bracket you open.", targets: ["format"],
        strategy: "format_contract")

    @Test func aGroundingPatchBeatsAFormatPatchForAHallucinationCluster() async throws {
        let result = try await Ranker().rank(
            candidates: [Self.format, Self.grounding], cluster: Self.cluster(), basePrompt: Self.prompt)
        #expect(result.selected == "p-grounding")
        #expect(result.ranked.map(\.patchID) == ["p-grounding", "p-format"])
        #expect(result.ranked.map(\.rank) == [1, 2])
        let grounding = result.ranked[0]
        let format = result.ranked[1]
        #expect(grounding.criteria.hallucinationReduction > 0.8)
        #expect(format.criteria.hallucinationReduction == 0)
        #expect(grounding.criteria.clusterSeverity == 0.3)
        #expect(format.criteria.clusterSeverity == 0)
        #expect(grounding.details.adds == ["grounding"])
        for ranked in result.ranked {
            for value in [
                ranked.criteria.hallucinationReduction, ranked.criteria.clarity, ranked.criteria.lengthSafety,
                ranked.criteria.clusterSeverity, ranked.score,
            ] {
                #expect((0...1).contains(value))
            }
            let expected =
                0.4 * ranked.criteria.hallucinationReduction + 0.2 * ranked.criteria.clarity
                + 0.2 * ranked.criteria.lengthSafety + 0.2 * ranked.criteria.clusterSeverity
            #expect(abs(ranked.score - expected) < 1e-5)
        }
    }

    @Test func anOversizePatchIsExcludedAndNeverSelected() async throws {
        let huge = Self.candidate(
            "p-huge",
            Array(repeating: "Only use the context and do not make up names or numbers.", count: 20).joined(
                separator: " "),
            targets: ["hallucination"])
        let weights = RankingWeights(hallucinationReduction: 1, clarity: 0, lengthSafety: 0, clusterSeverity: 0)
        let result = try await Ranker().rank(
            candidates: [huge, Self.format], cluster: Self.cluster(), basePrompt: Self.prompt, weights: weights)
        #expect(result.selected == "p-format")
        #expect(!result.ranked.contains { $0.patchID == "p-huge" })
        let excluded = try #require(result.excluded.first)
        #expect(excluded.patchID == "p-huge")
        #expect(excluded.reasons.contains { $0.contains("over the cap of 200") })
        #expect((excluded.growthTokens ?? 0) > 200)

        let alone = try await Ranker().rank(candidates: [huge], cluster: Self.cluster(), basePrompt: Self.prompt)
        #expect(alone.selected == nil)
        #expect(alone.ranked.isEmpty)
    }

    @Test func lengthSafetyFallsWithGrowth() {
        #expect(LengthSafety.score(growth: -3, budget: 60, cap: 200) == 1)
        #expect(LengthSafety.score(growth: 30, budget: 60, cap: 200) == 0.75)
        #expect(LengthSafety.score(growth: 60, budget: 60, cap: 200) == 0.5)
        #expect(LengthSafety.score(growth: 130, budget: 60, cap: 200) == 0.25)
        #expect(LengthSafety.score(growth: 200, budget: 60, cap: 200) == 0)
        #expect(LengthSafety.score(growth: 201, budget: 60, cap: 200) == nil)
    }

    @Test func tiesBreakByHallucinationReductionThenShorterPatchThenID() async throws {
        // Only cluster severity counts, so both grounding patches score the same.
        let weights = RankingWeights(hallucinationReduction: 0, clarity: 0, lengthSafety: 0, clusterSeverity: 1)
        let short = Self.candidate("p-z-short", "Only use the context.", targets: ["hallucination"])
        let long = Self.candidate(
            "p-a-long", "Only use the context, and do not make up any names.", targets: ["hallucination"])
        let twin = Self.candidate("p-b-short", "Only use the context.", targets: ["hallucination"])
        let claimed = Self.candidate("p-0-claimed", "Please be careful.", targets: ["hallucination"])
        let candidates = [long, short, claimed, twin]
        let result = try await Ranker().rank(
            candidates: candidates, cluster: Self.cluster(), basePrompt: Self.prompt, weights: weights)
        // The three grounding patches tie on score and on hallucination reduction; the one that only claims its
        // target covers less of the cluster, so it goes last despite its smaller id.
        #expect(Set(result.ranked.prefix(3).map(\.score)).count == 1)
        #expect(Set(result.ranked.prefix(3).map(\.criteria.hallucinationReduction)).count == 1)
        #expect(result.ranked[3].score < result.ranked[0].score)
        #expect(result.ranked.map(\.patchID) == ["p-b-short", "p-z-short", "p-a-long", "p-0-claimed"])
        for permutation in [candidates.reversed(), [twin, claimed, short, long]] {
            let again = try await Ranker().rank(
                candidates: Array(permutation), cluster: Self.cluster(), basePrompt: Self.prompt, weights: weights)
            #expect(again == result)
        }
    }

    @Test func weightsAreValidated() async throws {
        for weights in [
            RankingWeights(hallucinationReduction: -0.1),
            RankingWeights(clarity: .nan),
            RankingWeights(lengthSafety: .infinity),
            RankingWeights(hallucinationReduction: 0, clarity: 0, lengthSafety: 0, clusterSeverity: 0),
        ] {
            let error = await #expect(throws: RankingError.self) {
                try await Ranker().rank(
                    candidates: [Self.grounding], cluster: Self.cluster(), basePrompt: Self.prompt, weights: weights)
            }
            #expect(error?.isInvalidRequest == true)
            #expect(error?.description.hasPrefix("invalid weights") == true)
        }
        #expect(throws: RankingError.self) {
            try Ranker(configuration: RankerConfiguration(weights: RankingWeights(clusterSeverity: -1)))
        }
        let partial = try JSONDecoder().decode(RankingWeights.self, from: Data(#"{"clarity": 1}"#.utf8))
        #expect(partial == RankingWeights(clarity: 1))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(RankingWeights.self, from: Data(#"{"halucination_reduction": 1}"#.utf8))
        }
    }

    @Test func badRequestsAreRejected() async throws {
        await #expect(throws: RankingError.noCandidates) {
            try await Ranker().rank(candidates: [], cluster: Self.cluster(), basePrompt: Self.prompt)
        }
        await #expect(throws: RankingError.duplicatePatchID("p-grounding")) {
            try await Ranker().rank(
                candidates: [Self.grounding, Self.grounding], cluster: Self.cluster(), basePrompt: Self.prompt)
        }
        await #expect(throws: RankingError.emptyPrompt) {
            try await Ranker().rank(candidates: [Self.grounding], cluster: Self.cluster(), basePrompt: " ")
        }
        await #expect(throws: RankingError.missingField("prompt_text")) {
            try await Ranker().rank(
                RankRequest(promptID: "p_v1_1", cluster: Self.cluster(), candidates: [Self.grounding]))
        }
    }

    @Test func candidatesThatCopyLoggedTextOrDoNotApplyAreExcluded() async throws {
        let input = Self.cluster().representatives[0].input
        let copying = Self.candidate("p-copy", "Remember: " + input, targets: ["hallucination"])
        var stale = Self.grounding
        stale.patchID = "p-stale"
        stale.promptText = "SYSTEM: another prompt. " + stale.patchText
        let orphan = PatchCandidate(
            patchID: "p-orphan", strategy: "clarify_clause", operation: .replace, anchor: "Be accurate.",
            patchText: "Be accurate: only use the context.", promptText: "x", targets: ["hallucination"],
            explanation: "")
        let result = try await Ranker().rank(
            candidates: [copying, stale, orphan, Self.format], cluster: Self.cluster(), basePrompt: Self.prompt)
        #expect(result.ranked.map(\.patchID) == ["p-format"])
        let reasons = Dictionary(uniqueKeysWithValues: result.excluded.map { ($0.patchID, $0.reasons.joined()) })
        #expect(reasons["p-copy"]?.contains("input of h1") == true)
        #expect(reasons["p-stale"]?.contains("not the base prompt with this patch applied") == true)
        #expect(reasons["p-orphan"]?.contains("anchor") == true)
    }

    @Test func clarityPenalisesDuplicationAndContradiction() {
        let base = "SYSTEM: Be concise. Only use the context."
        let clean = Clarity.assess(patchText: "Quote numbers exactly as the context gives them.", remainingBase: base)
        let duplicate = Clarity.assess(patchText: "Do not make up names; only use the context.", remainingBase: base)
        let conflict = Clarity.assess(
            patchText: "Be thorough and answer every part of the question.", remainingBase: base)
        let rambling = Clarity.assess(
            patchText:
                "It might perhaps be good if answers were possibly based on the context that was provided to the "
                + "assistant by the retrieval system and the many other systems that feed it information every day.",
            remainingBase: base)
        #expect(clean.score > 0.9)
        #expect(duplicate.score < clean.score / 2 + 0.01)
        #expect(duplicate.notes.contains { $0.contains("duplicates the prompt's grounding") })
        #expect(conflict.score < clean.score)
        #expect(conflict.notes.contains { $0.contains("conflicts with the prompt's concision") })
        #expect(rambling.score < 0.5)
    }

    @Test func theMeasuredCheckReplaysRepresentativesWithTheSimulator() async throws {
        let ranker = try Ranker(configuration: RankerConfiguration(samples: 16, seed: 3))
        let result = try await ranker.rank(
            candidates: [Self.format, Self.grounding], cluster: Self.cluster(), basePrompt: Self.prompt, measure: true)
        let summary = try #require(result.measurement)
        #expect(summary.simulated)
        #expect(summary.model == "kaizen-simulator")
        #expect(summary.representativeIDs == ["h1", "h2", "h3"])
        let grounding = try #require(result.ranked.first { $0.patchID == "p-grounding" })
        let format = try #require(result.ranked.first { $0.patchID == "p-format" })
        let groundingMeasured = try #require(grounding.details.measuredReduction)
        let formatMeasured = try #require(format.details.measuredReduction)
        #expect(groundingMeasured > formatMeasured)
        #expect(try #require(grounding.details.patchedHallucinationRate) < summary.baseHallucinationRate)
        #expect(result.selected == "p-grounding")
        let again = try await ranker.rank(
            candidates: [Self.format, Self.grounding], cluster: Self.cluster(), basePrompt: Self.prompt, measure: true)
        #expect(again == result)
    }

    @Test func theMeasuredCheckIsSkippedWithoutReplayableRepresentatives() async throws {
        var cluster = Self.cluster()
        for index in cluster.representatives.indices {
            cluster.representatives[index].context = nil
            cluster.representatives[index].reference = nil
        }
        let result = try await Ranker().rank(
            candidates: [Self.grounding], cluster: cluster, basePrompt: Self.prompt, measure: true)
        #expect(result.measurement == nil)
        #expect(result.notes.contains { $0.contains("skipped") })
        #expect(result.ranked.first?.details.measuredReduction == nil)
    }

    @Test func theJSONMatchesTheDesign() async throws {
        let request = RankRequest(
            promptID: "p_v1_1", promptText: Self.prompt, cluster: Self.cluster(),
            candidates: [Self.grounding, Self.format])
        let body = try JSONEncoder().encode(request)
        let decoded = try JSONDecoder().decode(RankRequest.self, from: body)
        #expect(decoded == request)
        let result = try await Ranker().rank(decoded)
        let data = try JSONEncoder().encode(result)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["selected"] as? String == "p-grounding")
        let ranked = try #require(object["ranked"] as? [[String: Any]])
        let first = try #require(ranked.first)
        for key in [
            "patch_id", "strategy", "operation", "patch_text", "prompt_text", "targets", "explanation", "score",
            "rank", "criteria", "details",
        ] {
            #expect(first[key] != nil, "\(key)")
        }
        let criteria = try #require(first["criteria"] as? [String: Any])
        #expect(Set(criteria.keys) == ["hallucination_reduction", "clarity", "length_safety", "cluster_severity"])
        // The trainer reads ranked entries back as candidates, and the whole result round-trips.
        let candidates = try JSONDecoder().decode(
            [PatchCandidate].self, from: JSONSerialization.data(withJSONObject: ranked))
        #expect(candidates.first == Self.grounding)
        #expect(try JSONDecoder().decode(RankResult.self, from: data) == result)
    }
}

struct TieBreakTests {
    static func ranked(_ id: String, score: Double, reduction: Double, text: String) -> RankedCandidate {
        RankedCandidate(
            candidate: PatchCandidate(
                patchID: id, strategy: "s", operation: .append, patchText: text, promptText: text, targets: [],
                explanation: ""),
            score: score, rank: 0,
            criteria: CriterionScores(
                hallucinationReduction: reduction, clarity: 0, lengthSafety: 0, clusterSeverity: 0),
            details: CandidateDetails(estimatedReduction: reduction, coverage: 0, growthTokens: 0))
    }

    @Test func theDocumentedOrderIsScoreReductionLengthID() {
        let items = [
            Self.ranked("d", score: 0.5, reduction: 0.2, text: "short"),
            Self.ranked("c", score: 0.5, reduction: 0.4, text: "a much longer text"),
            Self.ranked("b", score: 0.5, reduction: 0.2, text: "longer text"),
            Self.ranked("a", score: 0.5, reduction: 0.2, text: "short"),
            Self.ranked("e", score: 0.7, reduction: 0.0, text: "x"),
        ]
        #expect(items.sorted(by: Ranker.ranksBefore).map(\.patchID) == ["e", "c", "a", "d", "b"])
    }
}
