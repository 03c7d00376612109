import Experiences
import Foundation

/// Fits the grounding model to a deployment's own labelled responses (`kaizen calibrate`).
///
/// The shipped model ranks responses of an unseen domain well but puts its flag threshold where its fitting domains
/// wanted it: fitted on HaluEval dialogue, it flags almost no summary of HaluEval summarization (balanced accuracy
/// 0.52, where the best threshold for the same ranking reaches 0.72; `Benchmarks/README.md`). A few labelled responses
/// of the deployment's own domain fix the threshold: this fits the shipped model's features with the shipped loss on
/// them, and reports the flag's balanced accuracy on folds it was not fitted on beside the shipped model's. It also
/// turns on ``VerifierConfiguration/unsupportedAnswerShare`` where the labels say answers should be extractive.
package enum GroundingCalibration {
    /// One labelled response: the experience (its `response` is what was labelled) and whether it is a hallucination.
    package struct Example: Sendable {
        package var experience: Experience
        package var hallucinated: Bool

        package init(experience: Experience, hallucinated: Bool) {
            self.experience = experience
            self.hallucinated = hallucinated
        }
    }

    /// A calibration and how well its flag does.
    package struct Outcome: Sendable {
        /// The model fitted on every example, with its threshold and provenance.
        package var fitted: FittedGroundingModel
        package var examples: Int
        package var hallucinated: Int
        /// Balanced accuracy of the verifier's hallucination flag with ``fitted``, on the examples it was fitted on.
        package var fittedAccuracy: Double
        /// The flag's balanced accuracy on each fold's examples with the model fitted on the other folds, pooled: what
        /// to expect on responses the calibration has not seen.
        package var crossValidatedAccuracy: Double
        /// The shipped model's flag on every example.
        package var shippedAccuracy: Double
        /// The unaligned share at and above which ``fitted`` flags a response (its threshold in the feature's terms).
        package var flaggedShare: Double
    }

    /// Each label needs at least this many examples: fewer cannot place a threshold worth shipping.
    package static let minimumPerLabel = 10

    /// The fold counts a cross-validation may have: at least 2, and at most one fold per example of the rarer label.
    package static let foldCounts = 2...Self.minimumPerLabel

    /// Fits the model on `examples` and measures it with `folds`-fold cross-validation (example `i` is in fold
    /// `i mod folds`; `folds` is brought into ``foldCounts``).
    ///
    /// - Parameter provenance: recorded in the fitted model besides what the fit adds (rows, accuracies).
    /// - Throws: ``VerificationError`` when a label has fewer than ``minimumPerLabel`` examples, or when the
    ///   features do not rise with hallucination on them (the fit would flag everything or nothing).
    package static func calibrate(
        _ examples: [Example], folds: Int = 5, provenance: [String: String] = [:]
    ) throws -> Outcome {
        let hallucinated = examples.count(where: \.hallucinated)
        let grounded = examples.count - hallucinated
        guard min(hallucinated, grounded) >= Self.minimumPerLabel else {
            throw VerificationError.invalidConfiguration(
                "calibration needs at least \(Self.minimumPerLabel) hallucinated and \(Self.minimumPerLabel) "
                    + "grounded responses; got \(hallucinated) and \(grounded)")
        }
        let folds = min(max(folds, Self.foldCounts.lowerBound), Self.foldCounts.upperBound)
        let shippedVerifier = try Verifier(
            configuration: VerifierConfiguration(
                groundingModel: .shipped, hallucinationThreshold: GroundingModel.shippedThreshold))
        let features = examples.map { example in
            shippedVerifier.analyse(
                output: example.experience.response, for: shippedVerifier.prepare(example.experience)
            ).features.values
        }
        let labels = examples.map(\.hallucinated)

        let (model, threshold) = try Self.fit(features, labels)
        let all = Array(examples.indices)
        let share = try Self.share(examples, all, model: model, threshold: threshold)
        var outOfFold = [Bool](repeating: false, count: examples.count)
        for fold in 0..<folds {
            let training = all.filter { $0 % folds != fold }
            let held = all.filter { $0 % folds == fold }
            let (foldModel, foldThreshold) = try Self.fit(training.map { features[$0] }, training.map { labels[$0] })
            let foldShare = try Self.share(examples, training, model: foldModel, threshold: foldThreshold)
            let flags = try Self.flags(examples, held, model: foldModel, threshold: foldThreshold, share: foldShare)
            for (index, flag) in zip(held, flags) { outOfFold[index] = flag }
        }
        let fittedAccuracy = GroundingModelFit.balancedAccuracy(
            labels, try Self.flags(examples, all, model: model, threshold: threshold, share: share))
        let crossValidated = GroundingModelFit.balancedAccuracy(labels, outOfFold)
        let shipped = GroundingModelFit.balancedAccuracy(
            labels,
            try Self.flags(
                examples, all, model: .shipped, threshold: GroundingModel.shippedThreshold,
                share: GroundingModel.bundled.unsupportedAnswerShare))
        let weight = model.featureWeights[0]
        let flaggedShare = (log(threshold / (1 - threshold)) - model.intercept) / weight

        var record = provenance
        record["fitted_on"] = "\(examples.count) labelled responses (\(hallucinated) hallucinated)"
        record["loss"] =
            "as the shipped model's (Docs/verifier.md): logistic, L2 \(GroundingModelFit.l2) on the feature weight, Newton's method"
        record["threshold"] = "risk maximising balanced accuracy on the labelled responses"
        record["unsupported_answer_share"] =
            share.map { "\($0): of \(Self.shares.compactMap { $0 }), the one that raised balanced accuracy most" }
            ?? "off: no share of \(Self.shares.compactMap { $0 }) raised balanced accuracy by \(Self.shareGain)"
        record["balanced_accuracy"] = String(
            format: "in sample %.4f, %d-fold cross-validated %.4f, shipped model %.4f", fittedAccuracy, folds,
            crossValidated, shipped)
        return Outcome(
            fitted: FittedGroundingModel(
                model: model, threshold: threshold, provenance: record, unsupportedAnswerShare: share),
            examples: examples.count, hallucinated: hallucinated, fittedAccuracy: fittedAccuracy,
            crossValidatedAccuracy: crossValidated, shippedAccuracy: shipped, flaggedShare: flaggedShare)
    }

    /// The shipped fit on one domain; refuses a fit whose feature weight came out 0 (a constant risk).
    private static func fit(_ features: [[Double]], _ labels: [Bool]) throws -> (GroundingModel, Double) {
        let (model, threshold) = GroundingModelFit.fit(
            features: features, labels: labels, domains: Array(repeating: "own", count: labels.count))
        guard model.featureWeights.allSatisfy({ $0 > 0 }) else {
            throw VerificationError.invalidConfiguration(
                "on these responses the share of unsupported words does not rise with hallucination, so no threshold "
                    + "separates them; check the labels (true = hallucinated) and that each line carries its context")
        }
        return (model, threshold)
    }

    /// The ``VerifierConfiguration/unsupportedAnswerShare`` values a calibration tries, off first.
    package static let shares: [Double?] = [nil, 0.3, 0.2, 0.1]

    /// How much a share must raise the flag's balanced accuracy over leaving it off to be chosen: a rule that flags
    /// whatever the threshold is worth its cost only where it clearly helps.
    package static let shareGain = 0.02

    /// The share of ``shares`` whose flag, with `model` and `threshold`, has the highest balanced accuracy on the
    /// examples at `indices`, when it beats leaving it off by at least ``shareGain``; else `nil`.
    private static func share(
        _ examples: [Example], _ indices: [Int], model: GroundingModel, threshold: Double
    ) throws -> Double? {
        let labels = indices.map { examples[$0].hallucinated }
        var best: (share: Double?, accuracy: Double)?
        for share in Self.shares {
            let accuracy = GroundingModelFit.balancedAccuracy(
                labels, try Self.flags(examples, indices, model: model, threshold: threshold, share: share))
            guard let current = best else {
                best = (share, accuracy + Self.shareGain)  // off must be beaten by the gain
                continue
            }
            if accuracy > current.accuracy { best = (share, accuracy) }
        }
        return best?.share
    }

    /// The verifier's hallucination flag on the examples at `indices` with `model`, `threshold` and `share`.
    private static func flags(
        _ examples: [Example], _ indices: [Int], model: GroundingModel, threshold: Double, share: Double?
    ) throws -> [Bool] {
        let verifier = try Verifier(
            configuration: VerifierConfiguration(
                groundingModel: model, hallucinationThreshold: threshold, unsupportedAnswerShare: share))
        return indices.map { verifier.verify(examples[$0].experience).hallucination }
    }
}
