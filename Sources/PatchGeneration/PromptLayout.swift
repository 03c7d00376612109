import Foundation
import LanguageModels

/// The shape of a prompt (running prose such as `SYSTEM: ...`, a list of rules, or sections under headers) and
/// where a new rule goes so the patch follows it.
///
/// - prose: the rule continues the last paragraph (`append`);
/// - list: the rule becomes one more item with the list's marker (`- `, `* `, `• `, or the next number), appended
///   when the list ends the prompt, else inserted after the last item;
/// - sections: the rule goes at the end of the section whose header best matches the rule's topic (else a section
///   named like "Rules" or "Guidelines", else the last section), as a list item when that section is a list.
package struct PromptLayout: Sendable, Hashable {
    /// The kinds of layout.
    package enum Kind: String, Sendable, Hashable {
        /// Running text, possibly with a `SYSTEM:` prefix.
        case prose
        /// At least two list items and no headers.
        case list
        /// At least one header line (`# Title`, `Rules:`, `OUTPUT FORMAT`).
        case sections
    }

    /// Where a rule goes and how.
    package struct Placement: Sendable, Hashable {
        /// The operation.
        package var operation: PatchOperation
        /// The anchor line for `insertAfter`.
        package var anchor: String?
        /// The rule as it appears in the prompt (with the list marker when there is one).
        package var patchText: String
    }

    /// The detected layout.
    package let kind: Kind
    private let lines: [String]

    /// Detects the layout of `prompt`.
    ///
    /// - Complexity: O(prompt length).
    package init(prompt: String) {
        self.lines = prompt.components(separatedBy: "\n")
        let nonEmpty = self.lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        if nonEmpty.count >= 2 && nonEmpty.contains(where: Self.isHeader) {
            self.kind = .sections
        } else if nonEmpty.filter({ Self.listMarker(of: $0) != nil }).count >= 2 {
            self.kind = .list
        } else {
            self.kind = .prose
        }
    }

    /// Where `rule` goes.
    ///
    /// - Parameters:
    ///   - rule: one or more sentences, without a list marker.
    ///   - topics: word stems that name sections the rule belongs to (e.g. `format`, `output`).
    package func placement(of rule: String, topics: [String]) -> Placement {
        switch self.kind {
        case .prose:
            return Placement(operation: .append, anchor: nil, patchText: rule)
        case .list:
            let items = self.lines.indices.filter { Self.listMarker(of: self.lines[$0]) != nil }
            return self.place(rule, afterLine: items.last!, styledAs: items.last!)
        case .sections:
            let sections = self.sections()
            let chosen =
                sections.first { section in
                    let words = TextNormalization.words(section.header)
                    return words.contains { word in topics.contains { word.hasPrefix($0) } }
                }
                ?? sections.first { section in
                    let words = TextNormalization.words(section.header)
                    return words.contains { word in Self.ruleHeaders.contains { word.hasPrefix($0) } }
                }
                ?? sections.last!
            let body = (chosen.headerIndex + 1)..<chosen.end
            let last = body.last { !self.lines[$0].trimmingCharacters(in: .whitespaces).isEmpty } ?? chosen.headerIndex
            let style = body.last { Self.listMarker(of: self.lines[$0]) != nil }
            return self.place(rule, afterLine: last, styledAs: style)
        }
    }

    /// A rule placed after line `index`, written as a list item like line `styleIndex` when given.
    private func place(_ rule: String, afterLine index: Int, styledAs styleIndex: Int?) -> Placement {
        var text = rule
        if let styleIndex, let marker = Self.listMarker(of: self.lines[styleIndex]) {
            let indentation = String(self.lines[styleIndex].prefix { $0 == " " || $0 == "\t" })
            text = indentation + Self.nextMarker(after: marker) + rule
        }
        let isLastContent = !self.lines[(index + 1)...].contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let anchor = self.lines[index].trimmingCharacters(in: .whitespaces)
        let firstMatch = self.lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == anchor }
        // At the end of the prompt, or when the anchor line also appears earlier (ambiguous), append instead.
        if isLastContent || firstMatch != index {
            return Placement(operation: .append, anchor: nil, patchText: text)
        }
        return Placement(operation: .insertAfter, anchor: anchor, patchText: text)
    }

    private struct Section {
        var header: String
        var headerIndex: Int
        var end: Int
    }

    private func sections() -> [Section] {
        let headers = self.lines.indices.filter { Self.isHeader(self.lines[$0]) }
        return headers.enumerated().map { offset, index in
            let end = offset + 1 < headers.count ? headers[offset + 1] : self.lines.count
            return Section(header: self.lines[index], headerIndex: index, end: end)
        }
    }

    private static let ruleHeaders = ["rule", "guideline", "instruction", "constraint", "requirement", "policy"]

    /// Whether a line is a header: `# Title`, a short capitalised line ending with `:` and nothing after it, or a
    /// short all-capitals line.
    static func isHeader(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 60 else { return false }
        if trimmed.hasPrefix("#") {
            return trimmed.drop { $0 == "#" }.first == " "
        }
        if self.listMarker(of: trimmed) != nil { return false }
        let words = trimmed.split(separator: " ")
        guard words.count <= 6 else { return false }
        if trimmed.hasSuffix(":"), let first = trimmed.first, first.isUppercase {
            return !trimmed.dropLast().contains { ".!?:".contains($0) }
        }
        let letters = trimmed.filter(\.isLetter)
        return letters.count >= 3 && letters.allSatisfy(\.isUppercase) && !trimmed.contains { ".!?".contains($0) }
    }

    /// The list marker a line starts with (`- `, `* `, `• `, `3. `, `3) `), or `nil`.
    static func listMarker(of line: String) -> String? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        for marker in ["- ", "* ", "• "] where trimmed.hasPrefix(marker) { return marker }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return nil }
        let rest = trimmed.dropFirst(digits.count)
        for delimiter in [". ", ") "] where rest.hasPrefix(delimiter) { return String(digits) + delimiter }
        return nil
    }

    /// The marker for the next item: the same bullet, or the next number.
    static func nextMarker(after marker: String) -> String {
        let digits = marker.prefix { $0.isNumber }
        guard let number = Int(digits) else { return marker }
        return String(number + 1) + marker.dropFirst(digits.count)
    }
}
