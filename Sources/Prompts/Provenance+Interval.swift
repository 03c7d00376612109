import Experiences

extension Provenance {
    /// A 95% interval, written as the two-element array `[low, high]`.
    package struct Interval: Sendable, Hashable, Codable {
        package var low: Double
        package var high: Double

        package init(low: Double, high: Double) {
            self.low = low
            self.high = high
        }

        package init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            self.low = try container.decode(Double.self)
            self.high = try container.decode(Double.self)
            guard container.isAtEnd else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "an interval has two ends")
            }
        }

        package func encode(to encoder: any Encoder) throws {
            try self.json.encode(to: encoder)
        }

        var json: JSONValue { [.number(self.low), .number(self.high)] }
    }
}
