import Foundation

/// Finds the number a decoder refused without saying where.
///
/// Foundation's `JSONDecoder` reports a number that does not fit its field (`-1` for an unsigned seed, `3.5` for a
/// count, `1e30` for an `Int`) as "The given data was not valid JSON" with an empty coding path, so the caller would
/// be told their valid JSON is malformed. When the data is JSON after all, the numbers that could be at fault
/// (fractional, negative or beyond ±2^53) are set to 0 one after another until decoding passes; the last one set is
/// at fault.
package enum UnfittingNumber {
    /// At most this many suspicious numbers are tried (each try is one decode of the whole document).
    static let maximumTries = 32

    /// The error to report instead of an empty-path `dataCorrupted` one, or `nil` when no single number is to blame
    /// (the data is not JSON, or something else is wrong with it).
    /// - Parameters:
    ///   - data: The document that failed to decode.
    ///   - decode: Decodes a document as the failed decode did, throwing as it did.
    package static func locate(in data: Data, decode: (Data) throws -> Void) -> DecodingError? {
        guard var document = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return Self.outOfRangeLiteral(in: data)
        }
        var suspects: [([PathKey], JSONValue)] = []
        Self.collect(document, at: [], into: &suspects)
        for (path, value) in suspects.prefix(Self.maximumTries) {
            document.replace(at: path, with: .integer(0))
            guard let patched = try? JSONEncoder().encode(document) else { return nil }
            do {
                try decode(patched)
            } catch let error as DecodingError {
                if case .dataCorrupted(let context) = error, context.codingPath.isEmpty { continue }
            } catch {}
            return DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: path, debugDescription: Self.reason(value)))
        }
        return nil
    }

    /// The error for a number literal no `Double` holds (`1e400`), which makes Foundation refuse the whole document
    /// as invalid JSON, or `nil` when there is none or the document is not JSON for another reason too. The
    /// literal is swapped for a marker string to find its field.
    package static func outOfRangeLiteral(in data: Data) -> DecodingError? {
        let bytes = [UInt8](data)
        let numberBytes = Set("0123456789+-.eE".utf8)
        var index = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
                if byte == UInt8(ascii: "\"") { inString = true }
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, numberBytes.contains(bytes[end]) { end += 1 }
            let literal = String(decoding: bytes[index..<end], as: UTF8.self)
            if let value = Double(literal), !value.isFinite {
                let marker = "\u{1}out-of-range\u{1}"
                guard let markerJSON = try? JSONEncoder().encode(marker) else { return nil }
                var patched = bytes
                patched.replaceSubrange(index..<end, with: markerJSON)
                guard let document = try? JSONDecoder().decode(JSONValue.self, from: Data(patched)),
                    let path = document.path(ofString: marker)
                else { return nil }
                return DecodingError.dataCorrupted(
                    DecodingError.Context(
                        codingPath: path, debugDescription: "is out of range, got \(literal.echoed(limit: 40))"))
            }
            index = end
        }
        return nil
    }

    private static func reason(_ value: JSONValue) -> String {
        let text = value.rendered().echoed(limit: 40)
        switch value {
        case .number(let number) where number.rounded() != number: return "must be a whole number, got \(text)"
        case .integer(let number) where number < 0: return "must not be negative, got \(text)"
        default: return "is out of range, got \(text)"
        }
    }

    private static func collect(_ value: JSONValue, at path: [PathKey], into suspects: inout [([PathKey], JSONValue)]) {
        switch value {
        case .integer(let number) where number < 0 || number.magnitude > 1 << 53:
            suspects.append((path, value))
        case .number:
            suspects.append((path, value))
        case .array(let items):
            for (index, item) in items.enumerated() { Self.collect(item, at: path + [PathKey(index)], into: &suspects) }
        case .object(let members):
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                Self.collect(member, at: path + [PathKey(key)], into: &suspects)
            }
        default:
            return
        }
    }

    /// A coding key for a path the decoder did not give.
    struct PathKey: CodingKey {
        var stringValue: String
        var intValue: Int?

        init(_ key: String) {
            self.stringValue = key
            self.intValue = nil
        }

        init(_ index: Int) {
            self.stringValue = "Index \(index)"
            self.intValue = index
        }

        init?(stringValue: String) { self.init(stringValue) }
        init?(intValue: Int) { self.init(intValue) }
    }
}

extension JSONValue {
    /// Replaces the value at `path` (object keys and array positions), when there is one.
    fileprivate mutating func replace(at path: [UnfittingNumber.PathKey], with value: JSONValue) {
        guard let first = path.first else {
            self = value
            return
        }
        let rest = Array(path.dropFirst())
        switch self {
        case .object(var members):
            guard var member = members[first.stringValue] else { return }
            member.replace(at: rest, with: value)
            members[first.stringValue] = member
            self = .object(members)
        case .array(var items):
            guard let index = first.intValue, items.indices.contains(index) else { return }
            items[index].replace(at: rest, with: value)
            self = .array(items)
        default:
            return
        }
    }
}

extension JSONValue {
    /// Where the string `text` first occurs (object keys in sorted order), or `nil`.
    fileprivate func path(ofString text: String) -> [UnfittingNumber.PathKey]? {
        switch self {
        case .string(let value):
            return value == text ? [] : nil
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let rest = item.path(ofString: text) { return [UnfittingNumber.PathKey(index)] + rest }
            }
            return nil
        case .object(let members):
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                if let rest = member.path(ofString: text) { return [UnfittingNumber.PathKey(key)] + rest }
            }
            return nil
        default:
            return nil
        }
    }
}
