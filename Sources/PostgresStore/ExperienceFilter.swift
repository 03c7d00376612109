import Experiences
import Foundation
import PostgresNIO

/// The `WHERE` clause of an experience query, built condition by condition with numbered parameters, so only the
/// filters a query uses reach the planner (and its indexes).
struct ExperienceFilter {
    private(set) var conditions: [String] = []
    private(set) var binds = PostgresBindings()

    /// The query's prompt and time filters.
    init(_ query: ExperienceQuery) {
        if let promptID = query.promptID {
            self.add("prompt_id = $#", promptID)
        }
        if let since = query.since {
            self.add("created_at >= $#", since)
        }
        if let until = query.until {
            self.add("created_at < $#", until)
        }
    }

    /// Adds `condition`, whose `$#` stands for `value`'s parameter.
    mutating func add<Value: PostgresDynamicTypeEncodable>(_ condition: String, _ value: Value) {
        self.binds.append(value)
        self.conditions.append(condition.replacingOccurrences(of: "$#", with: "$\(self.binds.count)"))
    }

    var whereClause: String {
        self.conditions.isEmpty ? "" : "WHERE " + self.conditions.joined(separator: " AND ")
    }
}
