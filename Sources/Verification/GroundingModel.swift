import Experiences
import Foundation
import Synchronization

/// A logistic model of hallucination risk over a response's ``GroundingFeatures``.
///
/// `logit = intercept + Σ_i featureWeights[i] · feature_i`, `risk = 1 / (1 + e^(−logit))`. There are no word
/// weights: a model that knows which words get invented only knows the domain it was fitted on. The shipped model
/// (``shipped``) is read from the bundled resource `grounding-model.json`, which `Scripts/fit_grounding_model.py`
/// writes (see `Docs/verifier.md`); tests may pass small hand-written models.
package struct GroundingModel: Sendable, Hashable, Codable {
    /// The bias term.
    package var intercept: Double
    /// One weight per feature, in the order of ``GroundingFeatures/names``.
    package var featureWeights: [Double]

    /// Creates a model.
    ///
    /// - Parameters:
    ///   - intercept: the bias term.
    ///   - featureWeights: one weight per ``GroundingFeatures/names`` entry.
    package init(intercept: Double, featureWeights: [Double]) {
        self.intercept = intercept
        self.featureWeights = featureWeights
    }

    /// The log-odds of a hallucination.
    ///
    /// - Complexity: O(f) for f features.
    package func logit(features: GroundingFeatures) -> Double {
        var total = self.intercept
        for (weight, value) in zip(self.featureWeights, features.values) { total += weight * value }
        return total
    }

    /// The hallucination risk in 0...1: the logistic function of ``logit(features:)``.
    package func risk(features: GroundingFeatures) -> Double {
        1 / (1 + exp(-self.logit(features: features)))
    }

    /// Checks the model: one finite weight per feature and a finite intercept.
    ///
    /// - Throws: ``VerificationError`` naming what is wrong.
    package func validate() throws {
        if self.featureWeights.count != GroundingFeatures.names.count {
            throw VerificationError.invalidConfiguration(
                "the grounding model needs \(GroundingFeatures.names.count) feature weights, got \(self.featureWeights.count)"
            )
        }
        if !self.intercept.isFinite || self.featureWeights.contains(where: { !$0.isFinite }) {
            throw VerificationError.invalidConfiguration("grounding model weights must be finite")
        }
    }
}

/// The fitted grounding model as `Scripts/fit_grounding_model.py` writes it to `grounding-model.json`: weights by
/// feature name, the flag threshold chosen on the fitting data, and where they came from.
package struct FittedGroundingModel: Sendable, Hashable, Decodable {
    /// The model, with weights in the order of ``GroundingFeatures/names``.
    package var model: GroundingModel
    /// The risk threshold that maximised balanced accuracy on the fitting data.
    package var threshold: Double
    /// What produced the weights (script, data, split, regularisation), as the script recorded it.
    package var provenance: [String: String]
    /// The ``VerifierConfiguration/unsupportedAnswerShare`` a verifier with this model takes by default: `nil` (off)
    /// for the shipped model; `kaizen calibrate` sets it where it helps on the deployment's labelled responses.
    package var unsupportedAnswerShare: Double?

    private enum CodingKeys: String, CodingKey {
        case intercept, weights, threshold, provenance
        case unsupportedAnswerShare = "unsupported_answer_share"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let weights = try container.decode([String: Double].self, forKey: .weights)
        let names = GroundingFeatures.names
        if Set(weights.keys) != Set(names) {
            throw VerificationError.invalidConfiguration(
                "the grounding model's weights are for features \(weights.keys.sorted()), the verifier computes "
                    + "\(names.sorted()); refit with Scripts/fit_grounding_model.py")
        }
        self.model = GroundingModel(
            intercept: try container.decode(Double.self, forKey: .intercept),
            featureWeights: names.map { weights[$0] ?? .nan })
        self.threshold = try container.decode(Double.self, forKey: .threshold)
        self.provenance = try container.decode([String: String].self, forKey: .provenance)
        self.unsupportedAnswerShare = try container.decodeIfPresent(Double.self, forKey: .unsupportedAnswerShare)
        if let share = self.unsupportedAnswerShare, !(share >= 0 && share <= 1) {
            throw VerificationError.invalidConfiguration(
                "the grounding model's unsupported_answer_share must be in 0...1, got \(share)")
        }
        try self.model.validate()
    }

    /// Reads a fitted model from JSON.
    ///
    /// - Throws: ``VerificationError`` when the JSON is not a fitted model for the verifier's features.
    package static func load(from data: Data) throws -> FittedGroundingModel {
        do {
            return try JSONDecoder().decode(FittedGroundingModel.self, from: data)
        } catch let error as VerificationError {
            throw error
        } catch let error as DecodingError {
            let problem = DecodingProblem(error)
            throw VerificationError.invalidConfiguration(
                "grounding model JSON is invalid: \(problem.isMalformed ? "not valid JSON" : problem.sentence)")
        } catch {
            throw VerificationError.invalidConfiguration("grounding model JSON is invalid: \(error)")
        }
    }

    /// The model as `grounding-model.json` holds it (the file ``load(from:)`` reads): weights by feature name, the
    /// threshold, the provenance.
    package func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(
            FileShape(
                featureNames: GroundingFeatures.names, intercept: self.model.intercept,
                weights: Dictionary(uniqueKeysWithValues: zip(GroundingFeatures.names, self.model.featureWeights)),
                threshold: self.threshold, provenance: self.provenance,
                unsupportedAnswerShare: self.unsupportedAnswerShare))
    }

    /// The file's fields, for writing.
    private struct FileShape: Encodable {
        var featureNames: [String]
        var intercept: Double
        var weights: [String: Double]
        var threshold: Double
        var provenance: [String: String]
        var unsupportedAnswerShare: Double?

        enum CodingKeys: String, CodingKey {
            case featureNames = "feature_names"
            case intercept, weights, threshold, provenance
            case unsupportedAnswerShare = "unsupported_answer_share"
        }
    }

    /// Creates a fitted model.
    package init(
        model: GroundingModel, threshold: Double, provenance: [String: String], unsupportedAnswerShare: Double? = nil
    ) {
        self.model = model
        self.threshold = threshold
        self.provenance = provenance
        self.unsupportedAnswerShare = unsupportedAnswerShare
    }

    /// Reads a fitted model from a file (`kaizen calibrate` writes one).
    ///
    /// - Throws: ``VerificationError`` naming the file when it cannot be read or is not a fitted model.
    package static func load(path: String) throws -> FittedGroundingModel {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw VerificationError.invalidConfiguration(
                "cannot read the grounding model \(path): no such readable file")
        }
        do {
            let fitted = try Self.load(from: data)
            guard fitted.threshold.isFinite else {
                throw VerificationError.invalidConfiguration("its threshold must be a finite number")
            }
            return fitted
        } catch let error as VerificationError {
            throw VerificationError.invalidConfiguration("the grounding model \(path) is unusable: \(error.reason)")
        }
    }

    /// Reads the bundled `grounding-model.json`.
    ///
    /// - Throws: ``VerificationError`` when the resource is missing or invalid.
    package static func loadBundled() throws -> FittedGroundingModel {
        guard let url = Bundle.module.url(forResource: "grounding-model", withExtension: "json") else {
            throw VerificationError.invalidConfiguration(
                "the bundled resource grounding-model.json is missing from the Verification module; it is declared "
                    + "in Package.swift and written by Scripts/fit_grounding_model.py")
        }
        return try Self.load(from: try Data(contentsOf: url))
    }
}

extension GroundingModel {
    /// The bundled model (``FittedGroundingModel/loadBundled()``), read once. A missing or invalid resource is a
    /// broken build, so it stops the program with the reason rather than scoring with a made-up model.
    package static let bundled: FittedGroundingModel = {
        do {
            return try FittedGroundingModel.loadBundled()
        } catch {
            fatalError("\(error)")
        }
    }()

    /// The shipped model: fitted on one half of HaluEval dialogue and summarization together (see
    /// `Docs/verifier.md`).
    package static var shipped: GroundingModel { Self.bundled.model }

    /// The risk threshold that maximised balanced accuracy on the shipped model's fitting data.
    package static var shippedThreshold: Double { Self.bundled.threshold }

    /// A deployment's own fit (`kaizen calibrate`, `KAIZEN_VERIFIER_GROUNDING_MODEL`), when the process uses one.
    private static let calibrated = Mutex<FittedGroundingModel?>(nil)

    /// Makes `fitted` the model every verifier configured by default uses from now on in this process (`nil`: the
    /// shipped one again). The command line sets it once at startup, before any verifier exists.
    package static func useCalibrated(_ fitted: FittedGroundingModel?) {
        Self.calibrated.withLock { $0 = fitted }
    }

    /// The model and threshold a default ``VerifierConfiguration`` takes: the calibrated ones when set, else the
    /// shipped ones.
    package static var standard: FittedGroundingModel { Self.calibrated.withLock { $0 } ?? Self.bundled }
}
