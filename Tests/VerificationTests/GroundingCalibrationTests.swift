import Experiences
import Foundation
import Testing

@testable import Verification

/// A deployment's labelled responses move the flag's threshold to where its own domain needs it.
struct GroundingCalibrationTests {
    static let context = "The Cascade Pro costs 120 euros. It weighs 2.1 kilograms. It comes with a 3-year warranty."

    /// A domain where right answers add one unstated word per stated one (an unaligned share of ½, which the shipped
    /// threshold flags) and hallucinated ones state nothing the context does (a share of 1).
    static func examples(count: Int) -> [GroundingCalibration.Example] {
        let fillers = ["lovely", "sturdy", "handy", "popular", "elegant", "durable", "compact", "reliable"]
        let inventions = ["titanium frame", "lifetime guarantee", "Berlin factory", "carbon shell", "golden hinges"]
        return (0..<count).flatMap { index -> [GroundingCalibration.Example] in
            let input = "Tell me about the Cascade Pro (\(index))?"
            let right = "A \(fillers[index % fillers.count]) warranty."
            let invented = "It has a \(inventions[index % inventions.count])."
            return [
                .init(
                    experience: Experience(id: "r\(index)", input: input, context: Self.context, response: right),
                    hallucinated: false),
                .init(
                    experience: Experience(id: "h\(index)", input: input, context: Self.context, response: invented),
                    hallucinated: true),
            ]
        }
    }

    @Test func aDomainWhoseRightAnswersTheShippedThresholdFlagsGetsItsOwnThreshold() throws {
        let outcome = try GroundingCalibration.calibrate(Self.examples(count: 20))
        #expect(outcome.examples == 40 && outcome.hallucinated == 20)
        #expect(outcome.shippedAccuracy < 0.6, "the shipped threshold flags the right answers too")
        #expect(outcome.crossValidatedAccuracy > 0.95 && outcome.fittedAccuracy > 0.95, "\(outcome)")
        #expect(outcome.flaggedShare > 0.5 && outcome.flaggedShare <= 1, "\(outcome.flaggedShare)")

        // The file it writes reads back as the same model, and a verifier with it names itself apart.
        let reread = try FittedGroundingModel.load(from: try outcome.fitted.jsonData())
        #expect(reread == outcome.fitted)
        let calibrated = try Verifier(
            configuration: VerifierConfiguration(
                groundingModel: reread.model, hallucinationThreshold: reread.threshold))
        #expect(calibrated.name.hasPrefix("kaizen-verifier/2+grounding-") && calibrated.name.count == 36)
        #expect(try Verifier().name == "kaizen-verifier/2")
        #expect(outcome.fitted.provenance["balanced_accuracy"]?.contains("5-fold cross-validated") == true)
    }

    @Test func tooFewOfALabelOrLabelsThatDoNotRiseWithTheShareAreRefused() throws {
        let examples = Self.examples(count: 20)
        #expect(throws: VerificationError.self) {
            try GroundingCalibration.calibrate(Array(examples.prefix(18)))
        }
        let reversed = examples.map {
            GroundingCalibration.Example(experience: $0.experience, hallucinated: !$0.hallucinated)
        }
        let error = #expect(throws: VerificationError.self) { try GroundingCalibration.calibrate(reversed) }
        #expect(error?.reason.contains("does not rise with hallucination") == true, "\(String(describing: error))")
    }
}
