/// The values a ``RankRequest`` may hold, in one place: ``Ranker`` refuses others, and the ranker service's OpenAPI
/// document states these same bounds, so the two cannot drift.
///
/// The measured check makes `(candidates + 1) × representatives` model calls of `samples` outputs each, so both
/// are bounded; weights are bounded so their sum stays finite (weights of 1e308 overflowed it to a NaN score).
package enum RankRequestLimits {
    /// `candidates`: patches ranked in one request (the generator proposes 3-5).
    package static let candidates = 1...20
    /// `samples`: outputs per representative in the measured check.
    package static let samples = 1...64
    /// Each of `weights`: only their ratios matter, so this bound loses nothing.
    package static let weight = 0.0...1_000.0
}
