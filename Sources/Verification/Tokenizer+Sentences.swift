extension Tokenizer {
    /// The index ranges of the sentences of `tokens`, in order (a sentence starts at the first token and at each
    /// ``Token/startsSentence``).
    static func sentenceRanges(of tokens: [Token]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for index in tokens.indices.dropFirst() where tokens[index].startsSentence {
            ranges.append(start..<index)
            start = index
        }
        if !tokens.isEmpty { ranges.append(start..<tokens.count) }
        return ranges
    }

    /// The index of the first token of the sentence that holds `index`.
    static func sentenceStart(of index: Int, in tokens: [Token]) -> Int {
        var start = index
        while start > 0, !tokens[start].startsSentence { start -= 1 }
        return start
    }

    /// The comparison forms of the content words of `tokens` that are not numbers: what names a thing in a question
    /// ("Oasis", "Lake Baikal", "opera composers").
    static func contentForms(of tokens: ArraySlice<Token>) -> Set<String> {
        Set(tokens.lazy.filter { $0.isContentWord && !$0.isNumber }.map(\.normalized))
    }
}
