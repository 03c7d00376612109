import Foundation
import Randomness

/// Writes the simulator's text for each outcome of one request (see `Docs/simulator.md`).
///
/// The grounded core is the reference when there is one, else the context sentence that shares the most words with
/// the user turn, else a plain "not enough information" line; for an unanswerable kind it is an abstention. Failure
/// outcomes change the core (hallucination adds an invented name and year, and may alter a number; verbosity pads
/// it with restatements and other context sentences; incomplete cuts it) or replace it (refusal). The format the
/// request asks for (`json`, `bullets`) is applied last, except for a broken-format outcome.
struct AnswerWriter {
    static let abstention = "I don't know: the provided information does not contain the answer."
    static let noInformation = "I don't have enough information to answer that."
    static let refusal = "I'm sorry, but I can't help with that request."
    private static let firstNames = [
        "Marcus", "Elena", "Tobias", "Ingrid", "Rafael", "Priya", "Dmitri", "Helena", "Quentin", "Sofia",
    ]
    private static let lastNames = [
        "Whitfield", "Okonkwo", "Lindqvist", "Moreau", "Castellano", "Nakamura", "Brennan", "Varga", "Holloway",
        "Ferreira",
    ]

    let request: GenerationRequest
    let answerable: Bool
    let paddingWords: Int
    private let core: String
    private let contextSentences: [String]
    private let knownText: String

    init(request: GenerationRequest, answerable: Bool, paddingWords: Int) {
        self.request = request
        self.answerable = answerable
        self.paddingWords = paddingWords
        let sentences = Self.sentences(of: request.context ?? "")
        self.contextSentences = sentences
        self.knownText = [request.context, request.reference, request.userTurn].compactMap { $0 }.joined(
            separator: " "
        ).lowercased()
        if !answerable {
            self.core = Self.abstention
        } else if let reference = request.reference, !reference.trimmingCharacters(in: .whitespaces).isEmpty {
            self.core = reference
        } else if let best = Self.bestSentence(sentences, for: request.userTurn) {
            self.core = best
        } else {
            self.core = Self.noInformation
        }
    }

    /// The text for `outcome` (`nil` = grounded), drawing any choices from `rng`.
    func write(_ outcome: FailureMode?, using rng: inout SplitMix64) -> String {
        switch outcome {
        case nil: return self.formatted(self.core)
        case .hallucination: return self.formatted(self.hallucinated(using: &rng))
        case .verbosity: return self.formatted(self.padded())
        case .format: return self.broken(self.core)
        case .refusal: return self.formatted(Self.refusal)
        case .incomplete: return self.formatted(self.truncated())
        }
    }

    // MARK: - Failures

    private func hallucinated(using rng: inout SplitMix64) -> String {
        var name = ""
        for _ in 0..<8 {
            let first = Self.firstNames[Int(rng.next() % UInt64(Self.firstNames.count))]
            let last = Self.lastNames[Int(rng.next() % UInt64(Self.lastNames.count))]
            name = "\(first) \(last)"
            if !self.knownText.contains(first.lowercased()) && !self.knownText.contains(last.lowercased()) { break }
        }
        var year = 0
        for _ in 0..<8 {
            year = 1950 + Int(rng.next() % 70)
            if !self.knownText.contains(String(year)) { break }
        }
        let claim: String
        switch rng.next() % 3 {
        case 0: claim = "It was first documented in \(year) by \(name)."
        case 1: claim = "According to \(name), the figure was \(year) in total."
        default: claim = "\(name) confirmed this in \(year)."
        }
        if !self.answerable { return claim }
        var base = self.core
        if let range = base.range(of: "[0-9]+", options: .regularExpression), let value = Int(base[range]) {
            base.replaceSubrange(range, with: String(value + 1 + Int(rng.next() % 9)))
        }
        return Self.joined(base, claim)
    }

    private func padded() -> String {
        var parts = [self.core]
        var words = Self.wordCount(self.core)
        let fillers = self.contextSentences.filter { $0 != self.core }
        var index = 0
        while words < self.paddingWords {
            let sentence: String
            switch index % 3 {
            case 0: sentence = "That is, " + Self.lowercasedFirst(self.core)
            case 1:
                sentence =
                    fillers.isEmpty
                    ? "So, " + Self.lowercasedFirst(self.core)
                    : "Also, " + Self.lowercasedFirst(fillers[(index / 3) % fillers.count])
            default: sentence = "So, once more: " + self.core
            }
            parts.append(sentence)
            words += Self.wordCount(sentence)
            index += 1
        }
        return parts.map { Self.terminated($0) }.joined(separator: " ")
    }

    private func truncated() -> String {
        let words = self.core.split(whereSeparator: \.isWhitespace)
        let keep = max(1, words.count * 2 / 5)
        var text = words.prefix(keep).joined(separator: " ")
        while let last = text.last, last.isPunctuation { text.removeLast() }
        return text
    }

    // MARK: - Formats

    private func formatted(_ text: String) -> String {
        switch self.request.format?.lowercased() {
        case "json":
            let data = (try? JSONSerialization.data(withJSONObject: ["answer": text], options: [.sortedKeys]))
            return data.flatMap { String(data: $0, encoding: .utf8) } ?? text
        case "bullets":
            let sentences = Self.sentences(of: text)
            return (sentences.isEmpty ? [text] : sentences).map { "- " + $0 }.joined(separator: "\n")
        default:
            return text
        }
    }

    private func broken(_ text: String) -> String {
        switch self.request.format?.lowercased() {
        case "json": return "{\"answer\": \"" + text
        case "bullets": return text
        default: return "```\n" + text
        }
    }

    // MARK: - Text helpers

    /// Splits text into sentences at `.`, `!`, `?` followed by whitespace, and at line breaks.
    static func sentences(of text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        var previous: Character = " "
        for character in text {
            if character.isNewline || (character.isWhitespace && ".!?".contains(previous)) {
                let trimmed = current.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { sentences.append(trimmed) }
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        let trimmed = current.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty { sentences.append(trimmed) }
        return sentences
    }

    /// The sentence sharing the most distinct words (longer than 2 letters) with `question`; the first on ties.
    static func bestSentence(_ sentences: [String], for question: String) -> String? {
        let asked = Set(self.words(of: question))
        var best: String?
        var bestScore = -1
        for sentence in sentences {
            let score = Set(self.words(of: sentence)).intersection(asked).count
            if score > bestScore {
                best = sentence
                bestScore = score
            }
        }
        return best
    }

    private static func words(of text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { $0.count > 2 }
    }

    private static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }

    private static func terminated(_ text: String) -> String {
        guard let last = text.last else { return text }
        return ".!?".contains(last) ? text : text + "."
    }

    private static func joined(_ first: String, _ second: String) -> String {
        self.terminated(first) + " " + second
    }

    private static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase ?? true else {
            return text
        }
        return first.lowercased() + text.dropFirst()
    }
}
