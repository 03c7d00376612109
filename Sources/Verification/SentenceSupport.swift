/// Which sentences of the support state each word: the index behind a response sentence's alignment (see
/// ``GroundingFeatures/unalignedShare``).
///
/// A faithful claim usually rests on one sentence of its source; a hallucinated one tends to stitch words the source
/// states in different places ("the Cascade Pro is made in Portugal" where one sentence names the Cascade Pro and
/// another Portugal). Word-level support cannot tell those apart; the best single sentence can.
struct SentenceSupport: Sendable {
    /// Comparison key (``key(of:)``) → the sentences that state it, ascending, each once.
    private var sentences: [String: [Int32]] = [:]
    /// How many sentences were added.
    private(set) var count: Int32 = 0

    init() {}

    /// Adds the sentences of `tokens` (a text's tokens; a sentence starts at ``Token/startsSentence``).
    mutating func add(_ tokens: [Token]) {
        for token in tokens {
            if token.startsSentence || self.count == 0 { self.count += 1 }
            let sentence = self.count - 1
            var keys =
                token.isNumber || token.isNumberWord
                ? SupportIndex.numbers(of: token).map { "#" + $0 } : [token.normalized]
            if !token.isNumber, let month = Tokenizer.monthNumber(of: token.normalized) { keys.append("#" + month) }
            if token.isNumber, let magnitude = Tokenizer.magnitudeWord(for: token.text) { keys.append(magnitude) }
            for key in keys where self.sentences[key]?.last != sentence {
                self.sentences[key, default: []].append(sentence)
            }
        }
    }

    /// The key a token is matched on: a number as written, a number word as its digits (as ``SupportIndex``
    /// matches numbers), else the word's comparison form.
    static func key(of token: Token) -> String {
        token.isNumber || token.isNumberWord ? "#" + token.normalized : token.normalized
    }

    /// The support sentence stating the most of `keys`, or nil when none states any. A tie goes to the sentence
    /// stating more of the keys that are `claimed` (the words a response adds to the question, rather than the
    /// question's own terms), then to the first: "The Cascade Pro has a 3-year warranty." rests on "It has a 3-year
    /// warranty.", not on an earlier sentence that only names the Cascade Pro.
    ///
    /// - Complexity: O(Σ sentences stating each key + sentences).
    func bestSentence(for keys: some Sequence<(key: String, claimed: Bool)>) -> Int32? {
        // The count of keys in the high bits, the count of claimed keys in the low ones: the first decides, the
        // second only breaks its ties (a sentence has far fewer than 2^32 words).
        var hits = [Int](repeating: 0, count: Int(self.count))
        var any = false
        for (key, claimed) in keys {
            for sentence in self.sentences[key] ?? [] {
                hits[Int(sentence)] += claimed ? (1 << 32) + 1 : 1 << 32
                any = true
            }
        }
        guard any else { return nil }
        var best = 0
        for index in hits.indices where hits[index] > hits[best] { best = index }
        return Int32(best)
    }

    /// The sentences that state `key`, ascending.
    func sentences(stating key: String) -> [Int32] { self.sentences[key] ?? [] }

    /// Whether `sentence` states `key`.
    func sentence(_ sentence: Int32, states key: String) -> Bool {
        self.sentences[key]?.contains(sentence) ?? false
    }
}
