extension JSONValue {
    /// Pretty-printed JSON text with two-space indents and object keys in the order given by `keyOrder`
    /// (keys it does not name follow, sorted), so files written from the same data are byte-for-byte equal.
    ///
    /// - Parameters:
    ///   - keyOrder: Keys to put first, in this order, in every object.
    ///   - indent: The current indentation (used when recursing).
    package func rendered(keyOrder: [String] = [], indent: String = "") -> String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .number(let value):
            guard value.isFinite else { return "null" }
            return "\(value)"
        case .string(let value): return Self.quoted(value)
        case .array(let values):
            if values.isEmpty { return "[]" }
            let inner = indent + "  "
            let items = values.map { inner + $0.rendered(keyOrder: keyOrder, indent: inner) }
            return "[\n" + items.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            let inner = indent + "  "
            let first = keyOrder.filter { members[$0] != nil }
            let rest = members.keys.filter { !keyOrder.contains($0) }.sorted()
            let items = (first + rest).map { key in
                inner + Self.quoted(key) + ": " + members[key]!.rendered(keyOrder: keyOrder, indent: inner)
            }
            return "{\n" + items.joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    /// A JSON string literal for `text`, escaping what RFC 8259 requires.
    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let control where control.value < 0x20:
                out +=
                    "\\u" + String(repeating: "0", count: 4 - String(control.value, radix: 16).count)
                    + String(control.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
