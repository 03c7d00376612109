import Foundation

/// RFC 3339 timestamps as the online side writes them: `2025-12-10T14:22:00Z`, with or without fractional seconds
/// and with any UTC offset.
package enum RFC3339 {
    /// Parses an RFC 3339 timestamp; `nil` when the text is not one, or names a day that does not exist
    /// (`2024-02-30`, which Foundation reads as March 1) or a time outside the years 1 to 9999 (SQLite stores
    /// `10000-01-01` and cannot read it back).
    package static func date(from text: String) -> Date? {
        guard Self.namesARealDay(text) else { return nil }
        let date =
            (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle()))
        guard let date, Self.storable.contains(date) else { return nil }
        return date
    }

    /// The times a store keeps and reads back: years 1 to 9999 in UTC, to the millisecond the stores round to.
    static let storable: ClosedRange<Date> = {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        guard let first = try? Date("0001-01-01T00:00:00.000Z", strategy: style),
            let last = try? Date("9999-12-31T23:59:59.999Z", strategy: style)
        else { preconditionFailure("the bounds of a storable time are valid RFC 3339 timestamps") }
        return first...last
    }()

    /// Whether `text` starts `YYYY-MM-DD` with a month of 1 to 12 and a day that month has.
    static func namesARealDay(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), (1...12).contains(month)
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// Formats a date in UTC with whole seconds, e.g. `2025-12-10T14:22:00Z`.
    package static func string(from date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
