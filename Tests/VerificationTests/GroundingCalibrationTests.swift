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

    /// A QA domain whose right answers are spans of the knowledge and whose wrong ones add a word of their own to
    /// a sentence of supported ones: the calibration turns the unsupported-answer share on, and the file keeps it.
    @Test func anExtractiveDomainGetsTheUnsupportedAnswerShare() throws {
        let context = """
            Mara Quinlan is an Irish writer and former reporter, born in Castlebar in 1961. She wrote The Harbour \
            Light, a novel set in the fishing port of Ashford, printed by Kellan Press.
            """
        let additions = ["quietly", "proudly", "famously", "mostly", "briefly", "happily", "rarely", "gladly"]
        let examples = (0..<24).flatMap { index -> [GroundingCalibration.Example] in
            let question = "Where was the author of The Harbour Light born (\(index))?"
            let wrong = "Mara Quinlan, an Irish writer and reporter, \(additions[index % 8]) wrote in Castlebar."
            // Half the right answers join words of both sentences, which the grounding model's share counts as
            // much as the wrong answers' one invented word: no threshold separates the two, unsupported words do.
            let right =
                index % 2 == 0 ? "Castlebar" : "Mara Quinlan, who wrote The Harbour Light, was born in Castlebar."
            return [
                .init(
                    experience: Experience(id: "r\(index)", input: question, context: context, response: right),
                    hallucinated: false),
                .init(
                    experience: Experience(id: "h\(index)", input: question, context: context, response: wrong),
                    hallucinated: true),
            ]
        }
        let outcome = try GroundingCalibration.calibrate(examples)
        #expect(outcome.fitted.unsupportedAnswerShare != nil, "\(outcome.fitted.provenance)")
        #expect(outcome.crossValidatedAccuracy > outcome.shippedAccuracy + 0.2, "\(outcome)")
        let reread = try FittedGroundingModel.load(from: try outcome.fitted.jsonData())
        #expect(reread == outcome.fitted)
        // A verifier configured from it takes the share, and names itself apart from the shipped one. (Built here, not
        // through `GroundingModel.useCalibrated`: that is process-wide, and tests running beside this one would score
        // with it. `CalibrateCommandTests` checks the process-wide path in a process of its own.)
        let configuration = VerifierConfiguration(
            groundingModel: reread.model, hallucinationThreshold: reread.threshold,
            unsupportedAnswerShare: reread.unsupportedAnswerShare)
        #expect(configuration.unsupportedAnswerShare == outcome.fitted.unsupportedAnswerShare)
        #expect(try Verifier(configuration: configuration).name != "kaizen-verifier/2")

        // The chat-like domain above keeps it off: its right answers add words of their own.
        #expect(try GroundingCalibration.calibrate(Self.examples(count: 20)).fitted.unsupportedAnswerShare == nil)
        // And a share outside 0...1 in a model file is refused.
        var broken = reread
        broken.unsupportedAnswerShare = 2
        #expect(throws: VerificationError.self) { try FittedGroundingModel.load(from: try broken.jsonData()) }
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
