extension StringProtocol {
    /// The text's lines as JSON Lines has them: split at "\n", where "\r\n" is one break too.
    ///
    /// Swift reads "\r\n" as one `Character`, so `split(separator: "\n")` left a file written with Windows line
    /// endings as one long line: `kaizen verify` answered "line 1: not valid JSON" to a file that
    /// `kaizen experiences import` (which splits bytes) read.
    package func jsonLines(omittingEmptySubsequences: Bool = false) -> [SubSequence] {
        self.split(omittingEmptySubsequences: omittingEmptySubsequences, whereSeparator: Self.isLineBreak)
    }

    /// The text's first line, as ``jsonLines(omittingEmptySubsequences:)`` would give it, without splitting the rest.
    package var firstJSONLine: SubSequence { self.prefix { !Self.isLineBreak($0) } }

    private static func isLineBreak(_ character: Character) -> Bool { character == "\n" || character == "\r\n" }
}
