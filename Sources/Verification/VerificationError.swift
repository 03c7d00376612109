/// Why verification could not run: a bad configuration or a bad input line.
///
/// A struct over a private enum, so cases can be added without breaking callers.
package struct VerificationError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case invalidConfiguration(String)
        case invalidLine(Int, String)
        case judgeAnswer(String)
    }

    private let code: Code

    /// The configuration is unusable (e.g. a negative weight).
    package static func invalidConfiguration(_ reason: String) -> VerificationError {
        VerificationError(code: .invalidConfiguration(reason))
    }

    /// Line `line` (1-based) of a JSON Lines input is not a valid record.
    package static func invalidLine(_ line: Int, _ reason: String) -> VerificationError {
        VerificationError(code: .invalidLine(line, reason))
    }

    /// The judge model answered without a score (the answer, cut to 200 characters, is kept for the message).
    package static func judgeAnswer(_ answer: String) -> VerificationError {
        VerificationError(code: .judgeAnswer(String(answer.prefix(200))))
    }

    /// Whether this is an unreadable judge answer.
    package var isJudgeAnswer: Bool {
        if case .judgeAnswer = self.code { return true }
        return false
    }

    /// The 1-based line number, for a bad input line.
    package var line: Int? {
        if case .invalidLine(let line, _) = self.code { return line }
        return nil
    }

    /// What was wrong, without the kind's prefix (for a message that names the kind itself).
    package var reason: String {
        switch self.code {
        case .invalidConfiguration(let reason), .invalidLine(_, let reason): reason
        case .judgeAnswer: self.description
        }
    }

    package var description: String {
        switch self.code {
        case .invalidConfiguration(let reason): "invalid verifier configuration: \(reason)"
        case .invalidLine(let line, let reason): "line \(line): \(reason)"
        case .judgeAnswer(let answer):
            "the judge model's answer has no score from 0 to 10: \"\(answer)\" (is the judge an instruction-tuned model?)"
        }
    }
}
