import LanguageModels
import PatchGeneration
import RLTraining

/// Turns a variant (one choice per cluster) into the system prompt it stands for.
///
/// Chosen patches are applied in cluster order to the base prompt, each with its own operation. A patch whose
/// anchor an earlier patch moved or removed is appended instead, so every variant is a usable prompt. A patch that
/// would contradict an instruction already in the text (``InstructionFamily/conflicts``: an abstention rule beside
/// "decline only what is unsafe") is left out, so no version tells the model both; the earlier cluster (the more
/// severe) keeps its patch.
struct VariantPrompts: Sendable {
    let base: String
    var clusters: [[PatchCandidate]]

    func prompt(for variant: Variant) -> String {
        var text = self.base
        for (cluster, choice) in variant.choices.enumerated() where choice != Variant.noPatch {
            let candidate = self.clusters[cluster][choice - 1]
            // Two clusters may choose the same instruction; say it once.
            if text.contains(candidate.patchText) { continue }
            if candidate.operation != .replace {
                let present = InstructionFamily.present(in: text)
                let adds = InstructionFamily.present(in: candidate.patchText).subtracting(present)
                if !InstructionFamily.contradictions(adding: adds, to: present).isEmpty { continue }
            }
            text = candidate.apply(to: text) ?? PatchOperation.append.apply(candidate.patchText, anchor: nil, to: text)!
        }
        return text
    }

    /// The chosen patch ids by cluster id (`nil` for "no patch").
    func patchIDs(for variant: Variant, clusterIDs: [String]) -> [String: String?] {
        var ids: [String: String?] = [:]
        for (cluster, choice) in variant.choices.enumerated() {
            ids[clusterIDs[cluster]] =
                choice == Variant.noPatch ? String?.none : self.clusters[cluster][choice - 1].patchID
        }
        return ids
    }
}
