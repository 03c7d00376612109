/// A coding key for any string: to list an object's keys (`container(keyedBy:).allKeys`) or read one by name.
package struct AnyCodingKey: CodingKey {
    package var stringValue: String
    package var intValue: Int? { nil }
    package init(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) { nil }
}
