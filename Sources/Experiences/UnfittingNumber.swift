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
        guard var document = try? JSONDecoder().decode(JSONValue.self, from: data) else { return nil }
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
