import Experiences
import Foundation

/// Checks a JSON value against a JSON Schema, in the subset Kaizen's OpenAPI documents use: `type` (one or a list),
/// `properties`, `required`, `items`, `enum`, `minimum`/`maximum`, `exclusiveMinimum`/`exclusiveMaximum`,
/// `minItems`/`maxItems`, `allOf` and `$ref` to `#/components/schemas/<name>`.
///
/// Keywords outside the subset are ignored, as JSON Schema ignores unknown keywords; a `$ref` it cannot resolve is
/// a violation, so a document cannot pass by pointing nowhere.
package struct JSONSchemaValidator: Sendable {
    /// `components.schemas` of the document, for `$ref`.
    package var schemas: [String: JSONValue]

    package init(schemas: [String: JSONValue]) {
        self.schemas = schemas
    }

    /// The validator for an OpenAPI document's `components.schemas`.
    package init(document: JSONValue) {
        self.init(schemas: document["components"]?["schemas"]?.objectValue ?? [:])
    }

    /// Every way `value` breaks `schema`, each as `<path>: <what>`; empty when it conforms.
    package func violations(of value: JSONValue, against schema: JSONValue, at path: String = "$") -> [String] {
        guard case .object(let keywords) = schema else { return [] }
        var found: [String] = []
        if let reference = keywords["$ref"]?.stringValue {
            let prefix = "#/components/schemas/"
            guard reference.hasPrefix(prefix), let target = self.schemas[String(reference.dropFirst(prefix.count))]
            else {
                return ["\(path): unresolvable $ref \(reference)"]
            }
            found += self.violations(of: value, against: target, at: path)
        }
        for part in keywords["allOf"]?.arrayValue ?? [] {
            found += self.violations(of: value, against: part, at: path)
        }
        if let types = keywords["type"] {
            let allowed = types.arrayValue?.compactMap(\.stringValue) ?? [types.stringValue].compactMap { $0 }
            guard allowed.contains(where: { Self.value(value, hasType: $0) }) else {
                return found + ["\(path): expected \(allowed.joined(separator: " or ")), got \(Self.typeName(value))"]
            }
        }
        if let choices = keywords["enum"]?.arrayValue, !choices.contains(where: { Self.equal($0, value) }) {
            found.append("\(path): \(value.compactText) is not one of \(JSONValue.array(choices).compactText)")
        }
        if let number = value.numberValue {
            found += Self.boundViolations(of: number, keywords: keywords, at: path)
        }
        if case .object(let members) = value {
            for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                found.append("\(path): required property '\(name)' is missing")
            }
            for (name, propertySchema) in keywords["properties"]?.objectValue ?? [:] {
                guard let member = members[name] else { continue }
                found += self.violations(of: member, against: propertySchema, at: "\(path).\(name)")
            }
        }
        if case .array(let items) = value {
            if let least = keywords["minItems"]?.numberValue, Double(items.count) < least {
                found.append("\(path): \(items.count) items, fewer than minItems \(Int(least))")
            }
            if let most = keywords["maxItems"]?.numberValue, Double(items.count) > most {
                found.append("\(path): \(items.count) items, more than maxItems \(Int(most))")
            }
            if let itemSchema = keywords["items"] {
                for (index, item) in items.enumerated() {
                    found += self.violations(of: item, against: itemSchema, at: "\(path)[\(index)]")
                }
            }
        }
        return found
    }

    static func boundViolations(of number: Double, keywords: [String: JSONValue], at path: String) -> [String] {
        var found: [String] = []
        if let minimum = keywords["minimum"]?.numberValue, number < minimum {
            found.append("\(path): \(number) is below minimum \(minimum)")
        }
        if let maximum = keywords["maximum"]?.numberValue, number > maximum {
            found.append("\(path): \(number) is above maximum \(maximum)")
        }
        if let minimum = keywords["exclusiveMinimum"]?.numberValue, number <= minimum {
            found.append("\(path): \(number) is not above exclusiveMinimum \(minimum)")
        }
        if let maximum = keywords["exclusiveMaximum"]?.numberValue, number >= maximum {
            found.append("\(path): \(number) is not below exclusiveMaximum \(maximum)")
        }
        return found
    }

    /// JSON Schema's types: `integer` is a number without a fraction, and every integer is also a `number`.
    static func value(_ value: JSONValue, hasType type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object):
            return true
        case ("number", .integer), ("number", .number), ("integer", .integer):
            return true
        case ("integer", .number(let number)):
            return number.rounded() == number
        default:
            return false
        }
    }

    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Equality as JSON means it: `1` and `1.0` are the same number.
    static func equal(_ left: JSONValue, _ right: JSONValue) -> Bool {
        if let a = left.numberValue, let b = right.numberValue { return a == b }
        return left == right
    }
}

extension JSONValue {
    package subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    package var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    package var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The value on one line, for messages.
    var compactText: String {
        self.rendered().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
