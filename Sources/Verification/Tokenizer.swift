/// Splits text into ``Token``s in one pass, without regular expressions.
///
/// Words are runs of letters and digits (an apostrophe between letters stays inside); a lowercase-to-uppercase
/// change also splits (`TurboTurbo` → `Turbo`, `Turbo`, since knowledge snippets are often glued together);
/// numbers keep `.`, `,` or `:` between digits (`1,000` → `1000`, `9:30` stays whole) and part from letters glued to
/// them (`21st` → `21`, `2.1kg` → `2.1`, `kg`); a number word from two to ninety is compared as its digits
/// (``numberWords``).
enum Tokenizer {
    /// Suffixes of ordinals written with digits ("1st", "22nd", "3rd", "4th").
    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]

    /// Number words and their digits: a response may write "three" where the context says 3, or the other way.
    /// "one" is left out: it is far more often a pronoun ("the blue one") than a count.
    static let numberWords: [String: String] = [
        "zero": "0", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
        "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15",
        "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30",
        "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    ]

    /// The tokens of `text`.
    ///
    /// - Complexity: O(n) in the number of Unicode scalars.
    static func tokens(of text: String) -> [Token] {
        var tokens: [Token] = []
        var current = String.UnicodeScalarView()
        var currentIsCapitalised = false
        var currentHasLetter = false
        var sentenceBreak = true
        var softBreak = false
        var joined = false
        let scalars = Array(text.unicodeScalars)

        func flush() {
            guard !current.isEmpty else { return }
            var word = String(current)
            while word.hasSuffix("'") || word.hasSuffix("’") { word.removeLast() }
            let isNumber = !currentHasLetter
            let lowered = isNumber ? Self.canonicalNumber(word) : word.lowercased()
            let digits = isNumber ? nil : Self.numberWords[lowered]
            tokens.append(
                Token(
                    text: lowered,
                    normalized: isNumber ? lowered : digits ?? Self.normalize(lowered),
                    isCapitalised: currentIsCapitalised,
                    isNumber: isNumber,
                    isNumberWord: digits != nil,
                    startsSentence: sentenceBreak,
                    joinedToPrevious: joined && !tokens.isEmpty))
            current = String.UnicodeScalarView()
            currentHasLetter = false
            sentenceBreak = false
            softBreak = false
            joined = true
        }

        var index = 0
        var atLineStart = true
        while index < scalars.count {
            let scalar = scalars[index]
            let isLetter = Self.isLetter(scalar)
            let isDigit = Self.isDigit(scalar)
            if isDigit, current.isEmpty, let end = Self.listMarkerEnd(in: scalars, at: index, atLineStart: atLineStart)
            {
                // "1. The Cascade Pro ..." or "2) Summit Lite": the item's number is layout, not a claim.
                index = end
                continue
            }
            if scalar == "\n" || scalar == "\r" || scalar == "\u{2029}" {
                atLineStart = true
            } else if !(scalar == " " || scalar == "\t" || Self.bulletMarks.contains(scalar)) {
                atLineStart = false
            }
            if isLetter || isDigit {
                if isLetter, !current.isEmpty, !currentHasLetter {
                    // Letters glued to a number: an ordinal suffix is dropped ("21st" is 21), any other run is a word of
                    // its own ("2.1kg" is 2.1 and kg, "9am" is 9 and am), so the number is compared as a number.
                    var end = index
                    while end < scalars.count, Self.isLetter(scalars[end]) { end += 1 }
                    let suffix = String(String.UnicodeScalarView(scalars[index..<end])).lowercased()
                    if Self.ordinalSuffixes.contains(suffix), !current.contains("."), !current.contains(":"),
                        end == scalars.count || !Self.isDigit(scalars[end])
                    {
                        index = end
                        continue
                    }
                    flush()
                }
                if let last = current.last, isLetter, Self.isLower(last), Self.isUpper(scalar) {
                    flush()
                }
                if current.isEmpty {
                    currentIsCapitalised = Self.isUpper(scalar)
                    if softBreak || sentenceBreak { joined = false }
                }
                current.append(scalar)
                if isLetter { currentHasLetter = true }
            } else if scalar == "'" || scalar == "’", !current.isEmpty, index + 1 < scalars.count,
                Self.isLetter(scalars[index + 1])
            {
                current.append("'")
            } else if scalar == "." || scalar == "," || scalar == ":", !current.isEmpty, !currentHasLetter,
                index + 1 < scalars.count, Self.isDigit(scalars[index + 1])
            {
                if scalar != "," { current.append(scalar) }
            } else {
                flush()
                switch scalar {
                case "?":
                    sentenceBreak = true
                    if !tokens.isEmpty { tokens[tokens.count - 1].closesQuestion = true }
                case ":" where Self.endsLine(scalars, after: index):
                    softBreak = true
                    if !tokens.isEmpty { tokens[tokens.count - 1].closesLeadIn = true }
                case ".", "!", "\n", "\r", "\u{2029}": sentenceBreak = true
                case " ", "\t", "-", "\u{00A0}": break
                default: softBreak = true
                }
            }
            index += 1
        }
        flush()
        return tokens
    }

    /// Whether only spaces and tabs stand between `index` and the end of its line (or of the text).
    static func endsLine(_ scalars: [Unicode.Scalar], after index: Int) -> Bool {
        var next = index + 1
        while next < scalars.count, scalars[next] == " " || scalars[next] == "\t" { next += 1 }
        return next == scalars.count || scalars[next] == "\n" || scalars[next] == "\r"
    }

    /// Marks that may open a list line before its number or text ("- 1. ...", "* ...", "> ...").
    static let bulletMarks: Set<Unicode.Scalar> = ["-", "*", "\u{2022}", "#", ">", "\u{2013}"]

    /// Where a numbered list marker starting at `index` ends (past its `.` or `)`), or `nil` when there is none: one
    /// or two digits and `.` at the start of a line, or `)` at the start of a line or after white space ("1) ...
    /// 2) ..."), followed by a space or a tab.
    static func listMarkerEnd(in scalars: [Unicode.Scalar], at index: Int, atLineStart: Bool) -> Int? {
        var end = index
        while end < scalars.count, end - index < 3, Self.isDigit(scalars[end]) { end += 1 }
        guard end - index <= 2, end < scalars.count else { return nil }
        let mark = scalars[end]
        let afterSpace = index == 0 || scalars[index - 1].properties.isWhitespace
        guard (mark == "." && atLineStart) || (mark == ")" && (atLineStart || afterSpace)) else { return nil }
        let next = end + 1
        // The item's text follows on the same line: "12." alone, or at a line's end, is an answer, not a marker.
        guard next < scalars.count, scalars[next] == " " || scalars[next] == "\t" else { return nil }
        return next
    }

    /// A number's written form without trailing decimal zeros ("120.00" → "120", "2.50" → "2.5"), so a price written
    /// with cents matches the same price without; numbers with several points (versions) stay as written.
    static func canonicalNumber(_ text: String) -> String {
        guard !text.contains(":"), text.utf8.filter({ $0 == UInt8(ascii: ".") }).count == 1 else { return text }
        var result = Substring(text)
        while result.hasSuffix("0") { result = result.dropLast() }
        if result.hasSuffix(".") { result = result.dropLast() }
        return result.isEmpty ? "0" : String(result)
    }

    /// Lowercased word → comparison form: drops a possessive `'s`, then `ies` → `y`, a plural `s` (not `ss`),
    /// `ing` and `ed` on longer words.
    static func normalize(_ word: String) -> String {
        var word = word
        if word.hasSuffix("'s") { word.removeLast(2) }
        let count = word.count
        if count > 4, word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") {
            return String(word.dropLast())
        }
        if count > 5, word.hasSuffix("ing") { return String(word.dropLast(3)) }
        if count > 4, word.hasSuffix("ed") { return String(word.dropLast(2)) }
        return word
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 65 && value <= 90) || (value >= 97 && value <= 122)
        }
        return scalar.properties.isAlphabetic
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 48 && scalar.value <= 57
    }

    private static func isUpper(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value >= 65 && scalar.value <= 90 }
        return scalar.properties.isUppercase
    }

    private static func isLower(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value >= 97 && scalar.value <= 122 }
        return scalar.properties.isLowercase
    }
}
