import Foundation
import Randomness

/// A document being generated, with what can be asked about it: its facts (each a sentence and the questions it
/// answers), the questions it cannot answer, and questions that ask for a formatted answer.
struct DocumentDraft {
    /// One fact: the sentence that states it and ways to ask for it.
    struct Fact {
        var topic: String
        var kind: String
        var sentence: String
        var questions: [String]
    }

    /// A question whose answer must have a format (`json` or `bullets`), answered by some facts together.
    struct Formatted {
        var topic: String
        var kind: String
        var format: String
        var question: String
        var facts: [Int]
        var reference: String
    }

    var document: DemoDocument
    var facts: [Fact]
    var unknowns: [(topic: String, question: String)]
    var formatted: [Formatted]

    init(
        id: String, category: String, title: String, facts: [Fact], unknowns: [(String, String)],
        formatted: [Formatted]
    ) {
        self.document = DemoDocument(id: id, category: category, title: title, sentences: facts.map(\.sentence))
        self.facts = facts
        self.unknowns = unknowns.map { (topic: $0.0, question: $0.1.replacingName(with: title)) }
        self.formatted = formatted
    }

    /// A number as the documents write it: thousands grouped with commas from 10,000 up.
    static func written(_ value: Int) -> String {
        guard value >= 10_000 else { return String(value) }
        var digits = Array(String(value))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }

    /// A date as the documents write it, e.g. `12 March 2024`.
    static func date(using rng: inout SplitMix64, years: ClosedRange<Int>) -> String {
        "\(rng.integer(in: 1...28)) \(rng.pick(WorldVocabulary.months)) \(rng.integer(in: years))"
    }
}

extension String {
    /// The template with `{name}` replaced.
    func replacingName(with name: String) -> String {
        self.replacingOccurrences(of: "{name}", with: name)
    }
}
