import Foundation

/// A logistic model of hallucination risk over a response's ``GroundingFeatures`` and its unsupported words.
///
/// `logit = intercept + Σ_i featureWeights[i] · feature_i + Σ_{w ∈ distinct unsupported words} wordWeights[w]`,
/// `risk = 1 / (1 + e^(−logit))`. Word weights are never negative: an unsupported word can only add risk; they say
/// which unsupported words tend to be claims (genres, roles, names) rather than chit-chat. The shipped
/// ``fitted`` model comes from `Scripts/fit_grounding_model.py` (fitted on one half of HaluEval dialogue, see
/// `Docs/verifier.md`); tests may pass small hand-written models.
package struct GroundingModel: Sendable, Hashable, Codable {
    /// The bias term.
    package var intercept: Double
    /// One weight per feature, in the order of ``GroundingFeatures/names``.
    package var featureWeights: [Double]
    /// The weight of each unsupported word, keyed by its comparison form (lowercased, lightly stemmed); a word
    /// not listed weighs 0.
    package var wordWeights: [String: Double]

    /// Creates a model.
    ///
    /// - Parameters:
    ///   - intercept: the bias term.
    ///   - featureWeights: one weight per ``GroundingFeatures/names`` entry.
    ///   - wordWeights: weights of unsupported words (comparison forms), each ≥ 0.
    package init(intercept: Double, featureWeights: [Double], wordWeights: [String: Double] = [:]) {
        self.intercept = intercept
        self.featureWeights = featureWeights
        self.wordWeights = wordWeights
    }

    /// The log-odds of a hallucination.
    ///
    /// - Complexity: O(f + u) for f features and u unsupported words (dictionary look-ups).
    package func logit(features: GroundingFeatures, unsupportedWords: [String]) -> Double {
        var total = self.intercept
        for (weight, value) in zip(self.featureWeights, features.values) { total += weight * value }
        for word in unsupportedWords { total += self.wordWeights[word] ?? 0 }
        return total
    }

    /// The hallucination risk in 0...1: the logistic function of ``logit(features:unsupportedWords:)``.
    package func risk(features: GroundingFeatures, unsupportedWords: [String]) -> Double {
        1 / (1 + exp(-self.logit(features: features, unsupportedWords: unsupportedWords)))
    }

    /// Checks the model: one finite weight per feature, finite intercept, word weights finite and ≥ 0.
    ///
    /// - Throws: ``VerificationError`` naming what is wrong.
    package func validate() throws {
        if self.featureWeights.count != GroundingFeatures.names.count {
            throw VerificationError.invalidConfiguration(
                "the grounding model needs \(GroundingFeatures.names.count) feature weights, got \(self.featureWeights.count)")
        }
        if !self.intercept.isFinite || self.featureWeights.contains(where: { !$0.isFinite }) {
            throw VerificationError.invalidConfiguration("grounding model weights must be finite")
        }
        if self.wordWeights.values.contains(where: { !($0.isFinite && $0 >= 0) }) {
            throw VerificationError.invalidConfiguration("grounding model word weights must be finite numbers >= 0")
        }
    }
}
