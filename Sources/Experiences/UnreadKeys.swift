/// Top-level keys of experience lines that nothing reads, counted by line.
///
/// Extra keys are allowed (logs carry user ids, latencies, ...), so they are not errors; but a key that means a
/// field under another name is a trap: HaluEval's `knowledge`, a RAG set's `documents`, stored or verified without
/// a `context`, make every grounded answer look invented. The importer and `kaizen verify` say which keys they did
/// not read, and what a likely one was meant to be.
package struct UnreadKeys: Sendable, Hashable, Codable {
    /// Lines (or items) each unread key appeared on.
    package private(set) var lines: [String: Int] = [:]

    package init() {}

    /// Encoded as the plain object of counts, `{"knowledge": 12}`.
    package init(from decoder: any Decoder) throws {
        self.lines = try decoder.singleValueContainer().decode([String: Int].self)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.lines)
    }

    /// The keys an experience line may have: ``Experience``'s fields.
    package static let experienceKeys: Set<String> = [
        "id", "created_at", "prompt_id", "input", "context", "response", "reference", "reward", "success",
        "failure_type", "metadata",
    ]

    /// Common names of the fields under other conventions (HaluEval, RAG evaluation sets, chat exports).
    static let meanings: [String: String] = {
        var meanings: [String: String] = [:]
        for key in [
            "knowledge", "document", "documents", "passage", "passages", "contexts", "evidence", "retrieved_context",
            "retrieved_contexts", "source", "article",
        ] {
            meanings[key] = "context"
        }
        for key in ["question", "query", "prompt", "user_input", "instruction", "dialogue_history", "history"] {
            meanings[key] = "input"
        }
        for key in ["answer", "output", "completion", "generation", "model_answer", "assistant", "hallucinated_answer"]
        {
            meanings[key] = "response"
        }
        for key in ["right_answer", "ground_truth", "gold", "gold_answer", "expected", "expected_answer", "target"] {
            meanings[key] = "reference"
        }
        return meanings
    }()

    /// The most distinct keys counted: one item with 400,000 keys made a 4.7 MB answer.
    package static let limit = 100

    /// Counts the keys of one line that are not in `known` (new keys only while fewer than ``limit`` are counted).
    package mutating func note(_ keys: some Sequence<String>, known: Set<String> = Self.experienceKeys) {
        for key in keys where !known.contains(key) {
            if self.lines[key] == nil && self.lines.count >= Self.limit { continue }
            self.lines[key, default: 0] += 1
        }
    }

    /// Adds another count (e.g. of a second file).
    package mutating func merge(_ other: UnreadKeys) {
        self.lines.merge(other.lines, uniquingKeysWith: +)
    }

    package var isEmpty: Bool { self.lines.isEmpty }

    /// One sentence, or `nil` when every key was read: the keys by how many of `total` lines had them (the first
    /// ten), each with the field it likely meant; `consequence` says what became of them ("not used", "not stored").
    package func sentence(lines total: Int, unit: String = "line", consequence: String = "not used") -> String? {
        guard !self.lines.isEmpty else { return nil }
        let ordered = self.lines.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        var parts = ordered.prefix(10).map { key, count in
            let meant = Self.meanings[key.lowercased()].map { " (did you mean '\($0)'?)" } ?? ""
            return "'\(key.echoed(limit: 40))' on \(count) of \(total) \(unit)s\(meant)"
        }
        if ordered.count > 10 { parts.append("\(ordered.count - 10) more") }
        return "not read, so \(consequence): " + parts.joined(separator: ", ")
    }
}
