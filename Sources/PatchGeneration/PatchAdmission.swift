import Foundation
import LanguageModels

/// The checks a patch must pass before it may reach a prompt, whoever wrote it: LLM mode applies them to the model's
/// patches, and the trainer to every candidate a job brings, since a caller can send candidates it made itself.
///
/// A patch is admitted when its text is not empty, fits the token cap, carries no data delimiters, targets a known
/// failure category, passes the ``InjectionGuard`` (no copied logged text, no address, phone number or credential),
/// and applies to the prompt (an anchor that exists for `insert_after` and `replace`). Whether a patch is worth
/// having (new to the prompt, not a rewording of another) is a separate judgement LLM mode adds on top.
package struct PatchAdmission: Sendable {
    /// The prompt the patches are written against.
    package let prompt: String
    let guardrail: InjectionGuard
    let maxPatchTokens: Int

    /// Why a patch was not admitted: one line for the caller.
    package struct Refusal: Error, Sendable, Hashable {
        package var reason: String
    }

    /// - Parameters:
    ///   - prompt: the prompt the patches are written against.
    ///   - representatives: the cluster's logged failures, whose text a patch may not copy.
    ///   - configuration: the token cap and the guard's span length. Default the generator's defaults.
    package init(
        prompt: String, representatives: [ClusterRepresentative],
        configuration: PatchGeneratorConfiguration = PatchGeneratorConfiguration()
    ) {
        self.prompt = prompt
        self.guardrail = InjectionGuard(
            representatives: representatives, basePrompt: prompt, spanLength: configuration.injectionSpanTokens)
        self.maxPatchTokens = configuration.maxPatchTokens
    }

    /// The prompt with the patch applied, or why the patch may not be applied.
    ///
    /// - Complexity: O(patch length + prompt length).
    package func admit(
        _ text: String, operation: PatchOperation, anchor: String?, targets: [FailureCategory]
    ) -> Result<String, Refusal> {
        func refuse(_ reason: String) -> Result<String, Refusal> { .failure(Refusal(reason: reason)) }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return refuse("empty patch_text") }
        guard TokenEstimate.count(text) <= self.maxPatchTokens else {
            return refuse("patch_text is longer than \(self.maxPatchTokens) tokens")
        }
        if ["<<<", ">>>", "untrusted"].contains(where: { text.lowercased().contains($0) }) {
            return refuse("patch_text contains the data delimiters")
        }
        guard !targets.isEmpty else {
            return refuse(
                "targets name no known failure mode (expected some of: "
                    + FailureCategory.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        if let violation = self.guardrail.violation(in: text) { return refuse(violation) }
        guard let patched = operation.apply(text, anchor: anchor, to: self.prompt) else {
            return refuse("the anchor for \(operation.rawValue) is missing or not in the prompt")
        }
        return .success(patched)
    }

    /// Why a finished candidate (as the generator and the ranker return it) may not be applied, or `nil`: the checks
    /// of ``admit(_:operation:anchor:targets:)``, and its `prompt_text` must be the prompt with its patch applied.
    package func refusal(of candidate: PatchCandidate) -> String? {
        switch self.admit(
            candidate.patchText, operation: candidate.operation, anchor: candidate.anchor,
            targets: candidate.targetCategories)
        {
        case .failure(let refusal):
            return refusal.reason
        case .success(let patched) where patched != candidate.promptText:
            return "prompt_text is not the base prompt with this patch applied"
        case .success:
            return nil
        }
    }
}
