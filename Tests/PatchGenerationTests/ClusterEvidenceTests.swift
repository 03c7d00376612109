import Foundation
import PatchGeneration
import Testing

struct ClusterEvidenceTests {
    @Test func decodesTheClusteringJSONAndIgnoresExtraKeys() throws {
        let json = """
            {"cluster_id": "cluster_1", "size": 12, "share": 0.4, "severity": 0.3, "mean_reward": 0.2,
             "top_terms": [{"term": "lindqvist", "weight": 0.5}], "label": "lindqvist",
             "failure_types": {"hallucination": 10, "format": 2},
             "representatives": [
               {"id": "e1", "input": "q", "response": "a", "failure_type": "hallucination", "distance": 0.1,
                "context": "ctx", "reference": "ref", "extra": true},
               {"id": "e2", "input": "q2", "response": "a2", "distance": 0.2}
             ],
             "member_ids": ["e1", "e2"], "something_new": [1, 2]}
            """
        let cluster = try JSONDecoder().decode(ClusterEvidence.self, from: Data(json.utf8))
        #expect(cluster.clusterID == "cluster_1")
        #expect(cluster.size == 12)
        #expect(cluster.failureTypes == ["hallucination": 10, "format": 2])
        #expect(cluster.topTerms == [ClusterTerm(term: "lindqvist", weight: 0.5)])
        #expect(cluster.representatives.count == 2)
        #expect(cluster.representatives[0].context == "ctx")
        #expect(cluster.representatives[0].isReplayable)
        #expect(cluster.representatives[1].failureType == nil)
        #expect(cluster.representatives[1].context == nil)
        #expect(!cluster.representatives[1].isReplayable)
        #expect(cluster.memberIDs == ["e1", "e2"])
        #expect(!cluster.isEmpty)
    }

    @Test func acceptsFailureTypesAsAListOfCounts() throws {
        let json = """
            {"cluster_id": "cluster_2", "size": 3,
             "failure_types": [{"failure_type": "refusal", "count": 2}, {"failure_type": "format", "count": 1}],
             "member_ids": ["a", "b", "c"]}
            """
        let cluster = try JSONDecoder().decode(ClusterEvidence.self, from: Data(json.utf8))
        #expect(cluster.failureTypes == ["refusal": 2, "format": 1])
        #expect(cluster.representatives.isEmpty)
        #expect(cluster.sortedFailureTypes.first?.label == "refusal")
    }

    /// A label listed twice has its counts added; counts that add up past `Int.max` are a decoding error naming the
    /// field (it was an arithmetic overflow that stopped the service).
    @Test func countsPastTheLargestWholeNumberAreRefused() throws {
        let json = """
            {"cluster_id": "c", "failure_types": [{"failure_type": "refusal", "count": \(Int.max)},
             {"failure_type": "refusal", "count": 1}]}
            """
        #expect {
            try JSONDecoder().decode(ClusterEvidence.self, from: Data(json.utf8))
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.codingPath.last?.stringValue == "failure_types"
                && context.debugDescription.contains("add up past")
        }
        let twice =
            #"{"cluster_id": "c", "failure_types": [{"failure_type": "a", "count": 2}, {"failure_type": "a", "count": 3}]}"#
        #expect(try JSONDecoder().decode(ClusterEvidence.self, from: Data(twice.utf8)).failureTypes == ["a": 5])
    }

    /// `size` is optional: without it the cluster is as large as what it lists (it was 0, and refused as empty).
    @Test func withoutASizeTheClusterIsWhatItLists() throws {
        let json =
            #"{"cluster_id": "c", "member_ids": ["a", "b", "a"], "representatives": [{"id": "a", "input": "q", "response": "r"}]}"#
        let cluster = try JSONDecoder().decode(ClusterEvidence.self, from: Data(json.utf8))
        #expect(cluster.size == 2 && !cluster.isEmpty)
        let explicit = try JSONDecoder().decode(
            ClusterEvidence.self, from: Data(#"{"cluster_id": "c", "size": 0, "member_ids": ["a"]}"#.utf8))
        #expect(explicit.size == 0 && explicit.isEmpty)
    }

    @Test func roundTripsThroughJSON() throws {
        let cluster = Fixtures.hallucinationCluster()
        let data = try JSONEncoder().encode(cluster)
        #expect(try JSONDecoder().decode(ClusterEvidence.self, from: data) == cluster)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["cluster_id"] as? String == "cluster_1")
        #expect(object["member_ids"] != nil && object["top_terms"] != nil && object["failure_types"] != nil)
    }

    @Test func emptyClustersAreRecognised() {
        #expect(ClusterEvidence(clusterID: "c", size: 0, memberIDs: ["a"]).isEmpty)
        #expect(ClusterEvidence(clusterID: "c", size: 3).isEmpty)
        #expect(!ClusterEvidence(clusterID: "c", size: 3, memberIDs: ["a"]).isEmpty)
    }

    @Test(arguments: [
        ("hallucination", FailureCategory.hallucination), ("Hallucinated", .hallucination),
        ("too_long", .verbosity), ("invalid-json", .format), ("refused", .refusal), ("truncated", .incomplete),
        ("unanswerable", .missingAbstention), ("wrong number", .numberError),
    ])
    func failureLabelsMapToCategories(label: String, category: FailureCategory) {
        #expect(FailureCategory(label: label) == category)
    }

    @Test func unknownLabelsMapToNothing() {
        #expect(FailureCategory(label: "off_topic") == nil)
    }
}
