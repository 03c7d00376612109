import Foundation

/// Splits text into ``Token``s in one pass, without regular expressions.
///
/// Words are runs of letters and digits (an apostrophe between letters stays inside); a lowercase-to-uppercase
/// change also splits (`TurboTurbo` → `Turbo`, `Turbo`, since knowledge snippets are often glued together);
/// numbers keep `.`, `,` or `:` between digits (`1,000` → `1000`, `2,5` → `2.5`, ``commaInNumber(_:at:hasPoint:)``;
/// `9:30` stays whole) and part from letters glued to
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

    /// The word being read, as UTF-8 bytes and its last scalar: appending to a `String.UnicodeScalarView` and
    /// reading its last scalar back were a twentieth of the verifier's time (issue 14).
    struct WordBuffer {
        private(set) var bytes: [UInt8] = []
        /// The last scalar appended.
        private(set) var last: Unicode.Scalar?

        init() { self.bytes.reserveCapacity(32) }

        var isEmpty: Bool { self.bytes.isEmpty }

        /// The word read so far.
        var string: String { String(decoding: self.bytes, as: UTF8.self) }

        mutating func append(_ scalar: Unicode.Scalar) {
            if scalar.isASCII {
                self.bytes.append(UInt8(scalar.value))
            } else {
                UTF8.encode(scalar) { self.bytes.append($0) }
            }
            self.last = scalar
        }

        /// Whether the word holds the ASCII character `byte`.
        func contains(_ byte: UInt8) -> Bool { self.bytes.contains(byte) }

        mutating func removeAll() {
            self.bytes.removeAll(keepingCapacity: true)
            self.last = nil
        }
    }

    /// The tokens of `text`.
    ///
    /// - Complexity: O(n) in the number of Unicode scalars.
    static func tokens(of text: String) -> [Token] {
        var tokens: [Token] = []
        var current = WordBuffer()
        var currentIsCapitalised = false
        var currentHasLetter = false
        var sentenceBreak = true
        var softBreak = false
        var joined = false
        // The unit of a currency sign just passed (only spaces since), for the number that follows it.
        var pendingSign: String?
        // Whether only spaces stand between the last token and here: a sign after a number ("120 €") is its unit.
        var rightAfterToken = false
        let scalars = Array(text.unicodeScalars)

        func flush() {
            guard !current.isEmpty else { return }
            var word = current.string
            if word.utf8.allSatisfy({ $0 < 0x80 }) {
                // Byte by byte: String's `hasSuffix` compares `Character`s backwards.
                while word.utf8.last == UInt8(ascii: "'") { word.removeLast() }
            } else {
                while word.hasSuffix("'") || word.hasSuffix("’") { word.removeLast() }
            }
            let isNumber = !currentHasLetter
            let lowered = isNumber ? Self.canonicalNumber(word) : word.lowercased()
            let digits = isNumber ? nil : Self.numberWords[lowered]
            tokens.append(
                Token(
                    text: lowered,
                    normalized: isNumber
                        ? lowered
                        : digits ?? Self.monthAbbreviation(lowered)
                            ?? Self.unitForm(Self.normalize(Self.foldedForComparison(lowered))),
                    isCapitalised: currentIsCapitalised,
                    isNumber: isNumber,
                    isNumberWord: digits != nil,
                    startsSentence: sentenceBreak,
                    joinedToPrevious: joined && !tokens.isEmpty,
                    signedUnit: isNumber ? pendingSign : nil))
            pendingSign = nil
            rightAfterToken = true
            current.removeAll()
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
            // A comma right after a number's digits: what it does there, worked out once.
            let comma =
                scalar == "," && !current.isEmpty && !currentHasLetter
                ? Self.commaInNumber(scalars, at: index, hasPoint: current.contains(UInt8(ascii: "."))) : nil
            if isDigit, current.isEmpty, let date = Self.isoDate(in: scalars, at: index) {
                // "2023-11-04" states the year, the month and the day as "4 November 2023" does.
                pendingSign = nil
                for part in [date.year, date.month, date.day] {
                    current.removeAll()
                    for scalar in part.unicodeScalars { current.append(scalar) }
                    currentHasLetter = false
                    currentIsCapitalised = false
                    flush()
                }
                index = date.end
                atLineStart = false
                continue
            }
            if isDigit, current.isEmpty, let end = Self.listMarkerEnd(in: scalars, at: index, atLineStart: atLineStart)
            {
                // "1. The Cascade Pro ..." or "2) Summit Lite": the item's number is layout, not a claim.
                index = end
                continue
            }
            if scalar == "\n" || scalar == "\r" || scalar == "\u{2029}" {
                atLineStart = true
            } else if atLineStart && !(scalar == " " || scalar == "\t" || Self.bulletMarks.contains(scalar)) {
                atLineStart = false
            }
            if !current.isEmpty, currentHasLetter, Self.isCombiningMark(scalar) {
                // "Zu" + U+0308 + "rich" (decomposed text, as some systems copy it) is one word, "Zürich".
                current.append(scalar)
                index += 1
                continue
            }
            if isLetter || isDigit {
                if isLetter, !current.isEmpty, !currentHasLetter {
                    // Letters glued to a number: an ordinal suffix is dropped ("21st" is 21), any other run is a word of
                    // its own ("2.1kg" is 2.1 and kg, "9am" is 9 and am), so the number is compared as a number.
                    var end = index
                    while end < scalars.count, Self.isLetter(scalars[end]) { end += 1 }
                    let suffix = String(String.UnicodeScalarView(scalars[index..<end])).lowercased()
                    if Self.ordinalSuffixes.contains(suffix), !current.contains(UInt8(ascii: ".")),
                        !current.contains(UInt8(ascii: ":")),
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
                index + 1 < scalars.count, Self.isDigit(scalars[index + 1]), scalar != "," || comma != nil
            {
                // "1,000" groups thousands; "120,00" and "2,5" write a decimal point with a comma.
                if scalar != "," {
                    current.append(scalar)
                } else if comma == .decimalPoint {
                    current.append(".")
                }
            } else {
                flush()
                if scalar == " " || scalar == "\u{00A0}" {
                    // A space between a sign and its number keeps the sign ("$ 89", "120 €").
                } else if scalar.value == 0x24 || scalar.value >= 0xA3, let unit = Self.currencySigns[scalar] {
                    // Before a number the sign is its unit ("€120", "$ 89"); otherwise, right after one, it is that
                    // number's ("120 €", "120€").
                    var next = index + 1
                    while next < scalars.count, scalars[next] == " " || scalars[next] == "\u{00A0}" { next += 1 }
                    if next < scalars.count && Self.isDigit(scalars[next]) {
                        pendingSign = unit
                    } else {
                        if rightAfterToken, let last = tokens.indices.last, tokens[last].isNumber,
                            tokens[last].signedUnit == nil
                        {
                            tokens[last].signedUnit = unit
                        }
                        pendingSign = nil
                    }
                    rightAfterToken = false
                } else {
                    pendingSign = nil
                    rightAfterToken = false
                }
                switch scalar {
                case "?":
                    sentenceBreak = true
                    if !tokens.isEmpty { tokens[tokens.count - 1].closesQuestion = true }
                case ":" where Self.endsLine(scalars, after: index):
                    softBreak = true
                    if !tokens.isEmpty { tokens[tokens.count - 1].closesLeadIn = true }
                case "."
                where index > 0 && Self.isLetter(scalars[index - 1])
                    && tokens.last.map({ Self.monthAbbreviation($0.text) != nil }) == true:
                    softBreak = true  // "Nov. 4": the abbreviation's point ends no sentence
                case "."
                where index > 0 && Self.isLetter(scalars[index - 1])
                    && tokens.last.map({ $0.isCapitalised && Self.isNameAbbreviation($0.text) }) == true
                    && Self.capitalFollows(scalars, after: index):
                    break  // "J. K. Rowling", "Dr. Seuss": the point of an initial or a title is inside the name
                case "."
                where index > 0 && Self.isLetter(scalars[index - 1])
                    && tokens.last.map({ Self.numberAbbreviations.contains($0.text) }) == true
                    && Self.digitFollows(scalars, after: index):
                    break  // "Symphony No. 3", "Vol. 2", "pp. 12": the point before a number is an abbreviation's
                case "."
                where index > 1 && Self.isLetter(scalars[index - 1]) && scalars[index - 2] == "."
                    && tokens.last.map({ $0.isCapitalised && $0.text.count == 1 }) == true
                    && Self.lowercaseFollows(scalars, after: index):
                    break  // "which U.S. state", "D.C. is": a dotted acronym before a lowercase word ends nothing
                case ".", "!", "\n", "\r", "\u{2029}": sentenceBreak = true
                case "-"
                where index > 0 && index + 1 < scalars.count && scalars[index - 1] == " " && scalars[index + 1] == " ":
                    softBreak = true  // "Blue Peter - Konnie Huq": a hyphen between spaces is a dash, which parts names
                case " ", "\t", "-", "\u{00A0}": break
                default: softBreak = true
                }
            }
            index += 1
        }
        flush()
        Self.readClockTimes(&tokens)
        Self.readMagnitudes(&tokens)
        return tokens
    }

    /// Powers of ten a word after a number multiplies it by ("bn" compares as "billion").
    static let magnitudes: [String: Int] = ["thousand": 3, "million": 6, "billion": 9, "bn": 9, "trillion": 12]

    /// Rewrites a number, or a number word ("two", and "one" here), followed by a magnitude word as its value: "1.2
    /// million" is the number 1200000 and "two million" the number word 2000000, so they state what "1,200,000" and
    /// "2,000,000" state, both ways; the number as written is kept (``Token/writtenNumber``). The magnitude word stays
    /// a word, which a number of its size in the support vouches for (``magnitudeWord(for:)``).
    static func readMagnitudes(_ tokens: inout [Token]) {
        for index in tokens.indices.dropLast()
        where tokens[index].isNumber || tokens[index].isNumberWord || tokens[index].text == "one" {
            guard let power = Self.magnitudes[tokens[index + 1].text], !tokens[index + 1].startsSentence,
                tokens[index].writtenTime == nil, !tokens[index].text.contains(":"),
                let number = Decimal(
                    string: tokens[index].isNumber || tokens[index].isNumberWord ? tokens[index].normalized : "1")
            else { continue }
            let value = Self.canonicalNumber(
                (number * Decimal(sign: .plus, exponent: power, significand: 1)).description)
            if tokens[index].isNumber {
                tokens[index].writtenNumber = tokens[index].text
                tokens[index].text = value
            } else {
                tokens[index].isNumberWord = true
            }
            tokens[index].normalized = value
            if tokens[index + 1].text == "bn" { tokens[index + 1].normalized = "billion" }
        }
    }

    /// The magnitude word a number of this size can be written with ("million" for 1200000, "thousand" for 40000),
    /// or `nil` below a thousand or for a number that is not a plain decimal.
    static func magnitudeWord(for number: String) -> String? {
        let integerDigits = number.utf8.prefix { $0 != UInt8(ascii: ".") }
        guard integerDigits.count >= 4, integerDigits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        switch integerDigits.count {
        case 4...6: return "thousand"
        case 7...9: return "million"
        case 10...12: return "billion"
        default: return "trillion"
        }
    }

    /// Rewrites an hour written with "am" or "pm" on the 24-hour clock, as a time with minutes ("6 pm" and "6pm" are
    /// 18:00, "9:30 am" is 9:30, "12 am" is 0:00), so it states what "18:00" states, both ways; the "am" or "pm"
    /// itself stays a token but no content word (``Token/isClockMarker``).
    static func readClockTimes(_ tokens: inout [Token]) {
        for index in tokens.indices.dropLast() where tokens[index].isNumber {
            let marker = tokens[index + 1].text
            guard marker == "am" || marker == "pm", !tokens[index + 1].startsSentence else { continue }
            let parts = tokens[index].text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2, let hour = Int(parts[0]), (1...12).contains(hour) else { continue }
            let minutes = parts.count == 2 ? String(parts[1]) : "00"
            guard minutes.utf8.count == 2, let minute = Int(minutes), minute < 60 else { continue }
            let clock = marker == "pm" ? (hour == 12 ? 12 : hour + 12) : (hour == 12 ? 0 : hour)
            tokens[index].writtenTime = tokens[index].text
            tokens[index].text = "\(clock):\(minutes)"
            tokens[index].normalized = tokens[index].text
            tokens[index + 1].isClockMarker = true
            tokens[index + 1].isCapitalised = false  // "PM" names nothing
        }
    }

    /// What a comma between digits does inside a number.
    enum NumberComma {
        /// Groups thousands ("1,000", "12,500,000"): dropped.
        case thousands
        /// Writes a decimal point ("120,00 €", "2,5 kg"): read as ".".
        case decimalPoint
    }

    /// The comma at `index` (between digits) inside a number: thousands when exactly three digits follow it; a
    /// decimal point when one or two do and no other comma and digit follow them (and the number has no point yet);
    /// otherwise `nil`, a comma between numbers ("1,2,3": three numbers).
    static func commaInNumber(_ scalars: [Unicode.Scalar], at index: Int, hasPoint: Bool) -> NumberComma? {
        var end = index + 1
        while end < scalars.count, Self.isDigit(scalars[end]) { end += 1 }
        let digits = end - index - 1
        if digits == 3 { return .thousands }
        let listContinues = end + 1 < scalars.count && scalars[end] == "," && Self.isDigit(scalars[end + 1])
        return (1...2).contains(digits) && !listContinues && !hasPoint ? .decimalPoint : nil
    }

    /// Currency signs and the unit each names (a comparison form of ``unitDimensions``).
    static let currencySigns: [Unicode.Scalar: String] = [
        "$": "dollar", "\u{20AC}": "euro", "\u{00A3}": "pound", "\u{00A5}": "yen",
    ]

    /// Whether only spaces and tabs stand between `index` and the end of its line (or of the text).
    static func endsLine(_ scalars: [Unicode.Scalar], after index: Int) -> Bool {
        var next = index + 1
        while next < scalars.count, scalars[next] == " " || scalars[next] == "\t" { next += 1 }
        return next == scalars.count || scalars[next] == "\n" || scalars[next] == "\r"
    }

    /// Titles written with a point before a name ("Dr. Seuss", "St. Louis", "Mt. Everest"); not "Jr.", which ends
    /// a name and often a sentence.
    static let nameTitles: Set<String> = [
        "dr", "mr", "mrs", "ms", "st", "mt", "ft", "prof", "gen", "sgt", "capt", "rev",
    ]

    /// Whether `word` (lowercased), capitalised and followed by a point and a capital, is an initial or a title: one
    /// letter other than "I" (the pronoun ends sentences: "than I. He"), or one of ``nameTitles``.
    static func isNameAbbreviation(_ word: String) -> Bool {
        let length = word.utf8.count
        if length > 4 { return false }
        return (word.count == 1 && word != "i") || Self.nameTitles.contains(word)
    }

    /// Words written with a point before a number ("No. 3", "Vol. 2", "Op. 27", "pp. 12"), lowercased.
    static let numberAbbreviations: Set<String> = ["no", "nos", "vol", "op", "pp", "fig", "ch", "sec", "art"]

    /// Whether the character right after `index` and one space (or none) is a digit.
    static func digitFollows(_ scalars: [Unicode.Scalar], after index: Int) -> Bool {
        var next = index + 1
        if next < scalars.count, scalars[next] == " " || scalars[next] == "\u{00A0}" { next += 1 }
        return next < scalars.count && Self.isDigit(scalars[next])
    }

    /// Whether the next character after `index` and any spaces is a capital letter.
    static func capitalFollows(_ scalars: [Unicode.Scalar], after index: Int) -> Bool {
        Self.character(after: index, in: scalars)?.properties.isUppercase == true
    }

    /// Whether the next character after `index` and any spaces is a lowercase letter.
    static func lowercaseFollows(_ scalars: [Unicode.Scalar], after index: Int) -> Bool {
        Self.character(after: index, in: scalars)?.properties.isLowercase == true
    }

    /// The first character after `index` that is not a space (or a no-break space), if any.
    private static func character(after index: Int, in scalars: [Unicode.Scalar]) -> Unicode.Scalar? {
        var next = index + 1
        while next < scalars.count, scalars[next] == " " || scalars[next] == "\u{00A0}" { next += 1 }
        return next < scalars.count ? scalars[next] : nil
    }

    /// Month abbreviations and the month they stand for: "Nov 4" states what "November 4" does.
    static let monthAbbreviations: [String: String] = [
        "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june", "jul": "july",
        "aug": "august", "sep": "september", "sept": "september", "oct": "october", "nov": "november",
        "dec": "december",
    ]

    /// The month `word` abbreviates, or `nil`; most words are ruled out by their length alone.
    static func monthAbbreviation(_ word: String) -> String? {
        let length = word.utf8.count
        return length == 3 || length == 4 ? Self.monthAbbreviations[word] : nil
    }

    /// ``monthNames`` → `month-N`.
    private static let monthNumbers = Dictionary(
        uniqueKeysWithValues: Self.monthNames.enumerated().map { ($1, Self.monthKey($0 + 1)) })

    /// How month `number` (1-12) is compared: `month-11`, apart from the number 11.
    static func monthKey(_ number: Int) -> String { "month-\(number)" }

    /// Month names by number, for ISO dates.
    static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ]

    /// The number a month name (or its abbreviation) is compared as, `month-11` for November: an ISO date's month is
    /// that number, so "2023-12-04" against "4 November 2023" is a conflicting number, as 12 against 11 would be.
    static func monthNumber(of normalized: String) -> String? {
        // Month names are 3 to 9 letters and start with one of "jfmasond": most words need no lookup.
        let length = normalized.utf8.count
        guard (3...9).contains(length), let first = normalized.utf8.first, "jfmasond".utf8.contains(first) else {
            return nil
        }
        return Self.monthNumbers[normalized]
    }

    /// An ISO date starting at `index` ("2023-11-04": four digits, a month 1-12 and a day 1-31, joined by hyphens, not
    /// followed by a letter or digit, or by `T` and a time), as its year, month number (``monthNumber(of:)``) and
    /// day, and where it ends (past the `T`).
    static func isoDate(
        in scalars: [Unicode.Scalar], at index: Int
    ) -> (year: String, month: String, day: String, end: Int)? {
        func digits(from start: Int, count: ClosedRange<Int>) -> (value: Int, end: Int)? {
            var end = start
            var value = 0
            while end < scalars.count, end - start < count.upperBound, Self.isDigit(scalars[end]) {
                value = value * 10 + Int(scalars[end].value - 48)
                end += 1
            }
            return count.contains(end - start) ? (value, end) : nil
        }
        guard let year = digits(from: index, count: 4...4), year.end < scalars.count, scalars[year.end] == "-",
            let month = digits(from: year.end + 1, count: 1...2), (1...12).contains(month.value),
            month.end < scalars.count, scalars[month.end] == "-",
            let day = digits(from: month.end + 1, count: 1...2), (1...31).contains(day.value)
        else { return nil }
        let after = day.end < scalars.count ? scalars[day.end] : nil
        let time = after == "T" && day.end + 1 < scalars.count && Self.isDigit(scalars[day.end + 1])
        guard time || after.map({ !(Self.isDigit($0) || Self.isLetter($0)) }) ?? true else { return nil }
        return (String(year.value), Self.monthKey(month.value), String(day.value), time ? day.end + 1 : day.end)
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
        var points = 0
        for byte in text.utf8 where byte == UInt8(ascii: ".") { points += 1 }
        if points == 0, !text.contains(":"), text.utf8.count > 1, text.utf8.first == UInt8(ascii: "0") {
            // "04" is 4 (a day or month written with a leading zero).
            let trimmed = text.drop { $0 == "0" }
            return trimmed.isEmpty ? "0" : String(trimmed)
        }
        if text.contains(":") {
            // "09:00" is the time 9:00.
            return text.utf8.count > 4 && text.hasPrefix("0") && !text.hasPrefix("0:") ? String(text.dropFirst()) : text
        }
        guard points == 1 else { return text }
        var result = Substring(text)
        while result.hasSuffix("0") { result = result.dropLast() }
        if result.hasSuffix(".") { result = result.dropLast() }
        return result.isEmpty ? "0" : String(result)
    }

    /// Units and currencies in one form whichever way they are written: "kg" and "kilograms", "EUR" and "euros",
    /// "metres" and "meters" (keys and values are comparison forms, after ``normalize(_:)``).
    static let unitForms: [String: String] = [
        "kg": "kilogram", "kgs": "kilogram", "mg": "milligram", "km": "kilometre", "kilometer": "kilometre",
        "cm": "centimetre", "centimeter": "centimetre", "mm": "millimetre", "millimeter": "millimetre",
        "meter": "metre", "ml": "millilitre", "milliliter": "millilitre", "liter": "litre", "lb": "pound",
        "lbs": "pound", "oz": "ounce", "hr": "hour", "hrs": "hour", "min": "minute", "mins": "minute", "sec": "second",
        "secs": "second", "yr": "year", "yrs": "year", "eur": "euro", "usd": "dollar", "pct": "percent",
    ]

    /// What each unit (in its comparison form) measures, as bits: mass 1, length 2, volume 4, currency 8, time 16
    /// ("pound" is mass and currency). Two units that share a bit can stand in each other's place after a number, so
    /// "2.1 pounds" against the context's "2.1 kilograms" is a wrong unit, while "5 kilograms" against "5 hours" is
    /// another quantity (``SupportIndex/conflictingUnit(at:in:)``).
    static let unitDimensions: [String: UInt8] = [
        "kilogram": 1, "gram": 1, "milligram": 1, "pound": 1 | 8, "ounce": 1, "tonne": 1, "ton": 1,
        "metre": 2, "kilometre": 2, "centimetre": 2, "millimetre": 2, "mile": 2, "foot": 2, "inch": 2, "yard": 2,
        "litre": 4, "millilitre": 4, "gallon": 4,
        "euro": 8, "dollar": 8, "yen": 8, "franc": 8, "krona": 8, "krone": 8, "rupee": 8, "yuan": 8, "cent": 8,
        "second": 16, "minute": 16, "hour": 16, "day": 16, "week": 16, "month": 16, "year": 16,
    ]

    /// `form` as ``unitForms`` writes it; most words are ruled out by their length alone.
    static func unitForm(_ form: String) -> String {
        let length = form.utf8.count
        guard length >= 2 && length <= 10 else { return form }
        return Self.unitForms[form] ?? form
    }

    /// Lowercased word → comparison form: drops a possessive `'s`, then `ies` → `y`, a plural `s` (not `ss`),
    /// `ing` and `ed` on longer words.
    static func normalize(_ word: String) -> String {
        Self.asciiNormalize(word) ?? Self.normalizeByCharacter(word)
    }

    /// ``normalize(_:)`` of any word, `Character` by `Character`.
    static func normalizeByCharacter(_ word: String) -> String {
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

    /// ``normalize(_:)`` of an ASCII word, byte by byte, or `nil` for another word: String's `hasSuffix` compares
    /// `Character`s backwards, and the suffix checks were a twentieth of a clustering's CPU (issue 14).
    static func asciiNormalize(_ word: String) -> String? {
        var word = word
        return word.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var count = bytes.count
            func ends(_ suffix: StaticString) -> Bool {
                let length = suffix.utf8CodeUnitCount
                guard count >= length else { return false }
                return suffix.withUTF8Buffer { suffix in
                    (0..<length).allSatisfy { bytes[count - length + $0] == suffix[$0] }
                }
            }
            func first(_ length: Int) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<length]), as: UTF8.self)
            }
            if ends("'s") { count -= 2 }
            if count > 4, ends("ies") { return first(count - 3) + "y" }
            if count > 3, ends("s"), !ends("ss"), !ends("us"), !ends("is") { return first(count - 1) }
            if count > 5, ends("ing") { return first(count - 3) }
            if count > 4, ends("ed") { return first(count - 2) }
            return first(count)
        }
    }

    /// A lowercased `word` as its comparison form has it: without accents (é → e, ü → u, ñ → n; ø and æ have none to
    /// drop) and in compatibility form (the ligature "ﬁ" is "fi"), so a response that writes "Zurich", "Cafe" or
    /// "final" states what a context with "Zürich", "Café" or a PDF's "ﬁnal" states.
    static func foldedForComparison(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word }
        let scalars = word.decomposedStringWithCompatibilityMapping.unicodeScalars
        return String(String.UnicodeScalarView(scalars.filter { !Self.isCombiningMark($0) })).lowercased()
    }

    /// A mark that combines with the letter before it (general categories Mn, Mc, Me).
    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x300 else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
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
