import Experiences
import Foundation

/// How a patch changes a prompt.
///
/// JSON: `"append"`, `"insert_after"`, `"replace"`. The operation, the patch text and the anchor are enough to apply
/// a patch again to the same base prompt (the trainer combines patches of several clusters this way, see
/// ``PatchCandidate/apply(to:)``).
package enum PatchOperation: String, Sendable, Hashable, Codable, CaseIterable, NamedCases {
    /// Add the patch at the end of the prompt. A patch that starts with a list marker or a header goes on a new
    /// line; any other patch continues the last paragraph after one space.
    case append
    /// Insert the patch on a new line right after the anchor line (the first line equal to the anchor, ignoring
    /// surrounding whitespace), e.g. at the end of a section.
    case insertAfter = "insert_after"
    /// Replace the anchor (the first occurrence of an existing clause) with the patch.
    case replace

    /// Applies the operation.
    ///
    /// - Parameters:
    ///   - patch: the patch text.
    ///   - anchor: the line (`insertAfter`) or clause (`replace`) the patch is placed against; ignored by `append`.
    ///   - prompt: the prompt to patch.
    /// - Returns: the patched prompt, or `nil` when the anchor is missing or not found.
    /// - Complexity: O(prompt length).
    package func apply(_ patch: String, anchor: String?, to prompt: String) -> String? {
        switch self {
        case .append:
            var base = prompt
            while let last = base.last, last.isWhitespace { base.removeLast() }
            if base.isEmpty { return patch }
            return base + (Self.isBlock(patch) || base.hasSuffix(":") ? "\n" : " ") + patch
        case .insertAfter:
            guard let anchor = anchor?.trimmingCharacters(in: .whitespaces), !anchor.isEmpty else { return nil }
            var lines = prompt.components(separatedBy: "\n")
            guard let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == anchor }) else {
                return nil
            }
            lines.insert(contentsOf: patch.components(separatedBy: "\n"), at: index + 1)
            return lines.joined(separator: "\n")
        case .replace:
            guard let anchor, !anchor.isEmpty, let range = prompt.range(of: anchor) else { return nil }
            return prompt.replacingCharacters(in: range, with: patch)
        }
    }

    /// Whether `patch` is a line-structured block (a list item or a header) rather than running prose.
    static func isBlock(_ patch: String) -> Bool {
        // The first line's start, without walking the whole line: no marker holds a line break, so one at the
        // patch's start (after spaces and tabs) is one at its first line's start.
        let first = patch.drop { $0 == " " || $0 == "\t" }
        if ["- ", "* ", "• ", "#"].contains(where: { first.hasPrefix($0) }) { return true }
        let digits = first.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty {
            let rest = first.dropFirst(digits.count)
            if rest.hasPrefix(". ") || rest.hasPrefix(") ") { return true }
        }
        return false
    }
}

extension PatchOperation {
    /// Decodes the raw value; anything else is refused with the accepted values listed.
    package init(from decoder: any Decoder) throws {
        try self.init(namedCaseFrom: decoder)
    }
}
