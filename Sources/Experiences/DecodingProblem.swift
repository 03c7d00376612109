import Foundation

/// What a `DecodingError` says about the input, for the person who wrote it: the field at fault (dotted for nested
/// ones, array positions in brackets) and what is wrong with it. The importer reports it per line; the HTTP layer
/// answers it as a 422.
package struct DecodingProblem: Sendable, Hashable {
    /// The field at fault, or `nil` when the input as a whole is wrong.
    package var field: String?
    package var message: String
    /// The input is not JSON at all (a `dataCorrupted` error at the top level).
    package var isMalformed: Bool

    package init(_ error: DecodingError) {
        func path(_ codingPath: [any CodingKey], appending key: (any CodingKey)? = nil) -> String? {
            Self.fieldPath(codingPath + (key.map { [$0] } ?? []))
        }
        self.isMalformed = false
        switch error {
        case .keyNotFound(let key, let context):
            self.field = path(context.codingPath, appending: key)
            self.message = "is required"
        case .valueNotFound(let type, let context):
            self.field = path(context.codingPath)
            self.message = "must not be null (expected \(Self.name(type)))"
        case .typeMismatch(let type, let context):
            self.field = path(context.codingPath)
            self.message = "has the wrong type (expected \(Self.name(type)))"
        case .dataCorrupted(let context):
            self.field = path(context.codingPath)
            self.isMalformed = context.codingPath.isEmpty
            self.message = Self.withoutTypeNames(context.debugDescription)
        @unknown default:
            self.field = nil
            self.message = "could not be read"
        }
    }

    /// One sentence: `field 'a.b' is required`, or the message alone when no field is at fault.
    package var sentence: String {
        guard let field else { return self.message }
        return "field '\(field)' \(self.message)"
    }

    /// The path as the caller wrote it: `cluster.representatives[0].id`. An array position is a key with an
    /// integer value (Foundation's decoder names it "Index 0"), written in brackets after the field it indexes.
    package static func fieldPath(_ keys: [any CodingKey]) -> String? {
        var path = ""
        for key in keys {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += (path.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return path.isEmpty ? nil : path
    }

    /// Foundation's own messages name Swift types (`Cannot initialize ClusterText from invalid String value x`),
    /// which mean nothing to the caller; they become what is wrong with the value, echoed short. Kaizen's own
    /// messages pass through, cut to a length a caller can read.
    static func withoutTypeNames(_ message: String) -> String {
        if message.hasPrefix("Cannot initialize "), let range = message.range(of: " value ") {
            return "has an unexpected value '\(String(message[range.upperBound...]).echoed())'"
        }
        if message.hasPrefix("Cannot initialize ClosedRange") {
            return "must be [lower, upper] with lower <= upper"
        }
        return message.echoed(limit: 300)
    }

    private static func name(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Double.Type, is Float.Type, is Int.Type, is UInt64.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is [Any].Type: return "an array"
        default: return "an object"
        }
    }
}
