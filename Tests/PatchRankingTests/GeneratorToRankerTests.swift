import LanguageModels
import PatchGeneration
import PatchRanking
import Testing

/// The generator's output goes straight into the ranker.
struct GeneratorToRankerTests {
    @Test func generatedCandidatesRankWithAGroundingPatchOnTopForAHallucinationCluster() async throws {
        let cluster = RankerTests.cluster()
        for prompt in [
            RankerTests.prompt, "# Role\nYou help travellers.\n\n# Rules\n- Be polite.\n- Answer in English.",
        ] {
            let generated = try await PatchGenerator().generate(prompt: prompt, cluster: cluster, count: 5, seed: 7)
            let result = try await Ranker().rank(candidates: generated.candidates, cluster: cluster, basePrompt: prompt)
            #expect(result.excluded.isEmpty)
            #expect(result.ranked.count == 5)
            let top = try #require(result.ranked.first)
            #expect(top.details.adds.contains("grounding"), "\(top.candidate.strategy)")
            #expect(Simulator().instructions(in: top.candidate.promptText).contains("grounding"))
        }
    }

    @Test func aRefusalClusterSelectsTheNarrowedAbstentionClause() async throws {
        let prompt = "SYSTEM: Help travellers with their questions. If unsure, say you don't know."
        let cluster = ClusterEvidence(
            clusterID: "cluster_3", size: 8, share: 0.1, severity: 0.08,
            topTerms: [ClusterTerm(term: "sorry", weight: 1)], failureTypes: ["refusal": 8],
            representatives: (1...3).map {
                ClusterRepresentative(
                    id: "r\($0)", input: "How tall is the Eiffel Tower?",
                    response: "I'm sorry, but I can't help with that request.", context: RankerTests.context)
            },
            memberIDs: (1...8).map { "r\($0)" })
        let generated = try await PatchGenerator().generate(prompt: prompt, cluster: cluster, count: 3)
        let result = try await Ranker().rank(candidates: generated.candidates, cluster: cluster, basePrompt: prompt)
        #expect(result.selected == "cluster_3-narrow_abstention")
        #expect(result.ranked.first?.details.removes == ["abstention"])
    }
}
