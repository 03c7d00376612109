import Experiences
import PatchGeneration

// The rank answer's hand-written JSON (see ``Experiences/SortedJSONWriter``): each object's keys in UTF-8 order, an
// optional left out where its `Codable` form uses `encodeIfPresent`. `SortedJSONRankResultTests` holds it to
// Foundation's bytes. A field added to one of these types must be added here too
// (`theWriterKnowsEveryField` counts the fields).

extension RankResult: SortedJSONWritable {
    package func write(to writer: inout SortedJSONWriter) throws {
        writer.beginObject()
        writer.key("excluded")
        writer.array(self.excluded) { $1.write(to: &$0) }
        if let measurement = self.measurement {
            writer.key("measurement")
            try measurement.write(to: &writer)
        }
        writer.key("modes")
        try writer.array(self.modes) { try $1.write(to: &$0) }
        writer.member("notes", self.notes)
        writer.key("ranked")
        try writer.array(self.ranked) { try $1.write(to: &$0) }
        writer.key("selected")
        writer.optionalString(self.selected)
        writer.key("weights")
        try writer.criteria(
            clarity: self.weights.clarity, clusterSeverity: self.weights.clusterSeverity,
            hallucinationReduction: self.weights.hallucinationReduction, lengthSafety: self.weights.lengthSafety)
        writer.endObject()
    }
}

extension RankedCandidate {
    /// The candidate's fields and the ranking's in one object, as `encode(to:)` writes them.
    func write(to writer: inout SortedJSONWriter) throws {
        let candidate = self.candidate
        writer.beginObject()
        writer.memberIfPresent("anchor", candidate.anchor)
        writer.key("criteria")
        try writer.criteria(
            clarity: self.criteria.clarity, clusterSeverity: self.criteria.clusterSeverity,
            hallucinationReduction: self.criteria.hallucinationReduction, lengthSafety: self.criteria.lengthSafety)
        writer.key("details")
        try self.details.write(to: &writer)
        writer.member("explanation", candidate.explanation)
        writer.member("operation", candidate.operation.rawValue)
        writer.member("patch_id", candidate.patchID)
        writer.member("patch_text", candidate.patchText)
        writer.member("prompt_text", candidate.promptText)
        writer.member("rank", self.rank)
        try writer.member("score", self.score)
        writer.member("source", candidate.source)
        writer.member("strategy", candidate.strategy)
        writer.member("targets", candidate.targets)
        writer.endObject()
    }
}

extension SortedJSONWriter {
    /// The four criteria's object, as ``CriterionScores`` and ``RankingWeights`` (the same keys) both encode.
    fileprivate mutating func criteria(
        clarity: Double, clusterSeverity: Double, hallucinationReduction: Double, lengthSafety: Double
    ) throws {
        self.beginObject()
        try self.member("clarity", clarity)
        try self.member("cluster_severity", clusterSeverity)
        try self.member("hallucination_reduction", hallucinationReduction)
        try self.member("length_safety", lengthSafety)
        self.endObject()
    }
}

extension CandidateDetails {
    func write(to writer: inout SortedJSONWriter) throws {
        writer.beginObject()
        writer.member("adds", self.adds)
        try writer.member("coverage", self.coverage)
        try writer.member("estimated_reduction", self.estimatedReduction)
        writer.member("growth_tokens", self.growthTokens)
        try writer.memberIfPresent("measured_reduction", self.measuredReduction)
        writer.member("notes", self.notes)
        try writer.memberIfPresent("patched_hallucination_rate", self.patchedHallucinationRate)
        try writer.memberIfPresent("patched_reward", self.patchedReward)
        writer.member("removes", self.removes)
        writer.endObject()
    }
}

extension ExcludedCandidate {
    func write(to writer: inout SortedJSONWriter) {
        writer.beginObject()
        writer.memberIfPresent("growth_tokens", self.growthTokens)
        writer.member("patch_id", self.patchID)
        writer.member("reasons", self.reasons)
        writer.member("strategy", self.strategy)
        writer.endObject()
    }
}

extension InferredMode {
    func write(to writer: inout SortedJSONWriter) throws {
        writer.beginObject()
        writer.member("evidence", self.evidence)
        try writer.memberIfPresent("label_share", self.labelShare)
        writer.member("mode", self.mode.rawValue)
        writer.member("representative_ids", self.representativeIDs)
        try writer.member("score", self.score)
        try writer.memberIfPresent("term_share", self.termShare)
        try writer.memberIfPresent("verifier_share", self.verifierShare)
        writer.endObject()
    }
}

extension MeasurementSummary {
    func write(to writer: inout SortedJSONWriter) throws {
        writer.beginObject()
        try writer.member("base_hallucination_rate", self.baseHallucinationRate)
        try writer.member("base_reward", self.baseReward)
        writer.member("model", self.model)
        writer.member("representative_ids", self.representativeIDs)
        writer.member("samples", self.samples)
        writer.member("seed", self.seed)
        writer.member("simulated", self.simulated)
        writer.endObject()
    }
}
