extension String {
    /// The text as an error message may repeat it: whole when short, else its first `limit` characters and how long
    /// it was, so a caller who sent a 7 MB field does not get 7 MB back (nor a log line that size).
    package func echoed(limit: Int = 80) -> String {
        guard self.count > limit else { return self }
        return "\(self.prefix(limit))… (\(self.count) characters)"
    }
}
