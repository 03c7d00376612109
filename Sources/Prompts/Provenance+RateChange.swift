import Experiences

extension Provenance {
    /// A held-out rate under the parent (`before`) and under the new version (`after`).
    package struct RateChange: Sendable, Hashable, Codable {
        package var before: Double
        package var after: Double

        package init(before: Double, after: Double) {
            self.before = before
            self.after = after
        }

        package func encode(to encoder: any Encoder) throws {
            try self.json.encode(to: encoder)
        }

        var json: JSONValue { ["before": .number(self.before), "after": .number(self.after)] }
    }
}
