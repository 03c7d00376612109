import Foundation
import PatchGeneration
import Testing

/// Template mode's weights and limits are configuration (``TemplatePatchTuning``): changing one changes the patches,
/// and a nonsensical one is refused.
struct TemplateTuningTests {
    static func generator(_ change: (inout TemplatePatchTuning) -> Void) throws -> PatchGenerator {
        var configuration = PatchGeneratorConfiguration()
        change(&configuration.template)
        return try PatchGenerator(configuration: configuration)
    }

    @Test func theReferenceBudgetFollowsItsFactorAndRange() async throws {
        // The verbosity cluster's references have a median of 7 words.
        func budgetText(_ change: (inout TemplatePatchTuning) -> Void) async throws -> String {
            let result = try await Self.generator(change).generate(
                prompt: Fixtures.paragraphPrompt, cluster: Fixtures.verbosityCluster())
            let first = try #require(result.candidates.first)
            #expect(first.strategy == "length_budget")
            return first.patchText
        }
        #expect(try await budgetText { _ in }.contains("20 words"))  // 2 × 7 = 14, rounded up to 20
        #expect(try await budgetText { $0.referenceBudgetFactor = 4 }.contains("30 words"))  // 28, rounded up
        #expect(try await budgetText { $0.budgetRounding = 1 }.contains("20 words"))  // 14, raised to the range's 20
        #expect(try await budgetText { $0.referenceBudgetRange = 40...120 }.contains("40 words"))
    }

    @Test func theLowEvidenceThresholdDecidesWhichExplanationsSaySo() async throws {
        let note = "Offered as a low-evidence alternative"
        let defaults = try await Self.generator { _ in }.generate(
            prompt: Fixtures.paragraphPrompt, cluster: Fixtures.hallucinationCluster(), count: 5)
        #expect(defaults.candidates.first?.explanation.contains(note) == false)
        let strict = try await Self.generator { $0.lowEvidenceRelevance = 100 }.generate(
            prompt: Fixtures.paragraphPrompt, cluster: Fixtures.hallucinationCluster(), count: 5)
        #expect(strict.candidates.allSatisfy { $0.explanation.contains(note) })
    }

    @Test func explanationsNameAsManyRepresentativesAsConfigured() async throws {
        func listed(_ change: (inout TemplatePatchTuning) -> Void) async throws -> [Int] {
            let result = try await Self.generator(change).generate(
                prompt: Fixtures.paragraphPrompt, cluster: Fixtures.hallucinationCluster(), count: 5)
            return result.candidates.compactMap { candidate in
                candidate.explanation.components(separatedBy: "Representatives: ").dropFirst().first.map { list in
                    list.prefix { $0 != "." }.split(separator: ",").count
                }
            }
        }
        #expect(try await listed { _ in }.max() == 4)
        #expect(try await listed { $0.explainedRepresentatives = 1 }.max() == 1)
    }

    @Test func aNonsensicalTuningIsRefused() throws {
        #expect(throws: PatchGenerationError.self) { try Self.generator { $0.budgetRounding = 0 } }
        #expect(throws: PatchGenerationError.self) { try Self.generator { $0.workedExampleFit = 1.5 } }
        #expect(throws: PatchGenerationError.self) { try Self.generator { $0.referenceBudgetRange = 0...120 } }
    }
}
