import Foundation
import Testing

/// `kaizen calibrate` writes a model that `KAIZEN_VERIFIER_GROUNDING_MODEL` then makes every verifier use.
struct CalibrateCommandTests {
    static let context = "The Cascade Pro costs 120 euros. It weighs 2.1 kilograms. It comes with a 3-year warranty."

    /// Right answers that add an unstated word per stated one, hallucinated ones that state nothing stated.
    static func lines(count: Int) -> String {
        let fillers = ["lovely", "sturdy", "handy", "popular", "elegant", "durable", "compact", "reliable"]
        let inventions = ["titanium frame", "lifetime guarantee", "Berlin factory", "carbon shell", "golden hinges"]
        return (0..<count).flatMap { index in
            [(("A \(fillers[index % fillers.count]) warranty."), false), ("It has a \(inventions[index % 5]).", true)]
                .map { response, hallucinated in
                    let object: [String: Any] = [
                        "input": "Tell me about the Cascade Pro (\(index))?", "context": Self.context,
                        "response": response, "hallucinated": hallucinated,
                    ]
                    return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
                }
        }.joined(separator: "\n") + "\n"
    }

    @Test func theCalibratedModelChangesVerdictsWhereTheSettingNamesIt() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try kaizen.write("labelled.jsonl", Self.lines(count: 30))
        let run = try await kaizen.run(["calibrate", "labelled.jsonl", "--output", "mine.json"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("calibrated on 60 labelled responses (30 hallucinated), 5-fold"), "\(run)")
        #expect(run.stdout.contains("use it: export KAIZEN_VERIFIER_GROUNDING_MODEL=mine.json"), "\(run)")

        let right =
            #"{"input":"Tell me about the Cascade Pro?","context":"\#(Self.context)","response":"A sturdy warranty."}"#
        try kaizen.write("one.jsonl", right + "\n")
        let shipped = try await kaizen.run(["verify", "one.jsonl"])
        #expect(shipped.status == 0 && shipped.stdout.contains(#""hallucination":true"#), "\(shipped)")
        let calibrated = try await kaizen.run(
            ["verify", "one.jsonl"], environment: ["KAIZEN_VERIFIER_GROUNDING_MODEL": "mine.json"])
        #expect(calibrated.status == 0 && calibrated.stdout.contains(#""hallucination":false"#), "\(calibrated)")
    }

    @Test func unusableModelsAndLabelsAreNamed() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try kaizen.write("one.jsonl", #"{"input":"q","response":"a"}"# + "\n")
        try kaizen.write("broken.json", #"{"intercept": 1}"#)
        for (file, message) in [
            ("missing.json", "cannot read the grounding model missing.json: no such readable file"),
            (
                "broken.json",
                "the grounding model broken.json is unusable: grounding model JSON is invalid: field 'weights' is required"
            ),
        ] {
            let run = try await kaizen.run(
                ["verify", "one.jsonl"], environment: ["KAIZEN_VERIFIER_GROUNDING_MODEL": file])
            #expect(run.status != 0 && run.stderr == "error: KAIZEN_VERIFIER_GROUNDING_MODEL: \(message)\n", "\(run)")
        }
        try kaizen.write(
            "unlabelled.jsonl",
            #"{"input":"q","response":"a","hallucinated":true}"# + "\n" + #"{"input":"q","response":"b"}"# + "\n")
        let unlabelled = try await kaizen.run(["calibrate", "unlabelled.jsonl"])
        #expect(
            unlabelled.status == 1 && unlabelled.stderr == "error: line 2: field 'hallucinated' is required\n",
            "\(unlabelled)")
        let few = try await kaizen.run(["calibrate", "one.jsonl"])
        #expect(few.status == 1 && few.stderr.contains("field 'hallucinated' is required"), "\(few)")
        for (output, message) in [
            (".", "error: --output . is a folder; name the file to write\n"),
            (
                "one.jsonl/m.json",
                "error: --output one.jsonl/m.json: \(kaizen.path("one.jsonl")) is a file, not a folder\n"
            ),
        ] {
            let run = try await kaizen.run(["calibrate", "unlabelled.jsonl", "--output", output])
            #expect(run.status == 1 && run.stderr == message, "\(run)")
        }
        let folds = try await kaizen.run(["calibrate", "one.jsonl", "--folds", "1"])
        #expect(folds.status == 64, "\(folds)")
    }
}
