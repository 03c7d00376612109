import PatchGeneration

/// `POST /api/v1/generate-patches`: the generator's request, plus `clustering_id` to name a stored cluster.
///
/// The prompt is `prompt_id` (from the registry) or `prompt_text`; the cluster is `cluster` inline, or
/// `clustering_id` + `cluster_id`. `count` is 3-5 (default 3), `mode` is `template` (default) or `llm`.
package struct GeneratePatchesRequest: Sendable, Hashable, Codable {
    package var generation: PatchGenerationRequest
    package var clusteringID: String?

    package init(generation: PatchGenerationRequest, clusteringID: String? = nil) {
        self.generation = generation
        self.clusteringID = clusteringID
    }

    enum CodingKeys: String, CodingKey {
        case clusteringID = "clustering_id"
    }

    package init(from decoder: any Decoder) throws {
        self.generation = try PatchGenerationRequest(from: decoder)
        self.clusteringID = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(
            String.self, forKey: .clusteringID)
    }

    package func encode(to encoder: any Encoder) throws {
        try self.generation.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(self.clusteringID, forKey: .clusteringID)
    }
}
