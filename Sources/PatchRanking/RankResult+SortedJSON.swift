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
        writer.key("notes")
        writer.strings(self.notes)
        writer.key("ranked")
        try writer.array(self.ranked) { try $1.write(to: &$0) }
        writer.key("selected")
        writer.optionalString(self.selected)
        writer.key("weights")
        try self.weights.write(to: &writer)
        writer.endObject()
    }
}

extension RankedCandidate {
    /// The candidate's fields and the ranking's in one object, as `encode(to:)` writes them.
    func write(to writer: inout SortedJSONWriter) throws {
        let candidate = self.candidate
        writer.beginObject()
        if let anchor = candidate.anchor {
            writer.key("anchor")
            writer.string(anchor)
        }
        writer.key("criteria")
        try self.criteria.write(to: &writer)
        writer.key("details")
        try self.details.write(to: &writer)
        writer.key("explanation")
        writer.string(candidate.explanation)
        writer.key("operation")
        writer.string(candidate.operation.rawValue)
        writer.key("patch_id")
        writer.string(candidate.patchID)
        writer.key("patch_text")
        writer.string(candidate.patchText)
        writer.key("prompt_text")
        writer.string(candidate.promptText)
        writer.key("rank")
        writer.integer(self.rank)
        writer.key("score")
        try writer.number(self.score)
        writer.key("source")
        writer.string(candidate.source)
        writer.key("strategy")
        writer.string(candidate.strategy)
        writer.key("targets")
        writer.strings(candidate.targets)
        writer.endObject()
    }
}

extension CriterionScores {
    func write(to writer: inout SortedJSONWriter) throws {
        writer.beginObject()
        writer.key("clarity")
        try writer.number(self.clarity)
        writer.key("cluster_severity")
        try writer.number(self.clusterSeverity)
        writer.key("hallucination_reduction")
        try writer.number(self.hallucinationReduction)
        writer.key("length_safety")
        try writer.number(self.lengthSafety)
        writer.endObject()
    }
}

extension RankingWeights {
    func write(to writer: inout SortedJSONWriter) throws {
        writer.beginObject()
        writer.key("clarity")
        try writer.number(self.clarity)
        writer.key("cluster_severity")
        try writer.number(self.clusterSeverity)
        writer.key("hallucination_reduction")
        try writer.number(self.hallucinationReduction)
        writer.key("length_safety")
        try writer.number(self.lengthSafety)
        writer.endObject()
    }
}

extension CandidateDetails {
    func write(to writer: inout SortedJSONWriter) throws {
        writer.beginObject()
        writer.key("adds")
        writer.strings(self.adds)
        writer.key("coverage")
        try writer.number(self.coverage)
        writer.key("estimated_reduction")
        try writer.number(self.estimatedReduction)
        writer.key("growth_tokens")
        writer.integer(self.growthTokens)
        if let measuredReduction = self.measuredReduction {
            writer.key("measured_reduction")
            try writer.number(measuredReduction)
        }
        writer.key("notes")
        writer.strings(self.notes)
        if let patchedHallucinationRate = self.patchedHallucinationRate {
            writer.key("patched_hallucination_rate")
            try writer.number(patchedHallucinationRate)
        }
        if let patchedReward = self.patchedReward {
            writer.key("patched_reward")
            try writer.number(patchedReward)
        }
        writer.key("removes")
        writer.strings(self.removes)
        writer.endObject()
    }
}

extension ExcludedCandidate {
    func write(to writer: inout SortedJSONWriter) {
        writer.beginObject()
        if let growthTokens = self.growthTokens {
            writer.key("growth_tokens")
            writer.integer(growthTokens)
        }
        writer.key("patch_id")
        writer.string(self.patchID)
        writer.key("reasons")
        writer.strings(self.reasons)
        writer.key("strategy")
        writer.string(self.strategy)
        writer.endObject()
    }
}

extension InferredMode {
    func write(to writer: inout SortedJSONWriter) throws {
        writer.beginObject()
        writer.key("evidence")
        writer.strings(self.evidence)
        if let labelShare = self.labelShare {
            writer.key("label_share")
            try writer.number(labelShare)
        }
        writer.key("mode")
        writer.string(self.mode.rawValue)
        writer.key("representative_ids")
        writer.strings(self.representativeIDs)
        writer.key("score")
        try writer.number(self.score)
        if let termShare = self.termShare {
            writer.key("term_share")
            try writer.number(termShare)
        }
        if let verifierShare = self.verifierShare {
            writer.key("verifier_share")
            try writer.number(verifierShare)
        }
        writer.endObject()
    }
}

extension MeasurementSummary {
    func write(to writer: inout SortedJSONWriter) throws {
        writer.beginObject()
        writer.key("base_hallucination_rate")
        try writer.number(self.baseHallucinationRate)
        writer.key("base_reward")
        try writer.number(self.baseReward)
        writer.key("model")
        writer.string(self.model)
        writer.key("representative_ids")
        writer.strings(self.representativeIDs)
        writer.key("samples")
        writer.integer(self.samples)
        writer.key("seed")
        writer.integer(self.seed)
        writer.key("simulated")
        writer.bool(self.simulated)
        writer.endObject()
    }
}
