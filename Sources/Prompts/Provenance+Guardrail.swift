import Experiences

extension Provenance {
    /// One guardrail of the held-out gate as recorded: the rate (or mean answer length) before and after, the paired
    /// difference's 95% interval, how far it could rise, and whether it blocked.
    package struct Guardrail: Sendable, Hashable, Codable {
        package var before: Double
        package var after: Double
        package var differenceInterval: Interval
        package var tolerance: Double
        package var blocked: Bool

        package init(before: Double, after: Double, differenceInterval: Interval, tolerance: Double, blocked: Bool) {
            self.before = before
            self.after = after
            self.differenceInterval = differenceInterval
            self.tolerance = tolerance
            self.blocked = blocked
        }

        enum CodingKeys: String, CodingKey {
            case before, after
            case differenceInterval = "difference_ci95"
            case tolerance, blocked
        }

        package func encode(to encoder: any Encoder) throws {
            try self.json.encode(to: encoder)
        }

        var json: JSONValue {
            .object([
                CodingKeys.before.rawValue: .number(self.before),
                CodingKeys.after.rawValue: .number(self.after),
                CodingKeys.differenceInterval.rawValue: self.differenceInterval.json,
                CodingKeys.tolerance.rawValue: .number(self.tolerance),
                CodingKeys.blocked.rawValue: .bool(self.blocked),
            ])
        }
    }
}
