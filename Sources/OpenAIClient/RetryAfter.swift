import Foundation

/// Parsing of the HTTP `Retry-After` header (RFC 9110, section 10.2.3).
package enum RetryAfter {
    /// How long a `Retry-After` value asks the client to wait, or `nil` when the value is unusable.
    ///
    /// Accepts delay-seconds (`"120"`; a decimal such as `"1.5"`, which some proxies send, is accepted too) and an
    /// HTTP-date in the IMF-fixdate form (`"Sun, 06 Nov 1994 08:49:37 GMT"`) or the obsolete RFC 850 and asctime
    /// forms. A date in the past means "now" (zero). Negative or non-numeric seconds give `nil`.
    ///
    /// - Parameters:
    ///   - value: the header's value.
    ///   - now: the current time, to turn a date into a delay (injected so tests need no clock).
    package static func delay(_ value: String, now: Date) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        if trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            guard let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 else { return nil }
            return .milliseconds(Int64((min(seconds, 1e9) * 1000).rounded()))
        }
        guard let date = self.httpDate(trimmed) else { return nil }
        let interval = date.timeIntervalSince(now)
        return interval <= 0 ? .zero : .milliseconds(Int64((min(interval, 1e9) * 1000).rounded()))
    }

    /// Parses an HTTP-date in any of the three forms RFC 9110 allows.
    private static func httpDate(_ text: String) -> Date? {
        let formats = [
            "EEE, dd MMM yyyy HH:mm:ss zzz",  // IMF-fixdate
            "EEEE, dd-MMM-yy HH:mm:ss zzz",  // RFC 850
            "EEE MMM d HH:mm:ss yyyy",  // asctime
        ]
        // DateFormatter is not Sendable, so one is made per call; Retry-After dates are rare.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        // asctime pads one-digit days with a second space ("Nov  6"); single spaces parse the same.
        let normalised = text.split(separator: " ").joined(separator: " ")
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: normalised) { return date }
        }
        return nil
    }
}
