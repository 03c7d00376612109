import Experiences

/// The numeric fields of a request schema and values on both sides of their documented bounds, so a test can check
/// that a service's validation enforces exactly the limits its OpenAPI document states.
package enum DocumentedBounds {
    /// A numeric field of a request: its JSON path and its schema.
    package struct Field: CustomStringConvertible, Sendable {
        package var path: [String]
        package var schema: JSONValue
        package var description: String { self.path.joined(separator: ".") }
    }

    /// A value to try at a field, and whether the document says it is acceptable.
    package struct Probe: Sendable {
        package var value: JSONValue
        package var acceptable: Bool
    }

    /// Every integer or number property of `schema`, nested objects included.
    package static func numericFields(of schema: JSONValue, under prefix: [String] = []) -> [Field] {
        (schema["properties"]?.objectValue ?? [:]).sorted { $0.key < $1.key }.flatMap { name, property -> [Field] in
            let type = property["type"]?.stringValue
            if type == "integer" || type == "number" { return [Field(path: prefix + [name], schema: property)] }
            if type == "object" { return Self.numericFields(of: property, under: prefix + [name]) }
            return []
        }
    }

    /// Values on both sides of each documented bound, and far out where no bound is documented.
    package static func probes(_ field: Field) -> [Probe] {
        let isInteger = field.schema["type"]?.stringValue == "integer"
        let step = isInteger ? 1.0 : 0.5
        let far = isInteger ? Double(1 << 50) : 1e300
        func value(_ number: Double) -> JSONValue { isInteger ? .integer(Int(number)) : .number(number) }
        var probes: [Probe] = []
        if let maximum = field.schema["maximum"]?.numberValue {
            probes += [
                Probe(value: value(maximum), acceptable: true), Probe(value: value(maximum + step), acceptable: false),
            ]
        } else if let maximum = field.schema["exclusiveMaximum"]?.numberValue {
            probes += [
                Probe(value: value(maximum - step / 8), acceptable: true),
                Probe(value: value(maximum), acceptable: false),
            ]
        } else {
            probes.append(Probe(value: value(far), acceptable: true))
        }
        if let minimum = field.schema["minimum"]?.numberValue {
            probes += [
                Probe(value: value(minimum), acceptable: true), Probe(value: value(minimum - step), acceptable: false),
            ]
        } else if let minimum = field.schema["exclusiveMinimum"]?.numberValue {
            probes += [
                Probe(value: value(minimum + step / 8), acceptable: true),
                Probe(value: value(minimum), acceptable: false),
            ]
        } else {
            probes.append(Probe(value: value(-far), acceptable: true))
        }
        return probes
    }
}

extension JSONValue {
    /// Sets the member at `path`, creating objects on the way.
    package mutating func set(_ value: JSONValue, at path: [String]) {
        guard let first = path.first else {
            self = value
            return
        }
        var members = self.objectValue ?? [:]
        var child = members[first] ?? .object([:])
        child.set(value, at: Array(path.dropFirst()))
        members[first] = child
        self = .object(members)
    }
}
