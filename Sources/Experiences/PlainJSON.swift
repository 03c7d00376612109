/// A JSON document parsed for a fast path past Foundation's `JSONDecoder`, whose generic `Decodable` walk was an
/// eighth of a rank request's CPU under load (issue 14; its scanning alone was a fortieth).
///
/// The parser accepts only plain, unambiguous JSON and gives up (`nil`) on anything where matching Foundation's
/// result would need care: a string with a control character, invalid UTF-8 or a lone surrogate, a number that does
/// not fit a `Double`, a duplicate key, nesting deeper than ``maximumDepth``, or trailing bytes. A type's
/// ``PlainJSONDecodable`` initialiser gives up the same way on any field it would not decode exactly as its
/// `Decodable` form does (a missing required field, a wrong type, a value it would refuse), and the caller then
/// decodes with Foundation, which gives the value or the error it always gave.
package indirect enum PlainJSON: Sendable {
    case null
    case bool(Bool)
    /// A number with its text, as written.
    case number(Double, text: [UInt8])
    case string(String)
    case array([PlainJSON])
    /// Members in document order; keys are distinct.
    case object([(key: String, value: PlainJSON)])

    /// The deepest nesting accepted.
    package static let maximumDepth = 32

    /// Parses `bytes`, or `nil` when they are not plain JSON as above.
    package init?(parsing bytes: UnsafeRawBufferPointer) {
        var parser = Parser(bytes: bytes.bindMemory(to: UInt8.self))
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipWhiteSpace()
        guard parser.position == parser.bytes.count else { return nil }
        self = value
    }

    /// The member named `key` of an object, `nil` for a missing member (or when this is not an object).
    package subscript(key: String) -> PlainJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The keys of an object, or `nil`.
    package var keys: [String]? {
        guard case .object(let members) = self else { return nil }
        return members.map(\.key)
    }

    package var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    package var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    package var array: [PlainJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// A finite number (any JSON number form), as Foundation decodes a `Double`.
    package var double: Double? {
        if case .number(let value, _) = self { return value }
        return nil
    }

    /// A whole number written as digits only (no fraction or exponent) that fits `T`, else `nil`.
    package func integer<T: FixedWidthInteger>(_: T.Type = T.self) -> T? {
        guard case .number(_, let text) = self, !text.isEmpty else { return nil }
        let digits = text.first == UInt8(ascii: "-") ? text.dropFirst() : text[...]
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return T(String(decoding: text, as: UTF8.self))
    }

    /// An optional field as `decodeIfPresent` reads it: absent or `null` is `.some(nil)`; a value `read` cannot
    /// take is `nil` (give up).
    package static func optional<T>(_ value: PlainJSON?, _ read: (PlainJSON) -> T?) -> T?? {
        guard let value, !value.isNull else { return .some(nil) }
        guard let read = read(value) else { return nil }
        return .some(read)
    }

    package var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// An array of strings, or `nil`.
    package var strings: [String]? {
        guard let array = self.array else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(array.count)
        for element in array {
            guard let string = element.string else { return nil }
            strings.append(string)
        }
        return strings
    }

    /// Each element read by `read`, or `nil` when this is not an array or `read` gives up on one.
    package func elements<T>(_ read: (PlainJSON) -> T?) -> [T]? {
        guard let array = self.array else { return nil }
        var values: [T] = []
        values.reserveCapacity(array.count)
        for element in array {
            guard let value = read(element) else { return nil }
            values.append(value)
        }
        return values
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func skipWhiteSpace() {
            while self.position < self.bytes.count {
                switch self.bytes[self.position] {
                case 0x20, 0x09, 0x0A, 0x0D: self.position += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) -> PlainJSON? {
            guard depth <= PlainJSON.maximumDepth else { return nil }
            self.skipWhiteSpace()
            guard self.position < self.bytes.count else { return nil }
            switch self.bytes[self.position] {
            case UInt8(ascii: "{"): return self.object(depth: depth)
            case UInt8(ascii: "["): return self.array(depth: depth)
            case UInt8(ascii: "\""): return self.string().map(PlainJSON.string)
            case UInt8(ascii: "t"): return self.literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return self.literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return self.literal("null") ? .null : nil
            default: return self.number()
            }
        }

        /// Whether the next byte is `byte`, reading past it if so.
        mutating func consume(_ byte: UInt8) -> Bool {
            guard self.position < self.bytes.count, self.bytes[self.position] == byte else { return false }
            self.position += 1
            return true
        }

        /// After a container's member or element: `true` when `closing` (after white space) ends the container,
        /// `false` after a comma, `nil` for anything else.
        mutating func endsContainer(_ closing: UInt8) -> Bool? {
            self.skipWhiteSpace()
            if self.consume(UInt8(ascii: ",")) { return false }
            if self.consume(closing) { return true }
            return nil
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard self.position + count <= self.bytes.count else { return false }
            for offset in 0..<count where self.bytes[self.position + offset] != word.utf8Start[offset] {
                return false
            }
            self.position += count
            return true
        }

        mutating func object(depth: Int) -> PlainJSON? {
            self.position += 1
            var members: [(key: String, value: PlainJSON)] = []
            // Duplicate keys: compared one by one while the object is small, through a set beyond (hashing every
            // key was a third of the parse).
            var keys: Set<String>?
            self.skipWhiteSpace()
            if self.consume(UInt8(ascii: "}")) { return .object(members) }
            while true {
                self.skipWhiteSpace()
                guard self.position < self.bytes.count, self.bytes[self.position] == UInt8(ascii: "\""),
                    let key = self.string()
                else { return nil }
                if keys == nil, members.count == 16 { keys = Set(members.map(\.key)) }
                if keys != nil {
                    guard keys!.insert(key).inserted else { return nil }
                } else {
                    guard !members.contains(where: { $0.key == key }) else { return nil }
                }
                self.skipWhiteSpace()
                guard self.consume(UInt8(ascii: ":")), let value = self.value(depth: depth + 1) else { return nil }
                members.append((key, value))
                guard let closed = self.endsContainer(UInt8(ascii: "}")) else { return nil }
                if closed { return .object(members) }
            }
        }

        mutating func array(depth: Int) -> PlainJSON? {
            self.position += 1
            var elements: [PlainJSON] = []
            self.skipWhiteSpace()
            if self.consume(UInt8(ascii: "]")) { return .array(elements) }
            while true {
                guard let element = self.value(depth: depth + 1) else { return nil }
                elements.append(element)
                guard let closed = self.endsContainer(UInt8(ascii: "]")) else { return nil }
                if closed { return .array(elements) }
            }
        }

        /// A string from its opening quote: the common escapes and `\u` (surrogate pairs joined); `nil` for a
        /// control character, invalid UTF-8, a lone surrogate or an unknown escape.
        mutating func string() -> String? {
            self.position += 1
            let start = self.position
            // Most strings have no escape: validate and copy their bytes in one go.
            while self.position < self.bytes.count {
                let byte = self.bytes[self.position]
                if byte == UInt8(ascii: "\"") {
                    let text = Self.text(UnsafeBufferPointer(rebasing: self.bytes[start..<self.position]))
                    self.position += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                self.position += 1
            }
            var decoded = Array(self.bytes[start..<self.position])
            while self.position < self.bytes.count {
                let byte = self.bytes[self.position]
                self.position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return decoded.withUnsafeBufferPointer(Self.text)
                case 0..<0x20:
                    return nil
                case UInt8(ascii: "\\"):
                    guard self.position < self.bytes.count else { return nil }
                    let escape = self.bytes[self.position]
                    self.position += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                    case UInt8(ascii: "b"): decoded.append(0x08)
                    case UInt8(ascii: "f"): decoded.append(0x0C)
                    case UInt8(ascii: "n"): decoded.append(0x0A)
                    case UInt8(ascii: "r"): decoded.append(0x0D)
                    case UInt8(ascii: "t"): decoded.append(0x09)
                    case UInt8(ascii: "u"):
                        guard let scalar = self.unicodeEscape() else { return nil }
                        decoded.append(contentsOf: String(Character(scalar)).utf8)
                    default: return nil
                    }
                default:
                    decoded.append(byte)
                }
            }
            return nil
        }

        /// UTF-8 bytes as a string, or `nil` when they are not valid UTF-8. ASCII, the common case, skips the
        /// generic validating initialiser, whose unspecialised metadata look-ups were a tenth of the parse.
        static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
            if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            return String(validating: bytes, as: UTF8.self)
        }

        /// The scalar of a `\u` escape whose `\u` is read, joining a surrogate pair; `nil` for a lone surrogate.
        mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let high = self.hex4() else { return nil }
            switch high {
            case 0xD800..<0xDC00:
                guard self.consume(UInt8(ascii: "\\")), self.consume(UInt8(ascii: "u")), let low = self.hex4(),
                    (0xDC00..<0xE000).contains(low)
                else { return nil }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            case 0xDC00..<0xE000:
                return nil
            default:
                return Unicode.Scalar(high)
            }
        }

        mutating func hex4() -> UInt32? {
            guard self.position + 4 <= self.bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = self.bytes[self.position]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value << 4 | digit
                self.position += 1
            }
            return value
        }

        /// A number in JSON's grammar (`-`, digits without a leading zero, a fraction, an exponent) whose value is
        /// finite and, when its digits are not all zero, not rounded to zero.
        mutating func number() -> PlainJSON? {
            let start = self.position
            func digits() -> Int {
                let from = self.position
                while self.position < self.bytes.count, self.bytes[self.position] >= UInt8(ascii: "0"),
                    self.bytes[self.position] <= UInt8(ascii: "9")
                {
                    self.position += 1
                }
                return self.position - from
            }
            _ = self.consume(UInt8(ascii: "-"))
            let integerStart = self.position
            let integerDigits = digits()
            guard integerDigits > 0, integerDigits == 1 || self.bytes[integerStart] != UInt8(ascii: "0") else {
                return nil
            }
            if self.consume(UInt8(ascii: ".")) {
                guard digits() > 0 else { return nil }
            }
            if self.consume(UInt8(ascii: "e")) || self.consume(UInt8(ascii: "E")) {
                _ = self.consume(UInt8(ascii: "+")) || self.consume(UInt8(ascii: "-"))
                guard digits() > 0 else { return nil }
            }
            let text = Array(self.bytes[start..<self.position])
            guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else { return nil }
            if value == 0 {
                // Underflow to zero: leave such a number to Foundation.
                let mantissa = text.prefix { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }
                guard
                    mantissa.allSatisfy({
                        $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
                    })
                else { return nil }
            }
            return .number(value, text: text)
        }
    }
}

/// A type that can be read from ``PlainJSON`` exactly as its `Decodable` form reads the same document, giving up
/// (`nil`) wherever that would need care; see ``PlainJSON``.
package protocol PlainJSONDecodable: Decodable {
    init?(plainJSON: PlainJSON)
}
