/// Token F1 between a response and a reference (SQuAD-style: lowercased words, punctuation and the articles
/// `a`, `an`, `the` dropped). Exact match of the normalised token sequences gives F1 = 1 as well.
enum ReferenceAgreement {
    private static let articles: Set<String> = ["a", "an", "the"]

    /// The multiset of a text's tokens without articles.
    static func bag(_ tokens: [Token]) -> [String: Int] {
        var bag: [String: Int] = [:]
        for token in tokens where !self.articles.contains(token.text) { bag[token.text, default: 0] += 1 }
        return bag
    }

    /// `2PR / (P + R)` with `P = overlap / |response|`, `R = overlap / |reference|`; 1 when both are empty,
    /// 0 when only one is.
    ///
    /// - Complexity: O(|response| + |reference|).
    static func f1(response: [Token], reference: [String: Int]) -> Double {
        let answer = self.bag(response)
        let answerCount = answer.values.reduce(0, +)
        let referenceCount = reference.values.reduce(0, +)
        if answerCount == 0 || referenceCount == 0 { return answerCount == referenceCount ? 1 : 0 }
        var overlap = 0
        for (word, count) in answer { overlap += min(count, reference[word] ?? 0) }
        if overlap == 0 { return 0 }
        let precision = Double(overlap) / Double(answerCount)
        let recall = Double(overlap) / Double(referenceCount)
        return 2 * precision * recall / (precision + recall)
    }
}
