import Foundation

/// Escaping and number formatting for the report page; every piece of report text goes through ``escape(_:)``.
enum HTMLText {
    /// The text with `&`, `<`, `>`, `"` and `'` replaced by entities, safe in element content and quoted
    /// attributes.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A fixed-point number with `digits` decimals (no `-0.00`; non-finite numbers as `–`).
    static func number(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return "–" }
        let text = String(format: "%.\(digits)f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// A signed number, e.g. `+0.042`.
    static func signed(_ value: Double, digits: Int = 3) -> String {
        let text = Self.number(value, digits: digits)
        return value > 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "+" + text : text
    }

    /// A share as a percentage, e.g. `18.1%`.
    static func percent(_ share: Double, digits: Int = 1) -> String {
        Self.number(share * 100, digits: digits) + "%"
    }

    /// A whole number with thousands separated by thin spaces, e.g. `12 480`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: "\u{202F}")
    }
}
