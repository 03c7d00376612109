/// Which name words a context puts together, for telling a name it states from one stitched out of its words:
/// "Vito Coppola" from "Vito Corleone" and "Francis Ford Coppola", "Pritzker Mexico Prize" from "Pritzker Architecture
/// Prize" and "Mexico City". Each word of such a name is supported, so word support cannot see the invention.
///
/// Built only for a single open question (``PreparedExperience/inputAsksOpenQuestion``), where a one-sentence answer's
/// name is its answer. Measured on every response of HaluEval summarization, right summaries join a context's name
/// words in new ways more often than hallucinated ones ("Cuban President Raul Castro"), so the check stays out of
/// other shapes (`Benchmarks/README.md`).
struct NameJoins: Sendable, Hashable {
    /// The comparison forms of the context's name words: capitalised words that are not stopwords or numbers, and
    /// not a sentence's first word unless a capitalised word follows it.
    let nameWords: Set<String>
    /// Each capitalised word with each capitalised word up to ``reach`` words after it in its sentence, as
    /// "first second" in comparison forms.
    let pairs: Set<String>
    /// The comparison forms of the context's and the input's words in order, an empty form between sentences: where
    /// a title the answer writes begins and how the context goes on.
    let forms: [String]

    /// How far apart, in words, two name words of the context may stand and still be one name ("President Barack
    /// Obama" states "President Obama").
    static let reach = 3

    /// Reads the name words of `context` and of the input: a name the question states ("the German Chancellor") is
    /// stated.
    ///
    /// - Complexity: O(n) in the tokens.
    init(context: [Token], input: [Token]) {
        var nameWords: Set<String> = []
        var pairs: Set<String> = []
        var forms: [String] = []
        for text in [context, input] {
            Self.read(text, nameWords: &nameWords, pairs: &pairs)
            for token in text {
                if token.startsSentence { forms.append("") }
                forms.append(token.normalized)
            }
        }
        self.nameWords = nameWords
        self.pairs = pairs
        self.forms = forms
    }

    static func read(_ context: [Token], nameWords: inout Set<String>, pairs: inout Set<String>) {
        for (index, token) in context.enumerated() where token.isNameWord {
            let next = index + 1 < context.count ? context[index + 1] : nil
            if !token.startsSentence || next.map({ $0.isCapitalised && $0.joinedToPrevious }) == true {
                nameWords.insert(token.normalized)
            }
            for later in context[(index + 1)..<min(index + 1 + Self.reach, context.count)] {
                if later.startsSentence { break }
                if later.isNameWord { pairs.insert(token.normalized + " " + later.normalized) }
            }
        }
    }

    /// The first title of `tokens` whose opening words the context writes before another name word, as written
    /// (lowercased), when the context never writes the title itself: "We Need to Talk About James" where the context
    /// has "We Need to Talk About Kevin", "Down with Topp" beside "Down with Skool!". A title here is a run of name
    /// words with at least one of ``titleLinks`` between them (a run of names alone is ``stitchedName(in:)``'s);
    /// at least two opening words must be shared, so "Down in Birkenhead" beside "Down in 1990" is no swap.
    func swappedTitle(in tokens: [Token]) -> String? {
        var start = 0
        while start < tokens.count {
            guard tokens[start].isNameWord else {
                start += 1
                continue
            }
            var end = start + 1
            var last = start
            while end < tokens.count, end - start < 10, tokens[end].joinedToPrevious, !tokens[end].startsSentence,
                tokens[end].isNameWord || Self.titleLinks.contains(tokens[end].text)
            {
                if tokens[end].isNameWord { last = end }
                end += 1
            }
            let title = tokens[start...last].map(\.normalized)
            let linked = tokens[start...last].contains { !$0.isNameWord }
            start = last + 1
            guard linked, title.count >= 3, !self.writes(title[...]) else { continue }
            for shared in stride(from: title.count - 1, through: 2, by: -1) {
                if self.writes(title[..<shared], thenANameWordOtherThan: title[shared]) {
                    return tokens[(start - title.count)..<start].map(\.text).joined(separator: " ")
                }
            }
        }
        return nil
    }

    /// The linking words a title keeps inside it, in either case ("Down with Skool!", "We Need to Talk About
    /// Kevin"); any other word, such as a verb ("Toni Kroos is from Germany"), ends it.
    static let titleLinks: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "about", "and", "by", "from", "into", "over",
        "under",
    ]

    /// Whether the context (or input) writes `words` in a row, followed, when `next` is given, by a name word that
    /// is not `next`.
    private func writes(_ words: ArraySlice<String>, thenANameWordOtherThan next: String? = nil) -> Bool {
        guard let first = words.first, self.forms.count >= words.count else { return false }
        for index in 0...(self.forms.count - words.count) where self.forms[index] == first {
            guard self.forms[index..<(index + words.count)].elementsEqual(words) else { continue }
            guard let next else { return true }
            let after = index + words.count
            if after < self.forms.count, self.forms[after] != next, self.nameWords.contains(self.forms[after]) {
                return true
            }
        }
        return false
    }

    /// The first two neighbouring words of a name in `tokens` that are each a name word of the context but that the
    /// context never puts together, as written (lowercased), or `nil`. A possessive joins nothing ("Kavanagh's Great
    /// Hunger"), and a word said twice ("Hiram Bingham Bingham") is a stutter, not a new name.
    func stitchedName(in tokens: [Token]) -> String? {
        for index in tokens.indices.dropLast() {
            let (first, second) = (tokens[index], tokens[index + 1])
            guard second.joinedToPrevious, !second.startsSentence, first.isNameWord, second.isNameWord,
                !first.text.hasSuffix("'s"), first.normalized != second.normalized,
                self.nameWords.contains(first.normalized),
                self.nameWords.contains(second.normalized),
                !self.pairs.contains(first.normalized + " " + second.normalized)
            else { continue }
            return first.text + " " + second.text
        }
        return nil
    }
}
