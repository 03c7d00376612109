import Foundation

/// Why a clustering request could not be served: too few failures, a bad `k` or range, or no usable terms.
///
/// A struct over a private enum (as Hummingbird's `PersistError`), so cases can be added without breaking callers.
/// Every case is the caller's doing (bad input or options), so the service layer can map all of them to a 400.
package struct FailureClusteringError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    private enum Kind: Sendable, Hashable {
        case tooFewFailures(count: Int, minimum: Int)
        case clusterCountTooLarge(clusterCount: Int, itemCount: Int)
        case clusterCountBelowOne(Int)
        case badRange(name: String, lower: Int, upper: Int, reason: String)
        case emptyVocabulary
        case noTermsAfterPruning
        case invalidParameter(name: String, reason: String)
        case outOfRange(name: String, value: Int, allowed: ClosedRange<Int>)
        case timeLimit(Duration)
        case dimensionMismatch(String)
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// Fewer items than needed: clustering needs at least `minimum` (2, or `k`).
    package static func tooFewFailures(count: Int, minimum: Int) -> Self {
        Self(.tooFewFailures(count: count, minimum: minimum))
    }

    /// `k` is larger than the number of items to cluster.
    package static func clusterCountTooLarge(_ clusterCount: Int, itemCount: Int) -> Self {
        Self(.clusterCountTooLarge(clusterCount: clusterCount, itemCount: itemCount))
    }

    /// `k` is zero or negative.
    package static func clusterCountBelowOne(_ clusterCount: Int) -> Self {
        Self(.clusterCountBelowOne(clusterCount))
    }

    /// A range option (`k` range, n-gram range) that cannot be used, with the reason.
    package static func badRange(_ name: String, lower: Int, upper: Int, reason: String) -> Self {
        Self(.badRange(name: name, lower: lower, upper: upper, reason: reason))
    }

    /// No document had a single term (empty texts, or only stop words and one-character tokens).
    package static let emptyVocabulary = Self(.emptyVocabulary)

    /// `min_df`, `max_df` and `max_features` removed every term.
    package static let noTermsAfterPruning = Self(.noTermsAfterPruning)

    /// An option outside its allowed values, e.g. a negative `max_iter`.
    package static func invalidParameter(_ name: String, _ reason: String) -> Self {
        Self(.invalidParameter(name: name, reason: reason))
    }

    /// A count option outside the range ``ClusteringLimits`` allows, e.g. an `n_init` that would run for hours.
    package static func outOfRange(_ name: String, value: Int, allowed: ClosedRange<Int>) -> Self {
        Self(.outOfRange(name: name, value: value, allowed: allowed))
    }

    /// The clustering ran past its time limit and was stopped.
    package static func timeLimit(_ limit: Duration) -> Self {
        Self(.timeLimit(limit))
    }

    /// Inputs whose shapes do not fit together, e.g. label arrays of different lengths.
    package static func dimensionMismatch(_ reason: String) -> Self {
        Self(.dimensionMismatch(reason))
    }

    package var description: String {
        switch self.kind {
        case .tooFewFailures(let count, let minimum):
            return "too few failures to cluster: got \(count), need at least \(minimum)"
        case .clusterCountTooLarge(let clusterCount, let itemCount):
            return "k = \(clusterCount) is larger than the number of failures (\(itemCount))"
        case .clusterCountBelowOne(let clusterCount):
            return "k must be at least 1, got \(clusterCount)"
        case .badRange(let name, let lower, let upper, let reason):
            return "bad \(name) \(lower)...\(upper): \(reason)"
        case .emptyVocabulary:
            return "empty vocabulary: the texts contain only stop words, one-character tokens or no words at all"
        case .noTermsAfterPruning:
            return "after pruning no terms remain: try a lower min_df or a higher max_df"
        case .invalidParameter(let name, let reason):
            return "invalid \(name): \(reason)"
        case .outOfRange(let name, let value, let allowed):
            return "'\(name)' must be between \(allowed.lowerBound) and \(allowed.upperBound), got \(value)"
        case .timeLimit(let limit):
            return
                "the clustering did not finish within its time limit of \(limit.components.seconds) s and was stopped; lower 'n_init', 'max_iter', 'k' (or 'k_range') or 'limit'"
        case .dimensionMismatch(let reason):
            return "mismatched inputs: \(reason)"
        }
    }

    package var errorDescription: String? { self.description }
}
