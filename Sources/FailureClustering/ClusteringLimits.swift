/// The values a clustering request may hold, in one place: ``FailureClusterer/Configuration/validate()`` and the
/// clustering stage refuse others, and the failure-clustering service's OpenAPI document states these same bounds,
/// so the two cannot drift.
///
/// The bounds keep one request's work finite: k-means costs `n_init × max_iter × k × nnz` per k tried, the
/// silhouette `sample²`, and the store scan grows with `limit`. Each is well above what the defaults and the
/// benchmarks use (k = 77 on BANKING77, `n_init` 3, `max_iter` 300).
package enum ClusteringLimits {
    /// `k`: clusters asked for.
    package static let clusterCount = 1...200
    /// `k_range`: both ends of the range of ks tried when `k` is absent (each k is a full k-means).
    package static let clusterCountRange = 2...50
    /// `n_init`: k-means runs per k.
    package static let runCount = 1...20
    /// `max_iter`: Lloyd iterations per run.
    package static let maxIterations = 1...1_000
    /// `silhouette_sample_size`: failures the silhouette is computed on (quadratic).
    package static let silhouetteSampleSize = 3...10_000
    /// `representatives`: representative failures per cluster.
    package static let representativeCount = 0...50
    /// `top_terms`: top terms per cluster.
    package static let topTermCount = 0...100
    /// `label_terms`: top terms joined into a label.
    package static let labelTermCount = 0...20
    /// `limit`: failures read from the store for one clustering (the cap on the store scan).
    package static let failures = 1...100_000
    /// How long one clustering may run before it is stopped (the bounds above still allow requests that would run
    /// for hours on a large store).
    package static let timeLimit: Duration = .seconds(120)
    /// `limit` of a page of a cluster's members.
    package static let membersPage = 1...1_000
    /// The most member ids a clustering response lists inline per cluster (the first, in member order); the rest
    /// are paged (`GET /api/v1/clusterings/{id}/clusters/{cluster_id}/members`). 67,000 failures made an 860 KB
    /// response before this bound.
    package static let inlineMemberIDs = 1_000
}
