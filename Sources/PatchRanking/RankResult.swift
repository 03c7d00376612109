import PatchGeneration

/// What the ranker returns.
///
/// JSON: `{"ranked": [...], "selected": "<patch_id>" | null, "excluded": [...], "weights": {...}, "modes": [...],
/// "measurement"?: {...}, "notes": [...]}`. `selected` is the top-ranked candidate's id, `null` only when every
/// candidate was excluded.
package struct RankResult: Sendable, Hashable, Codable {
    /// The eligible candidates, best first.
    package var ranked: [RankedCandidate]
    /// The top-1 patch id, or `nil` when none is eligible.
    package var selected: String?
    /// The candidates ruled out, in input order.
    package var excluded: [ExcludedCandidate]
    /// The weights used.
    package var weights: RankingWeights
    /// The cluster's inferred failure categories the estimate used.
    package var modes: [InferredMode]
    /// The measured check's baseline, when it ran.
    package var measurement: MeasurementSummary?
    /// Notes on the run (e.g. why the measured check was skipped).
    package var notes: [String]

    /// Creates a result.
    package init(
        ranked: [RankedCandidate],
        selected: String?,
        excluded: [ExcludedCandidate],
        weights: RankingWeights,
        modes: [InferredMode],
        measurement: MeasurementSummary? = nil,
        notes: [String] = []
    ) {
        self.ranked = ranked
        self.selected = selected
        self.excluded = excluded
        self.weights = weights
        self.modes = modes
        self.measurement = measurement
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case ranked, selected, excluded, weights, modes, measurement, notes
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.ranked, forKey: .ranked)
        try container.encode(self.selected, forKey: .selected)
        try container.encode(self.excluded, forKey: .excluded)
        try container.encode(self.weights, forKey: .weights)
        try container.encode(self.modes, forKey: .modes)
        try container.encodeIfPresent(self.measurement, forKey: .measurement)
        try container.encode(self.notes, forKey: .notes)
    }
}
