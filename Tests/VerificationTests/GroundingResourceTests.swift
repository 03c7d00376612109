import Experiences
import Foundation
import Testing
import Verification

/// The shipped grounding model is a JSON resource written by `Scripts/fit_grounding_model.py`; these tests check that
/// it loads, that a wrong one is refused with a clear error, and that it matches what the script produces from the
/// features this build computes.
struct GroundingResourceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let data = root.deletingLastPathComponent().appendingPathComponent("shared/data")
    static let dialogue = data.appendingPathComponent("halueval_dialogue_data.json").path
    static let summarization = data.appendingPathComponent("halueval_summarization_sample.jsonl").path

    /// Runs `python3 ARGUMENTS` from the repository root; nil when python3 cannot be started.
    static func python(_ arguments: [String]) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = Self.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static let canCheck =
        FileManager.default.fileExists(atPath: Self.dialogue) && FileManager.default.fileExists(atPath: Self.summarization)
        && Self.python(["-c", "import numpy"])?.status == 0

    @Test func bundledModelLoadsWithProvenance() throws {
        let fitted = try FittedGroundingModel.loadBundled()
        #expect(fitted.model.featureWeights.count == GroundingFeatures.names.count)
        #expect(fitted.threshold > 0 && fitted.threshold < 1)
        #expect(fitted.provenance["script"] == "Scripts/fit_grounding_model.py")
        #expect(fitted.provenance["split"]?.contains("20251128") == true)
        #expect(GroundingModel.shipped == fitted.model)
        // Signs as the fit constrains them.
        for (weight, direction) in zip(fitted.model.featureWeights, GroundingFeatures.directions) {
            #expect(weight * direction >= 0)
        }
    }

    @Test func modelForOtherFeaturesIsRefusedClearly() throws {
        let json = #"{"intercept": 0, "weights": {"bieber": 1}, "threshold": 0.5, "provenance": {}}"#
        let error = #expect(throws: VerificationError.self) { try FittedGroundingModel.load(from: Data(json.utf8)) }
        #expect(error?.description.contains("refit with Scripts/fit_grounding_model.py") == true)
        #expect(throws: VerificationError.self) { try FittedGroundingModel.load(from: Data("{".utf8)) }
    }

    /// Dumps the features of the first 40 records of each domain (the rows the resource records) the way
    /// `VerifierBenchmark --dump-features` does, and runs the script's check on them: the resource must match what
    /// this build computes, and a changed feature value must fail the check. Only the recorded rows are compared
    /// (dumping everything in debug takes too long); the full refit comparison runs when the script is given the
    /// benchmark's complete dump.
    @Test(.enabled(if: GroundingResourceTests.canCheck))
    func resourceMatchesWhatTheScriptProduces() throws {
        let items =
            try GroundingFitData.dialogue(jsonLines: String(contentsOfFile: Self.dialogue, encoding: .utf8), limit: 40)
            + GroundingFitData.summarization(
                jsonLines: String(contentsOfFile: Self.summarization, encoding: .utf8), limit: 40)
        let verifier = try Verifier()
        var table = GroundingFitData.header
        for item in items {
            table += GroundingFitData.row(item, analysis: verifier.analyse(output: item.response, for: verifier.prepare(item.experience)))
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kaizen-grounding-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("features.tsv")
        try table.write(to: good, atomically: true, encoding: .utf8)
        let result = try #require(Self.python(["Scripts/fit_grounding_model.py", "--check", good.path]))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("checked "))

        // One feature of one recorded fitting row changed: the check must fail.
        var lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.indices.first { lines[$0].hasPrefix("dialogue\t") && lines[$0].contains("\tfit\t") })
        var fields = lines[index].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        fields[5] = String((Double(fields[5]) ?? 0) + 0.25)
        lines[index] = fields.joined(separator: "\t")
        let bad = directory.appendingPathComponent("changed.tsv")
        try lines.joined(separator: "\n").write(to: bad, atomically: true, encoding: .utf8)
        let failed = try #require(Self.python(["Scripts/fit_grounding_model.py", "--check", bad.path]))
        #expect(failed.status != 0, "\(failed.output)")
    }
}
