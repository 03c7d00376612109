import Foundation

/// `kaizen demo --base-prompt-file F`: the user's own first prompt, so the demo shows what the loop does to it.
enum BasePromptFile {
    /// The file's text without surrounding blank space.
    /// - Throws: ``CommandFailure`` when the file cannot be read or holds only blank space.
    static func text(atPath path: String) throws -> String {
        let text = try InputFile.readText(path, option: "--base-prompt-file")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw CommandFailure("base prompt file \(path) is empty; write the system prompt to start from into it")
        }
        return text
    }
}
