import Foundation

/// Finds which of an effect table's instructions a system prompt contains, with triggers lowered and patterns
/// compiled once.
///
/// An instruction named after an ``InstructionFamily`` is present whenever the family detector finds the family
/// (any phrasing it recognises, explicit or in other words), or one of its own triggers or patterns matches; any
/// other instruction only by its triggers and patterns.
struct InstructionDetector: Sendable {
    private struct Entry: Sendable {
        var name: String
        var family: InstructionFamily?
        var triggers: [String]
        var patterns: [CompiledPattern]
    }

    /// A compiled pattern. `@unchecked Sendable` is safe: `NSRegularExpression` is immutable after creation and
    /// documented as safe to use from several threads at once.
    private struct CompiledPattern: @unchecked Sendable {
        let expression: NSRegularExpression

        func matches(_ text: String) -> Bool {
            let range = NSRange(text.startIndex..<text.endIndex, in: text)
            return self.expression.firstMatch(in: text, options: [], range: range) != nil
        }
    }

    private let entries: [Entry]
    /// Prompts already read: the trainer asks about the same few variants thousands of times, and the family
    /// detector normalises and splits the whole prompt for every family.
    private let seen = DetectionMemo()

    /// Compiles `table`'s instructions.
    ///
    /// - Throws: when a pattern does not compile (``EffectTable/validate(path:)`` reports it first).
    init(table: EffectTable) throws {
        self.entries = try table.instructions.map { instruction in
            Entry(
                name: instruction.name,
                family: InstructionFamily(rawValue: instruction.name),
                triggers: instruction.triggers.map { $0.lowercased() },
                patterns: try instruction.patterns.map {
                    CompiledPattern(expression: try NSRegularExpression(pattern: $0, options: [.caseInsensitive]))
                })
        }
    }

    /// The names of the instructions present in `prompt`, in table order.
    ///
    /// - Complexity: O(prompt length × (triggers + family phrases and keyword sets)), plus the regex matches.
    func detect(in prompt: String) -> [String] {
        if let known = self.seen[prompt] { return known }
        let lowered = prompt.lowercased()
        let found = self.entries.compactMap { entry -> String? in
            if let family = entry.family, family.isPresent(in: prompt) { return entry.name }
            if entry.triggers.contains(where: { TextNormalization.containsPhrase(lowered, $0) }) { return entry.name }
            if entry.patterns.contains(where: { $0.matches(prompt) }) { return entry.name }
            return nil
        }
        self.seen[prompt] = found
        return found
    }
}
