import ArgumentParser
import Evaluation
import Experiences
import Foundation
import LanguageModels
import PromptTraining
import Prompts
import Reporting
import Verification

/// `kaizen eval`: prompt versions side by side on a fixed test set, with an exit code for CI.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score prompt versions side by side on a fixed test set; exit non-zero when one is worse.",
        discussion: """
            Every version answers every experience of the test set with the configured model (the simulator by \
            default), with the same sampling seed per experience for every version, and the verifier judges each \
            answer. Prints per version the mean reward and every failure-mode rate with 95% intervals, and every \
            pairwise difference with a paired 95% interval; writes an HTML report. The test set is a JSON Lines \
            file of experiences or chat logs (--data), as `kaizen experiences import` reads them, except that \
            response, reward and success may be left out (they are not read); or the held-out experiences a \
            stored training job compared (--held-out-of JOB_ID, read from the experience store). With \
            --fail-if-worse-than REF the command exits 1 when a version's mean reward is significantly below \
            REF's (the difference's whole 95% interval below zero), naming the version and the interval.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var models: ModelOptions
    @OptionGroup var judge: JudgeOptions

    @Argument(help: "Prompt versions to compare, e.g. p_v1_1 p_v1_2 (latest, or p_v1_latest for family 1's newest).")
    var versions: [String] = []

    @Option(help: "The test set: JSON Lines of experiences (or OpenAI-style chat logs).")
    var data: String?

    @Option(help: "Or: the held-out experiences of this stored training job (see `kaizen train`, `pipeline run`).")
    var heldOutOf: String?

    @Option(help: "Use only the first N experiences of the test set.")
    var limit: Int?

    @Option(help: "Seed of the model calls and the bootstrap.")
    var seed: UInt64 = 0

    @Option(
        help:
            "Answers each version gives to each experience, \(TrainingRequestLimits.heldOutAnswers.lowerBound)-\(TrainingRequestLimits.heldOutAnswers.upperBound); figures use each experience's mean, so more answers narrow the intervals by the sampling noise (default 1 with the simulator, \(realEndpointHeldOutAnswers) with --llm-base-url, as the trainer's gate)."
    )
    var answers: Int?

    @Option(help: "Exit 1 when a version's reward is significantly worse than this version's (evaluated too).")
    var failIfWorseThan: String?

    @Flag(help: "Print the result as JSON (the report's path goes to standard error).")
    var json = false

    @Option(help: "Where to write the HTML report (default: reports/eval-<versions>.html beside the registry).")
    var html: String?

    func validate() throws {
        if self.versions.isEmpty && self.failIfWorseThan == nil {
            throw ValidationError(
                "name at least one prompt version to evaluate, e.g. kaizen eval p_v1_1 p_v1_2 --data test.jsonl")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let answers, !TrainingRequestLimits.heldOutAnswers.contains(answers) {
            let range = TrainingRequestLimits.heldOutAnswers
            throw ValidationError("--answers must be between \(range.lowerBound) and \(range.upperBound)")
        }
        if (self.data == nil) == (self.heldOutOf == nil) {
            throw ValidationError("name the test set with either --data FILE or --held-out-of JOB_ID")
        }
    }

    func run() async throws {
        let environment = try KaizenEnvironment(options: self.global)
        if let html = self.html { try OutputFile.check(html, option: "--html") }
        // Names resolve first (`latest` is a version too), so one version named twice is caught either way.
        let named = try self.versions.map { try namedVersion($0, in: environment.registry) }
        let reference = try self.failIfWorseThan.map { try namedVersion($0, in: environment.registry) }
        var versions = named
        if let reference, !versions.contains(where: { $0.id == reference.id }) { versions.insert(reference, at: 0) }
        let ids = versions.map(\.id.description)
        if let repeated = Dictionary(grouping: ids, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw CommandFailure("prompt version \(repeated) is named twice; name each version once")
        }
        let prompts = versions.map { EvaluatedPrompt(id: $0.id.description, text: $0.text) }
        let (experiences, dataDescription) = try await self.testSet(environment: environment)
        let model = try await self.models.makeCheckedModel(reader: environment.reader)
        var configuration = EvaluationConfiguration()
        configuration.seed = self.seed
        configuration.answersPerExperience =
            self.answers ?? trainerConfiguration(for: model).heldOutAnswers
        let rewardModel = try await self.judge.makeRewardModel(
            reader: environment.reader, models: self.models)
        let evaluator = PromptEvaluator(model: model, rewardModel: rewardModel, configuration: configuration)
        var result = try await evaluator.evaluate(prompts, on: experiences) { done, total in
            printProgress("answered", done: done, of: total)
        }
        let gate = try reference.map { try result.check(against: $0.id.description) }

        let report = result.report(
            prompts: prompts, data: dataDescription,
            generatedAt: ISO8601DateFormatter().string(from: Date()))
        let reportPath = try self.writeReport(report, ids: ids, registryPath: environment.registryPath)
        if self.json {
            print(try jsonString(result))
            printError("report: \(reportPath)")
        } else {
            say(EvaluationTables(result: result).rendered())
            say("report: \(reportPath)")
        }
        if let gate {
            if gate.passed {
                (self.json ? printError : say)("check passed: no version is significantly worse than \(gate.reference)")
            } else {
                for regression in gate.regressions {
                    printError(
                        "error: \(regression.candidate) is significantly worse than \(gate.reference): "
                            + regression.sentence)
                }
                throw ExitCode.failure
            }
        }
    }

    /// The test set and a description of it for the report: `--held-out-of`'s experiences or `--data`'s.
    func testSet(environment: KaizenEnvironment) async throws -> (experiences: [Experience], description: String) {
        if let jobID = self.heldOutOf {
            let store = try environment.openStore()
            let experiences = try await HeldOutSet.experiences(ofJob: jobID, runs: store, store: store)
            let limited = Array(experiences.prefix(self.limit ?? experiences.count))
            return (limited, "the \(limited.count) held-out experiences of training job \(jobID)")
        }
        let path = self.data ?? ""
        let experiences = try self.testSet(path: path)
        return (experiences, "\(path) (\(experiences.count) experiences)")
    }

    /// The experiences of `--data`, in file order, at most `--limit`.
    func testSet(path: String) throws -> [Experience] {
        let contents = try InputFile.read(path, option: "--data")
        let parsed = TestSet.parse(contents)
        guard parsed.issues.isEmpty else {
            let more = parsed.issues.count > 5 ? "; and \(parsed.issues.count - 5) more" : ""
            throw CommandFailure(
                "test set \(path) has \(parsed.issues.count) invalid line(s): "
                    + parsed.issues.prefix(5).map(\.description).joined(separator: "; ") + more)
        }
        guard !parsed.experiences.isEmpty else { throw CommandFailure("test set \(path) holds no experiences") }
        if let unread = parsed.unreadKeys.sentence(lines: parsed.lineCount) {
            printError("note: keys of \(path) \(unread)")
        }
        return Array(parsed.experiences.prefix(self.limit ?? parsed.experiences.count))
    }

    func writeReport(_ report: PromptComparisonReport, ids: [String], registryPath: String) throws -> String {
        let url =
            self.html.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: registryPath).deletingLastPathComponent().appendingPathComponent("reports")
            .appendingPathComponent("eval-\(ids.joined(separator: "-")).html")
        try OutputFile.write(
            Data(HTMLReport.render(report).utf8), to: url.path, option: self.html == nil ? nil : "--html")
        return url.path
    }
}
