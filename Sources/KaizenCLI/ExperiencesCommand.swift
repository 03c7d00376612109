import ArgumentParser
import Experiences
import Foundation
import Verification

/// `kaizen experiences`: put logged interactions into the store and see what it holds.
struct ExperiencesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiences",
        abstract: "Import and inspect logged interactions.",
        subcommands: [Import.self, Stats.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a JSON Lines file of experiences or OpenAI-style chat logs.",
            discussion: """
                Every line is validated first. A bad line is reported with its line number and the field at \
                fault, and nothing is imported unless --skip-invalid is given. Ids already in the store are left \
                as they are, so importing the same file twice is harmless.

                A line with a `messages` array is a chat log: the last assistant message is the response, the \
                user message before it the input, system messages are kept in metadata.system_prompt, tool \
                messages become the context; reward or success, and the optional id, prompt_id and other fields, \
                sit beside `messages` as in the experience format (no id: one is derived from the messages).

                Logs the online side did not score can be imported with --score-unlabelled: a line with neither \
                reward nor success gets the verifier's verdict (Docs/verifier.md) as its reward and success, its \
                worst failure mode as failure_type (a line that names one keeps it and counts as a failure), and \
                metadata.labelled_by "verifier", so the failures are found and clustered without a person \
                labelling them.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The .jsonl file to import.")
        var file: String

        @Flag(help: "Import the valid lines of a file that has bad ones, and report the rest.")
        var skipInvalid = false

        @Option(help: "How lines are read: auto (per line: a messages array is a chat log), experience, or chat.")
        var format: ImportFormat = .auto

        @Flag(
            help:
                "Score lines that have neither reward nor success with the verifier instead of rejecting them (see above)."
        )
        var scoreUnlabelled = false

        func run() async throws {
            let environment = try KaizenEnvironment(options: self.global)
            let data = try InputFile.read(self.file)
            let store = try environment.openStore(creating: true)
            let report: ImportReport
            do {
                report = try await ExperienceImporter(
                    skipInvalid: self.skipInvalid, format: self.format,
                    scoreUnlabelled: self.scoreUnlabelled ? FailureLabeler().scorer(verifier: try Verifier()) : nil
                ).importExperiences(data, into: store)
            } catch let error as ImportError {
                printError("error: \(error)")
                if case .invalidLines(let issues) = error { Self.suggestScoring(issues) }
                throw ExitCode.failure
            }
            print(
                "read \(report.lines) line(s): \(report.inserted) imported, \(report.alreadyPresent) already present, \(report.skipped.count) invalid skipped"
                    + (self.scoreUnlabelled ? "; \(report.scored) scored by the verifier" : "")
            )
            for issue in report.skipped.prefix(20) {
                print("  skipped \(issue)")
            }
            if report.skipped.count > 20 {
                print("  ... and \(report.skipped.count - 20) more")
            }
            Self.suggestScoring(report.skipped)
            if let unread = report.unreadKeys.sentence(lines: report.lines, consequence: "not stored") {
                printError("note: keys \(unread)")
            }
        }

        /// Points at --score-unlabelled when lines were refused for having no outcome.
        static func suggestScoring(_ issues: [ImportIssue]) {
            guard issues.contains(where: { $0.message == ExperienceImporter.missingOutcome }) else { return }
            printError("note: --score-unlabelled has the verifier score the lines that have neither reward nor success")
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show counts of the stored experiences.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "Reward below which an experience without 'success' counts as a failure.")
        var failureThreshold = Experience.defaultFailureThreshold

        func validate() throws {
            guard (0...1).contains(self.failureThreshold) else {
                throw ValidationError("--failure-threshold must be between 0 and 1, got \(self.failureThreshold)")
            }
        }

        @Flag(help: "Print JSON instead of tables.")
        var json = false

        func run() async throws {
            let environment = try KaizenEnvironment(options: self.global)
            let statistics = try await environment.openStore().statistics(failureThreshold: self.failureThreshold)
            if self.json {
                print(try jsonString(statistics))
                return
            }
            print("experiences: \(statistics.total)   failures: \(statistics.failures)")
            print("")
            print(
                Table(
                    headers: ["prompt id", "total", "failures", "failure rate"],
                    rows: statistics.byPromptID.sorted { $0.key < $1.key }.map { key, count in
                        [key, "\(count.total)", "\(count.failures)", percent(count.failures, of: count.total)]
                    }
                ).rendered())
            print("")
            print(
                Table(
                    headers: ["failure type", "failures", "share"],
                    rows: statistics.failuresByType.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
                        key, count in
                        [key, "\(count)", percent(count, of: statistics.failures)]
                    }
                ).rendered())
        }
    }
}

func percent(_ part: Int, of whole: Int) -> String {
    whole == 0 ? "-" : String(format: "%.1f%%", 100 * Double(part) / Double(whole))
}
