/// One word or number of a text, as the verifier sees it.
struct Token: Sendable, Hashable {
    /// The lowercased text (apostrophes kept, thousands separators dropped).
    var text: String
    /// The form compared against the support: lowercased, possessive `'s` dropped, light suffix stemming.
    var normalized: String
    /// Whether the original began with an uppercase letter.
    var isCapitalised: Bool
    /// Whether the token is a number (digits, possibly with a decimal point or a colon, as in `9:30`).
    var isNumber: Bool
    /// Whether the token is a number word ("three"): compared as its digits (``normalized``) with numbers, but not
    /// itself a number claim, since "the two tents" counts nothing the context must state.
    var isNumberWord: Bool = false
    /// Whether a sentence starts here (first token, or after `.`, `!`, `?` or a line break).
    var startsSentence: Bool
    /// Whether only spaces, a hyphen or a case change separate it from the previous token (so a name can
    /// continue across it).
    var joinedToPrevious: Bool
    /// Whether a `?` follows it: the last word of a question.
    var closesQuestion = false
    /// Whether a `:` that ends its line follows it: the last word of a lead-in ("Here are the prices:").
    var closesLeadIn = false
    /// For a number with a currency sign right before or right after it, the unit the sign names
    /// (``Tokenizer/currencySigns``): "$120" and "120 €" are 120 with "dollar" and "euro", so they state a unit as
    /// "120 dollars" does.
    var signedUnit: String?
    /// For a time written with "am" or "pm" (``text`` on the 24-hour clock: "18:00" for "6 pm"), the number as
    /// written ("6", "9:30"). It vouches for what that number as written would ("closes at 6 pm" supports "closes at
    /// 6"), not for the 24-hour hour ("9 pm" does not support "21 parking spaces"); a whole hour written so is also
    /// vouched for by that hour ("at 10" supports "at 10am", while "9:12 am" needs 9:12).
    var writtenTime: String?
    /// Whether this is the "am" or "pm" of such a time: the time token carries what it says, so against a context on
    /// the 24-hour clock ("closes at 18:00") the "pm" of "closes at 6 pm" is no unsupported word.
    var isClockMarker = false
    /// For a number followed by "thousand", "million", "billion" or "trillion" (``text`` is then the value:
    /// "1200000" for "1.2 million", so it states what "1,200,000" states, both ways), the number as written ("1.2"),
    /// which a text that says "1.2 million" also vouches for.
    var writtenNumber: String?

    /// The forms a number states, to match a value in another text: its comparison form and, for a time or a
    /// magnitude, the number as written ("10:00" and "10" of "10 am"); empty for a word that is no number.
    var valueForms: [String] {
        guard self.isNumber || self.isNumberWord else { return [] }
        return [self.normalized, self.text] + [self.writtenTime, self.writtenNumber].compactMap { $0 }
    }
}
