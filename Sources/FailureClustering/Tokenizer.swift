/// Splits text into terms exactly as scikit-learn's default analyzer does: lowercase (Python's `str.lower`), then
/// every match of the token pattern `(?u)\b\w\w+\b`, i.e. every maximal run of two or more word characters.
///
/// A word character is what Python's `re` calls `\w` for `str` patterns: a letter (Unicode categories Lu, Ll, Lt,
/// Lm, Lo), a character with a numeric value (Nd, Nl, No and the like), or `_`. Combining marks (Mn, Mc) are not
/// word characters, so, as in scikit-learn, a decomposed accent splits a word. Lowercasing uses each scalar's full
/// Unicode lowercase mapping plus Python's final-sigma rule (`Σ` at the end of a word becomes `ς`).
/// Documents that are pure ASCII take a byte-level fast path; others take the Unicode path above.
package struct Tokenizer: Sendable, Hashable {
    /// Whether text is lowercased before matching (scikit-learn's `lowercase`); default `true`.
    package var lowercase: Bool

    /// A tokenizer; `lowercase` defaults to `true` as in scikit-learn.
    package init(lowercase: Bool = true) {
        self.lowercase = lowercase
    }

    /// The tokens of `text`, in order, with repeats.
    ///
    /// - Complexity: O(text.utf8.count).
    package func tokens(in text: String) -> [String] {
        var buffer = TokenBuffer()
        var text = text
        text.withUTF8 { self.scan($0, into: &buffer) }
        return (0..<buffer.count).map { index in
            buffer.withToken(index) { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Writes the tokens of one UTF-8 document into `buffer` (which is cleared first).
    func scan(_ document: UnsafeBufferPointer<UInt8>, into buffer: inout TokenBuffer) {
        buffer.removeAll()
        if Self.isASCII(document) {
            self.scanASCII(document, into: &buffer)
        } else {
            self.scanUnicode(document, into: &buffer)
        }
    }

    // MARK: - ASCII fast path

    /// For each byte: 0 when it is not a word character, else the byte (lowercased when asked).
    private static let asciiLowering: [UInt8] = Self.makeASCIITable(lowercase: true)
    private static let asciiPlain: [UInt8] = Self.makeASCIITable(lowercase: false)

    private static func makeASCIITable(lowercase: Bool) -> [UInt8] {
        (0..<256).map { value -> UInt8 in
            let byte = UInt8(value)
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                return byte
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                return lowercase ? byte + 32 : byte
            default:
                return 0
            }
        }
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        let raw = UnsafeRawPointer(base)
        while index + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if base[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    private func scanASCII(_ document: UnsafeBufferPointer<UInt8>, into buffer: inout TokenBuffer) {
        let table = self.lowercase ? Self.asciiLowering : Self.asciiPlain
        table.withUnsafeBufferPointer { table in
            let count = document.count
            var index = 0
            while index < count {
                if table[Int(document[index])] == 0 {
                    index += 1
                    continue
                }
                var end = index
                while end < count {
                    let mapped = table[Int(document[end])]
                    if mapped == 0 { break }
                    buffer.bytes.append(mapped)
                    end += 1
                }
                buffer.closeToken(scalarCount: end - index)
                index = end
            }
        }
    }

    // MARK: - Unicode path

    private func scanUnicode(_ document: UnsafeBufferPointer<UInt8>, into buffer: inout TokenBuffer) {
        let scalars = Array(String(decoding: document, as: UTF8.self).unicodeScalars)
        var tokenLength = 0
        func add(_ scalar: Unicode.Scalar) {
            if Self.isWordCharacter(scalar) {
                UTF8.encode(scalar) { buffer.bytes.append($0) }
                tokenLength += 1
            } else if tokenLength > 0 {
                buffer.closeToken(scalarCount: tokenLength)
                tokenLength = 0
            }
        }
        for index in scalars.indices {
            let scalar = scalars[index]
            if !self.lowercase || scalar.isASCII || !scalar.properties.changesWhenLowercased {
                add(self.lowercase && scalar.isASCII ? Self.asciiLowercase(scalar) : scalar)
            } else if scalar == "\u{03A3}" {
                add(Self.isFinalSigma(scalars, at: index) ? "\u{03C2}" : "\u{03C3}")
            } else {
                for lowered in scalar.properties.lowercaseMapping.unicodeScalars { add(lowered) }
            }
        }
        if tokenLength > 0 { buffer.closeToken(scalarCount: tokenLength) }
    }

    private static func asciiLowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(UInt8(scalar.value) + 32) : scalar
    }

    /// Python's `\w`: letters, characters with a numeric value, and `_`.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return Self.asciiPlain[Int(scalar.value)] != 0
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return properties.numericType != nil
        }
    }

    /// Python's final-sigma context: a cased letter (skipping case-ignorables) before, and none after.
    private static func isFinalSigma(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var before = index - 1
        while before >= 0 && scalars[before].properties.isCaseIgnorable { before -= 1 }
        guard before >= 0 && scalars[before].properties.isCased else { return false }
        var after = index + 1
        while after < scalars.count && scalars[after].properties.isCaseIgnorable { after += 1 }
        return after == scalars.count || !scalars[after].properties.isCased
    }
}

/// The tokens of one document, back to back in one byte buffer, reused across documents to avoid allocation.
struct TokenBuffer {
    /// The tokens' UTF-8 bytes, concatenated.
    var bytes: [UInt8] = []
    /// Where each token ends in `bytes`; token `i` starts where token `i - 1` ends.
    var ends: [Int] = []

    var count: Int { self.ends.count }

    mutating func removeAll() {
        self.bytes.removeAll(keepingCapacity: true)
        self.ends.removeAll(keepingCapacity: true)
    }

    /// Ends the token being written: keeps it when it has two or more scalars, else drops its bytes.
    mutating func closeToken(scalarCount: Int) {
        if scalarCount >= 2 {
            self.ends.append(self.bytes.count)
        } else {
            self.bytes.removeLast(self.bytes.count - (self.ends.last ?? 0))
        }
    }

    func range(of index: Int) -> Range<Int> {
        (index == 0 ? 0 : self.ends[index - 1])..<self.ends[index]
    }

    func withToken<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let range = self.range(of: index)
        return self.bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }
}
