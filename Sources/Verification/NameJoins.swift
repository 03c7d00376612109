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
        for text in [context, input] {
            Self.read(text, nameWords: &nameWords, pairs: &pairs)
        }
        self.nameWords = nameWords
        self.pairs = pairs
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
