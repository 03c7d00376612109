/// Writes compact JSON byte for byte as Foundation's `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]`
/// does (the services' response encoder), for answers on a hot path: Foundation's `Codable` machinery was a fifth of
/// a rank request's CPU under load (issue 14, `Benchmarks/README.md`, "Load"), most of it generic dispatch around
/// a few kilobytes of output.
///
/// The caller writes each object's keys in ascending UTF-8 order, as `.sortedKeys` sorts them, and leaves out what
/// `encodeIfPresent` leaves out; a type's writer is tested against Foundation's bytes for the same value. Strings
/// are escaped as Foundation escapes them (`"`, `\`, and control characters; `/` and non-ASCII are written as they
/// are), numbers are written as Foundation writes them (`Double.description` without a trailing `.0`), and a
/// number JSON cannot hold (NaN, an infinity) throws ``NonFiniteNumber``, where Foundation throws an
/// `EncodingError`.
package struct SortedJSONWriter {
    /// The JSON written so far.
    package private(set) var bytes: [UInt8] = []

    /// A number JSON cannot hold.
    package struct NonFiniteNumber: Error {}

    /// Creates a writer with room for `capacity` bytes.
    package init(capacity: Int = 4096) {
        self.bytes.reserveCapacity(capacity)
    }

    /// Opens an object.
    package mutating func beginObject() { self.bytes.append(UInt8(ascii: "{")) }

    /// Closes an object.
    package mutating func endObject() { self.bytes.append(UInt8(ascii: "}")) }

    /// Writes an object's next key (after a comma unless it is the first), ready for its value.
    package mutating func key(_ key: StaticString) {
        if self.bytes.last != UInt8(ascii: "{") { self.bytes.append(UInt8(ascii: ",")) }
        self.bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { self.bytes.append(contentsOf: $0) }
        self.bytes.append(UInt8(ascii: "\""))
        self.bytes.append(UInt8(ascii: ":"))
    }

    /// Writes a member of the open object: its key, then the string.
    package mutating func member(_ key: StaticString, _ value: String) {
        self.key(key)
        self.string(value)
    }

    /// Writes a member of the open object: its key, then the number.
    ///
    /// - Throws: ``NonFiniteNumber`` for NaN or an infinity.
    package mutating func member(_ key: StaticString, _ value: Double) throws {
        self.key(key)
        try self.number(value)
    }

    /// Writes a member of the open object: its key, then the integer.
    package mutating func member(_ key: StaticString, _ value: some FixedWidthInteger) {
        self.key(key)
        self.integer(value)
    }

    /// Writes a member of the open object: its key, then `true` or `false`.
    package mutating func member(_ key: StaticString, _ value: Bool) {
        self.key(key)
        self.bool(value)
    }

    /// Writes a member of the open object: its key, then the array of strings.
    package mutating func member(_ key: StaticString, _ values: [String]) {
        self.key(key)
        self.strings(values)
    }

    /// Writes the member only when there is a value, as `encodeIfPresent` does.
    package mutating func memberIfPresent(_ key: StaticString, _ value: String?) {
        if let value { self.member(key, value) }
    }

    /// Writes the member only when there is a value, as `encodeIfPresent` does.
    ///
    /// - Throws: ``NonFiniteNumber`` for NaN or an infinity.
    package mutating func memberIfPresent(_ key: StaticString, _ value: Double?) throws {
        if let value { try self.member(key, value) }
    }

    /// Writes the member only when there is a value, as `encodeIfPresent` does.
    package mutating func memberIfPresent(_ key: StaticString, _ value: Int?) {
        if let value { self.member(key, value) }
    }

    /// Writes an array of `elements`, each by `element`.
    package mutating func array<Elements: Sequence>(
        _ elements: Elements, _ element: (inout SortedJSONWriter, Elements.Element) throws -> Void
    ) rethrows {
        self.bytes.append(UInt8(ascii: "["))
        var first = true
        for item in elements {
            if !first { self.bytes.append(UInt8(ascii: ",")) }
            first = false
            try element(&self, item)
        }
        self.bytes.append(UInt8(ascii: "]"))
    }

    /// Writes an array of strings.
    package mutating func strings(_ values: [String]) {
        self.array(values) { $0.string($1) }
    }

    /// Writes `null`.
    package mutating func null() { self.bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

    /// Writes `true` or `false`.
    package mutating func bool(_ value: Bool) {
        if value {
            self.bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        } else {
            self.bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        }
    }

    /// Writes an integer.
    package mutating func integer(_ value: some FixedWidthInteger) {
        self.bytes.append(contentsOf: value.description.utf8)
    }

    /// Writes a finite number as Foundation does: its shortest round-trip form, `1` rather than `1.0`.
    ///
    /// - Throws: ``NonFiniteNumber`` for NaN or an infinity.
    package mutating func number(_ value: Double) throws {
        guard value.isFinite else { throw NonFiniteNumber() }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        self.bytes.append(contentsOf: text.utf8)
    }

    /// Writes a string, quoted and escaped.
    package mutating func string(_ value: String) {
        self.bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var mark = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                self.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark..<index]))
                self.escape(byte)
                mark = index + 1
            }
            self.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark...]))
        }
        self.bytes.append(UInt8(ascii: "\""))
    }

    /// Writes a string if there is one, `null` otherwise (what `encode` writes for an optional).
    package mutating func optionalString(_ value: String?) {
        if let value { self.string(value) } else { self.null() }
    }

    private mutating func escape(_ byte: UInt8) {
        let backslash = UInt8(ascii: "\\")
        switch byte {
        case UInt8(ascii: "\""), backslash: self.bytes.append(contentsOf: [backslash, byte])
        case 0x08: self.bytes.append(contentsOf: [backslash, UInt8(ascii: "b")])
        case 0x0C: self.bytes.append(contentsOf: [backslash, UInt8(ascii: "f")])
        case 0x0A: self.bytes.append(contentsOf: [backslash, UInt8(ascii: "n")])
        case 0x0D: self.bytes.append(contentsOf: [backslash, UInt8(ascii: "r")])
        case 0x09: self.bytes.append(contentsOf: [backslash, UInt8(ascii: "t")])
        default:
            self.bytes.append(contentsOf: [
                backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hexDigits[Int(byte >> 4)],
                Self.hexDigits[Int(byte & 0xF)],
            ])
        }
    }

    /// Lowercase, as Foundation writes `\u00XX`.
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

/// A value with a hand-written ``SortedJSONWriter`` form, equal byte for byte to its `Encodable` form under the
/// services' response encoder.
package protocol SortedJSONWritable: Encodable {
    /// Writes the value.
    ///
    /// - Throws: ``SortedJSONWriter/NonFiniteNumber`` for a number JSON cannot hold.
    func write(to writer: inout SortedJSONWriter) throws
}
