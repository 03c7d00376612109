import ArgumentParser
import ConcurrencyLimits
import Experiences
import Foundation
import Synchronization
import Verification

/// `kaizen verify`: score a file of responses with the grounding verifier.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Score responses with the verifier: one JSON verdict per input line, in order.",
        discussion: """
            Reads JSON Lines {id?, input, context?, response, reference?, metadata?} and writes to standard output \
            one line {id, reward, success, failure_modes, response_kind, parts, hallucination, unsupported_claims} \
            per input line. metadata.answerable (true/false) or metadata.kind "unanswerable" says whether the \
            context can answer; without it the request counts as answerable. With --judge-model an LLM judge's \
            0-10 rating joins the reward as the `judge` part (one call per line, progress on standard error). The \
            rules are in Docs/verifier.md.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var judge: JudgeOptions

    @Argument(help: "The .jsonl file to score ('-' for standard input).")
    var file: String

    func run() async throws {
        let environment = try KaizenEnvironment(options: self.global)
        let text =
            self.file == "-"
            ? try InputFile.text(FileHandle.standardInput.readDataToEndOfFile(), named: "standard input")
            : try InputFile.readText(self.file)
        let rewardModel = try await self.judge.makeRewardModel(reader: environment.reader)
        do {
            var unreadKeys = UnreadKeys()
            let verdicts =
                if let verifier = rewardModel as? Verifier {
                    try verifier.verdicts(forJSONLines: text, unreadKeys: &unreadKeys)
                } else {
                    try await Self.verdicts(
                        of: Verifier.records(inJSONLines: text, unreadKeys: &unreadKeys), by: rewardModel)
                }
            print(try Verifier.jsonLines(verdicts), terminator: "")
            if let unread = unreadKeys.sentence(lines: verdicts.count) {
                printError("note: keys \(unread)")
            }
        } catch let error as VerificationError {
            throw CommandFailure(error.description)
        }
    }

    /// Scores `records` with a reward model that calls a model (the judge), several at once, in order, printing
    /// progress to standard error about every tenth of the file.
    /// - Throws: ``CommandFailure`` naming the line whose response could not be scored, and why.
    static func verdicts(
        of records: [(line: Int, experience: Experience)], by rewardModel: any RewardModel
    ) async throws -> [Verdict] {
        let done = Mutex(0)
        return try await BoundedConcurrency.map(count: records.count, maxConcurrency: Self.judgeCallsInFlight) {
            index in
            let record = records[index].experience
            let verdict: Verdict
            do {
                verdict = try await rewardModel.score(output: record.response, for: record)
            } catch let error as VerificationError {
                throw CommandFailure("line \(records[index].line): \(error.description)")
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw CommandFailure("line \(records[index].line): the judge could not score it: \(error)")
            }
            let count = done.withLock { count in
                count += 1
                return count
            }
            printProgress("judged", done: count, of: records.count)
            return verdict
        }
    }

    /// Lines scored at once: enough to keep a server's parallel slots busy; the client's own limit
    /// (`KAIZEN_LLM_MAX_CONCURRENCY`, `KAIZEN_JUDGE_MAX_CONCURRENCY`) bounds the calls themselves.
    static let judgeCallsInFlight = 16
}
