import Foundation
import LanguageModels

/// An output format an experience requires, from its `metadata.format`.
///
/// - `json`: the trimmed response (optionally inside one ```` ``` ```` fence) parses as a JSON object or array:
///   score 1, else 0.
/// - `bullets`: the share of non-empty lines that start with `-`, `*`, `•` or `N.`/`N)` and a space.
/// - `regex:PATTERN`: the trimmed response matches PATTERN as a whole: 1, else 0.
/// Any other value (or an invalid pattern) names no rule, and the format part is left out.
package enum FormatRule: Sendable, Hashable {
    /// A JSON object or array.
    case json
    /// One bullet per line.
    case bullets
    /// A whole-response regular expression.
    case regex(String)

    /// The rule `specification` names, or `nil` (see the type's documentation).
    package init?(specification: String) {
        let trimmed = TextNormalization.trimmed(specification, newlines: false)
        switch trimmed.lowercased() {
        case "json": self = .json
        case "bullets", "bullet", "bullet_list": self = .bullets
        default:
            guard trimmed.lowercased().hasPrefix("regex:") else { return nil }
            let pattern = String(trimmed.dropFirst("regex:".count))
            guard (try? NSRegularExpression(pattern: pattern)) != nil else { return nil }
            self = .regex(pattern)
        }
    }

    /// The score of `response` in 0...1.
    ///
    /// - Complexity: O(n) for JSON and bullets; a regex costs what the pattern costs.
    package func score(_ response: String) -> Double {
        let trimmed = TextNormalization.trimmed(response)
        switch self {
        case .json:
            var body = Substring(trimmed)
            if body.hasPrefix("```") && body.hasSuffix("```") && body.count >= 6 {
                body = body.dropFirst(3).dropLast(3)
                if body.hasPrefix("json") { body = body.dropFirst(4) }
            }
            guard let data = body.data(using: .utf8),
                let value = try? JSONSerialization.jsonObject(with: data),
                value is [String: Any] || value is [Any]
            else { return 0 }
            return 1
        case .bullets:
            let lines = trimmed.split(whereSeparator: \.isNewline).map {
                TextNormalization.trimmed($0, newlines: false)
            }
            .filter { !$0.isEmpty }
            guard !lines.isEmpty else { return 0 }
            return Double(lines.filter(Self.isBullet).count) / Double(lines.count)
        case .regex(let pattern):
            guard let expression = try? NSRegularExpression(pattern: pattern) else { return 0 }
            let range = NSRange(trimmed.startIndex..<trimmed.endIndex, in: trimmed)
            guard let match = expression.firstMatch(in: trimmed, options: [.anchored], range: range) else { return 0 }
            return match.range == range ? 1 : 0
        }
    }

    private static func isBullet(_ line: String) -> Bool {
        for marker in ["- ", "* ", "• "] where line.hasPrefix(marker) { return true }
        let digits = line.prefix { $0.isNumber }
        guard !digits.isEmpty else { return false }
        let rest = line.dropFirst(digits.count)
        return rest.hasPrefix(". ") || rest.hasPrefix(") ")
    }
}
