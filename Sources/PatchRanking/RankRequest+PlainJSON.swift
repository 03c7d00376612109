import Experiences
import PatchGeneration

// The rank body read from `PlainJSON` (see `PatchGeneration+PlainJSON.swift`); `PlainJSONDecodingTests` holds it
// to Foundation's result. A field added to these types must be read here too (`theFastPathKnowsEveryField`
// counts the fields).

extension RankRequest: PlainJSONDecodable {
    package init?(plainJSON json: PlainJSON) {
        guard let candidates = json["candidates"]?.elements(PatchCandidate.init(plainJSON:)),
            let promptID = PlainJSON.optional(json["prompt_id"], \.string),
            let promptText = PlainJSON.optional(json["prompt_text"], \.string),
            let cluster = PlainJSON.optional(json["cluster"], ClusterEvidence.init(plainJSON:)),
            let clusteringID = PlainJSON.optional(json["clustering_id"], \.string),
            let clusterID = PlainJSON.optional(json["cluster_id"], \.string),
            let weights = PlainJSON.optional(json["weights"], RankingWeights.init(plainJSON:)),
            let measure = PlainJSON.optional(json["measure"], \.bool),
            let samples = PlainJSON.optional(json["samples"], { $0.integer(Int.self) }),
            let seed = PlainJSON.optional(json["seed"], { $0.integer(UInt64.self) })
        else { return nil }
        self.init(
            promptID: promptID, promptText: promptText, cluster: cluster, clusteringID: clusteringID,
            clusterID: clusterID, candidates: candidates, weights: weights, measure: measure, samples: samples,
            seed: seed)
    }
}

extension RankingWeights: PlainJSONDecodable {
    package init?(plainJSON json: PlainJSON) {
        let known = CodingKeys.allCases.map(\.rawValue)
        guard let keys = json.keys, keys.allSatisfy(known.contains),
            let hallucinationReduction = PlainJSON.optional(json["hallucination_reduction"], \.double),
            let clarity = PlainJSON.optional(json["clarity"], \.double),
            let lengthSafety = PlainJSON.optional(json["length_safety"], \.double),
            let clusterSeverity = PlainJSON.optional(json["cluster_severity"], \.double)
        else { return nil }
        let defaults = RankingWeights()
        self.init(
            hallucinationReduction: hallucinationReduction ?? defaults.hallucinationReduction,
            clarity: clarity ?? defaults.clarity, lengthSafety: lengthSafety ?? defaults.lengthSafety,
            clusterSeverity: clusterSeverity ?? defaults.clusterSeverity)
    }
}
