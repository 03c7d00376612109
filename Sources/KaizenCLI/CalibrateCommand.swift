import ArgumentParser
import Experiences
import Foundation
import Verification

/// `kaizen calibrate`: fit the verifier's grounding model to labelled responses of the deployment's own domain.
struct CalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit the verifier's hallucination threshold to labelled responses of your own domain.",
        discussion: """
            Reads JSON Lines in kaizen verify's shape with a label: {input, context?, response, reference?, \
            metadata?, hallucinated: true|false}, at least \(GroundingCalibration.minimumPerLabel) of each label \
            (a few hundred place the threshold well). Fits the shipped model's features with the shipped loss, \
            turns on the unsupported-answer share where answers to single questions should be extractive, \
            prints the hallucination flag's balanced accuracy on folds it was not fitted on beside the shipped \
            model's, and writes the model file. KAIZEN_VERIFIER_GROUNDING_MODEL=FILE makes every command and \
            service use it; versions trained with it name it in their provenance's verifier. Docs/verifier.md, \
            "Calibrating to your domain".
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The labelled .jsonl file ('-' for standard input).")
    var file: String

    @Option(help: "Where to write the fitted model.")
    var output = "grounding-model.json"

    @Option(
        help:
            "Folds of the cross-validation (\(GroundingCalibration.foldCounts.lowerBound)-\(GroundingCalibration.foldCounts.upperBound))."
    )
    var folds = 5

    func validate() throws {
        try requireInRange(self.folds, GroundingCalibration.foldCounts, option: "--folds")
    }

    func run() async throws {
        _ = try KaizenEnvironment(options: self.global)
        try OutputFile.check(self.output, option: "--output")
        let text =
            self.file == "-"
            ? try InputFile.text(FileHandle.standardInput.readDataToEndOfFile(), named: "standard input")
            : try InputFile.readText(self.file)
        let examples = try Self.examples(in: text)
        let outcome: GroundingCalibration.Outcome
        do {
            outcome = try GroundingCalibration.calibrate(
                examples, folds: self.folds,
                provenance: [
                    "script": "kaizen calibrate", "data": self.file == "-" ? "standard input" : self.file,
                    "calibrated_at": ISO8601DateFormatter().string(from: Date()),
                ])
        } catch let error as VerificationError {
            throw CommandFailure(error.reason)
        }
        try OutputFile.write(try outcome.fitted.jsonData(), to: self.output, option: "--output")
        let model = outcome.fitted.model
        say(
            "calibrated on \(outcome.examples) labelled responses (\(outcome.hallucinated) hallucinated), "
                + "\(self.folds)-fold cross-validation")
        say(
            Table(
                headers: ["hallucination flag", "balanced accuracy"],
                rows: [
                    ["shipped model", String(format: "%.3f", outcome.shippedAccuracy)],
                    [
                        "calibrated, on folds it was not fitted on",
                        String(format: "%.3f", outcome.crossValidatedAccuracy),
                    ],
                    ["calibrated, on every response (in sample)", String(format: "%.3f", outcome.fittedAccuracy)],
                ]
            ).rendered())
        say(
            String(
                format:
                    "wrote %@: intercept %.4f, weight %.4f, threshold %.6f (flags an unaligned share of at least %.3f)",
                self.output, model.intercept, model.featureWeights[0], outcome.fitted.threshold, outcome.flaggedShare))
        if let share = outcome.fitted.unsupportedAnswerShare {
            say(
                "it also flags an answer to a single question when \(share) or more of its content words are "
                    + "unsupported: on these responses that raised the flag's balanced accuracy by at least "
                    + "\(GroundingCalibration.shareGain)")
        }
        if outcome.crossValidatedAccuracy <= outcome.shippedAccuracy {
            say("the calibrated model does no better than the shipped one on unseen folds: keep the shipped one")
        } else {
            say("use it: export KAIZEN_VERIFIER_GROUNDING_MODEL=\(self.output)")
        }
    }

    /// The labelled lines of `text`, read as `kaizen verify` reads its lines.
    /// - Throws: ``CommandFailure`` naming the first bad line.
    static func examples(in text: String) throws -> [GroundingCalibration.Example] {
        var examples: [GroundingCalibration.Example] = []
        do {
            try Verifier.forEachLine(of: text, as: LabelledLine.self) { labelled in
                examples.append(.init(experience: labelled.record.experience, hallucinated: labelled.hallucinated))
            }
        } catch let error as VerificationError {
            throw CommandFailure(error.description)
        }
        return examples
    }

    /// A verify line with its label.
    private struct LabelledLine: Decodable {
        var record: VerificationRecord
        var hallucinated: Bool

        init(from decoder: any Decoder) throws {
            self.record = try VerificationRecord(from: decoder)
            self.hallucinated = try decoder.container(keyedBy: AnyCodingKey.self).decode(
                Bool.self, forKey: AnyCodingKey(stringValue: "hallucinated"))
        }
    }
}
