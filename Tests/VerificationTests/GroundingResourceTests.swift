import ChildProcesses
import Experiences
import Foundation
import Testing
import Verification

/// The shipped grounding model is a JSON resource written by `Scripts/fit_grounding_model.py`; these tests check that
/// it loads, that a wrong one is refused with a clear error, and that it matches what the script produces from the
/// features this build computes: the recorded rows (the script's `--check`, with numpy), and the weights and threshold
/// refitted on every fitting row (in Swift, ``GroundingModelFit``, so CI needs no numpy; and by the script too when
/// numpy is there).
struct GroundingResourceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let data = root.deletingLastPathComponent().appendingPathComponent("shared/data")
    static let dialogue = data.appendingPathComponent("halueval_dialogue_data.json").path
    static let summarization = data.appendingPathComponent("halueval_summarization_sample.jsonl").path

    /// Runs `python3 ARGUMENTS` from the repository root; nil when python3 cannot be started. The output is
    /// standard output followed by standard error.
    static func python(_ arguments: [String]) async -> (status: Int32, output: String)? {
        guard
            let finished = try? await ChildProcess.run(
                "/usr/bin/env", ["python3"] + arguments, environment: ChildProcess.inherited(),
                directory: Self.root.path)
        else { return nil }
        return (finished.ending.status, finished.stdout + finished.stderr)
    }

    static let hasData =
        FileManager.default.fileExists(atPath: Self.dialogue)
        && FileManager.default.fileExists(atPath: Self.summarization)

    /// Whether the data and numpy are there, asked of python3 once for every test that needs to know.
    static let checkable = Task<Bool, Never> {
        guard Self.hasData else { return false }
        return await Self.python(["-c", "import numpy"])?.status == 0
    }

    static func canCheck() async -> Bool { await Self.checkable.value }

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

    @Test func modelForOtherFeaturesIsRefusedClearly() async throws {
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
    @Test(.enabled { await GroundingResourceTests.canCheck() })
    func resourceMatchesWhatTheScriptProduces() async throws {
        let items =
            try GroundingFitData.dialogue(jsonLines: String(contentsOfFile: Self.dialogue, encoding: .utf8), limit: 40)
            + GroundingFitData.summarization(
                jsonLines: String(contentsOfFile: Self.summarization, encoding: .utf8), limit: 40)
        let verifier = try Verifier()
        var table = GroundingFitData.header
        for item in items {
            table += GroundingFitData.row(
                item, analysis: verifier.analyse(output: item.response, for: verifier.prepare(item.experience)))
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kaizen-grounding-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("features.tsv")
        try table.write(to: good, atomically: true, encoding: .utf8)
        let result = try #require(await Self.python(["Scripts/fit_grounding_model.py", "--check", good.path]))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("checked "))

        // One feature of one recorded fitting row changed: the check must fail.
        var lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(
            lines.indices.first { lines[$0].hasPrefix("dialogue\t") && lines[$0].contains("\tfit\t") })
        var fields = lines[index].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        fields[5] = String((Double(fields[5]) ?? 0) + 0.25)
        lines[index] = fields.joined(separator: "\t")
        let bad = directory.appendingPathComponent("changed.tsv")
        try lines.joined(separator: "\n").write(to: bad, atomically: true, encoding: .utf8)
        let failed = try #require(await Self.python(["Scripts/fit_grounding_model.py", "--check", bad.path]))
        #expect(failed.status != 0, "\(failed.output)")
    }

    /// How far a refitted weight (or the intercept) may be from the resource's: the resource rounds to 4 decimals
    /// (at most 5·10⁻⁵ off) and the two Newton solvers agree to far less; the script's own `--check` allows the same.
    static let weightTolerance = 1e-4
    /// How far the refitted threshold may be from the resource's (the script's `THRESHOLD_TOLERANCE`): with the same
    /// rounded weights the risks agree to about 1e-15, so only a near-tie between two candidate thresholds could move it.
    static let thresholdTolerance = 1e-3

    /// Computes the features of every fitting row of both files (about 12,000 responses; each experience prepared
    /// once for its two responses, the work split over the cores), refits the model in Swift and compares it with the
    /// resource; with numpy, the script's `--check` also refits from the same table and compares.
    @Test(.enabled(if: GroundingResourceTests.hasData))
    func resourceMatchesARefitOnEveryFittingRow() async throws {
        let items =
            try GroundingFitData.dialogue(jsonLines: String(contentsOfFile: Self.dialogue, encoding: .utf8))
            + GroundingFitData.summarization(jsonLines: String(contentsOfFile: Self.summarization, encoding: .utf8))
        let fitting = items.filter(\.fitting)
        let analyses = try await Self.analyses(of: fitting)
        let fitted = GroundingModelFit.fit(
            features: analyses.map(\.features.values), labels: fitting.map(\.hallucinated),
            domains: fitting.map(\.domain))
        let shipped = try FittedGroundingModel.loadBundled()
        #expect(String(fitting.count) == shipped.provenance["fitting_rows"])
        #expect(abs(fitted.model.intercept - shipped.model.intercept) <= Self.weightTolerance)
        for (name, (refitted, resource)) in zip(
            GroundingFeatures.names, zip(fitted.model.featureWeights, shipped.model.featureWeights))
        {
            #expect(
                abs(refitted - resource) <= Self.weightTolerance, "\(name): refitted \(refitted), resource \(resource)")
        }
        #expect(
            abs(fitted.threshold - shipped.threshold) <= Self.thresholdTolerance,
            "refitted threshold \(fitted.threshold), resource \(shipped.threshold)")

        guard await Self.canCheck() else { return }
        var table = GroundingFitData.header
        for (item, analysis) in zip(fitting, analyses) { table += GroundingFitData.row(item, analysis: analysis) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kaizen-grounding-all-\(UUID()).tsv")
        defer { try? FileManager.default.removeItem(at: file) }
        try table.write(to: file, atomically: true, encoding: .utf8)
        let result = try #require(await Self.python(["Scripts/fit_grounding_model.py", "--check", file.path]))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("refit compared"), "\(result.output)")
    }

    /// The analyses of `items` in order, by a verifier that only computes features (its model is never used).
    static func analyses(of items: [GroundingFitData.Item]) async throws -> [GroundingAnalysis] {
        let verifier = try Verifier(
            configuration: VerifierConfiguration(
                groundingModel: GroundingModel(intercept: 0, featureWeights: GroundingFeatures.names.map { _ in 0 }),
                hallucinationThreshold: 0.5))
        let chunks = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let size = (items.count + chunks - 1) / chunks
        return try await withThrowingTaskGroup(of: (Int, [GroundingAnalysis]).self) { group in
            for chunk in 0..<chunks {
                let slice = Array(items[min(items.count, chunk * size)..<min(items.count, (chunk + 1) * size)])
                group.addTask {
                    var prepared: (id: String, experience: PreparedExperience)?
                    let analyses = slice.map { item in
                        if prepared?.id != item.experience.id {
                            prepared = (item.experience.id, verifier.prepare(item.experience))
                        }
                        return verifier.analyse(output: item.response, for: prepared!.experience)
                    }
                    return (chunk, analyses)
                }
            }
            var results: [(Int, [GroundingAnalysis])] = []
            for try await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
