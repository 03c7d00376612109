import ArgumentParser
import Experiences
import Foundation
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
            context can answer; without it the request counts as answerable. The rules are in Docs/verifier.md.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The .jsonl file to score ('-' for standard input).")
    var file: String

    func run() async throws {
        _ = try KaizenEnvironment(options: self.global)
        let text =
            self.file == "-"
            ? try InputFile.text(FileHandle.standardInput.readDataToEndOfFile(), named: "standard input")
            : try InputFile.readText(self.file)
        let verifier = try Verifier()
        do {
            var unreadKeys = UnreadKeys()
            let verdicts = try verifier.verdicts(
                forJSONLines: text, unreadKeys: &unreadKeys)
            print(try Verifier.jsonLines(verdicts), terminator: "")
            if let unread = unreadKeys.sentence(lines: verdicts.count) {
                printError("note: keys \(unread)")
            }
        } catch let error as VerificationError {
            throw CommandFailure(error.description)
        }
    }
}
