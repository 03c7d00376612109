import Foundation

/// RFC 3339 timestamps as the online side writes them: `2025-12-10T14:22:00Z`, with or without fractional seconds
/// and with any UTC offset.
package enum RFC3339 {
    /// Parses an RFC 3339 timestamp; `nil` when the text is not one.
    package static func date(from text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }

    /// Formats a date in UTC with whole seconds, e.g. `2025-12-10T14:22:00Z`.
    package static func string(from date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
