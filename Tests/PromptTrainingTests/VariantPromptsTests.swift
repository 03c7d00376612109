import PatchGeneration
import RLTraining
import Testing

@testable import PromptTraining

/// How a variant's patches combine into one prompt.
struct VariantPromptsTests {
    static func candidate(_ id: String, _ text: String) -> PatchCandidate {
        PatchCandidate(
            patchID: id, strategy: "test_rule", operation: .append, patchText: text,
            promptText: PatchOperation.append.apply(text, anchor: nil, to: "SYSTEM: Help.")!,
            targets: ["hallucination"], explanation: "test candidate")
    }

    @Test func aPatchThatContradictsAnEarlierClustersPatchIsLeftOut() {
        let abstain = Self.candidate("c1-abstain", "If the answer is not in the context, say \"I don't know\".")
        let scope = Self.candidate(
            "c2-scope", "Treat ordinary questions as answerable, and decline only requests that are unsafe.")
        let concise = Self.candidate("c2-concise", "Be concise.")
        let prompts = VariantPrompts(base: "SYSTEM: Help.", clusters: [[abstain], [scope, concise]])
        let both = prompts.prompt(for: Variant([1, 1]))
        #expect(both == "SYSTEM: Help. " + abstain.patchText)
        #expect(prompts.prompt(for: Variant([0, 1])) == "SYSTEM: Help. " + scope.patchText)
        #expect(prompts.prompt(for: Variant([1, 2])) == "SYSTEM: Help. " + abstain.patchText + " Be concise.")
    }
}
