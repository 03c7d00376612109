import Experiences
import Foundation
import Testing

@testable import Prompts

/// A version's metadata is typed (``VersionMetadata``, ``Provenance``) yet files keep their bytes: a file written
/// before the types existed decodes to typed fields and renders back byte for byte, older files without the later
/// provenance keys still load, and keys another writer added survive a load.
struct ProvenanceTests {
    static func decode(_ text: String) throws -> PromptVersion {
        try JSONDecoder().decode(PromptVersion.self, from: Data(text.utf8))
    }

    @Test func aFileWrittenBeforeTheTypesDecodesToTypedFields() throws {
        let version = try Self.decode(RegistryFileFixture.trainedVersion)
        #expect(version.details.createdAt == "2026-12-02T21:55:04Z")
        #expect(version.details.rewardGain == 0.114967)
        #expect(version.details.clusterID == "cluster_1")
        #expect(version.details.additional.isEmpty)
        let provenance = try #require(version.details.provenance)
        #expect(provenance.parentID == "p_v1_1")
        #expect(
            provenance.patchIDs == ["cluster_1": "cluster_1-grounding_rule", "cluster_3": "cluster_3-balanced_length"])
        #expect(provenance.baselineReward == 0.68458)
        #expect(provenance.reward == 0.799548)
        #expect(provenance.rewardGainInterval == Provenance.Interval(low: 0.037173, high: 0.197779))
        #expect(provenance.hallucinationRate == Provenance.RateChange(before: 0.326087, after: 0.152174))
        #expect(provenance.heldOut == 46)
        #expect(provenance.failedGenerations == 0)
        #expect(provenance.rollouts == 2012)
        #expect(provenance.tokens == 217_567)
        #expect(provenance.seed == 8)
        #expect(provenance.model == "kaizen-simulator")
        #expect(provenance.servedModels == ["kaizen-simulator"])
        #expect(provenance.simulated == true)
        #expect(provenance.verifier == "kaizen-verifier/2")
        #expect(provenance.jobID == "job-556d7d4bc8be685c")
        #expect(provenance.stopReason == "completed")
        let guardrails = try #require(provenance.guardrails)
        #expect(
            Set(guardrails.keys) == [
                "format", "hallucination", "incomplete", "mean_words", "missed_abstention", "refusal", "unanswered",
            ])
        #expect(
            guardrails["mean_words"]
                == Provenance.Guardrail(
                    before: 45.456522, after: 17.065217,
                    differenceInterval: Provenance.Interval(low: -55.696196, high: -7.5), tolerance: 11.36413,
                    blocked: false))
    }

    @Test func aDecodedFileRendersToTheSameBytes() throws {
        let version = try Self.decode(RegistryFileFixture.trainedVersion)
        #expect(String(decoding: version.fileContents(), as: UTF8.self) == RegistryFileFixture.trainedVersion)
        // The JSON encoding (an API's answer) carries the same object.
        let reencoded = try Self.decode(String(decoding: try JSONEncoder().encode(version), as: UTF8.self))
        #expect(reencoded == version)
    }

    @Test func aFileFromBeforeTheLaterProvenanceKeysStillLoads() throws {
        var object = try #require(
            try JSONSerialization.jsonObject(with: Data(RegistryFileFixture.trainedVersion.utf8)) as? [String: Any])
        var metadata = try #require(object["metadata"] as? [String: Any])
        for key in ["failed_generations", "guardrails", "served_models", "simulated"] { metadata[key] = nil }
        object["metadata"] = metadata
        let version = try JSONDecoder().decode(
            PromptVersion.self, from: try JSONSerialization.data(withJSONObject: object))
        let provenance = try #require(version.details.provenance)
        #expect(provenance.guardrails == nil && provenance.servedModels == nil && provenance.simulated == nil)
        #expect(provenance.failedGenerations == nil)
        #expect(provenance.heldOut == 46)
        #expect(version.metadata["guardrails"] == nil && version.metadata["simulated"] == nil)
    }

    @Test func keysAnotherWriterAddedSurviveALoad() throws {
        let text = RegistryFileFixture.trainedVersion.replacingOccurrences(
            of: #""baseline_reward": 0.68458,"#,
            with: #""approved_by": "alice", "review": {"tickets": [12, 13]}, "baseline_reward": 0.68458,"#)
        let version = try Self.decode(text)
        #expect(version.details.additional == ["approved_by": "alice", "review": ["tickets": [12, 13]]])
        #expect(version.details.provenance?.parentID == "p_v1_1")
        let rendered = String(decoding: version.fileContents(), as: UTF8.self)
        #expect(rendered.contains(#""approved_by": "alice""#))
        #expect(try Self.decode(rendered) == version)
        #expect(version.metadata["approved_by"] == "alice")
    }

    @Test func aProvenanceOfAnotherShapeIsKeptAsRead() throws {
        // `held_out` as text: not the trainer's shape, so nothing is typed and nothing is lost.
        let text = RegistryFileFixture.trainedVersion.replacingOccurrences(
            of: #""held_out": 46,"#, with: #""held_out": "forty-six","#)
        let version = try Self.decode(text)
        #expect(version.details.provenance == nil)
        #expect(version.details.rewardGain == 0.114967)
        #expect(version.details.additional["held_out"] == "forty-six")
        #expect(version.details.additional["parent_id"] == "p_v1_1")
        #expect(version.details.additional["reward_gain"] == nil)
        // The same JSON (an untyped 0.0 comes back as 0: `JSONValue` keeps whole numbers as integers).
        let rendered = version.fileContents()
        #expect(try Self.decode(String(decoding: rendered, as: UTF8.self)) == version)
        let same = try JSONSerialization.jsonObject(with: rendered) as? NSDictionary
        #expect(same == (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary))
    }

    @Test func aSeedAboveIntMaxIsWrittenAsTextAndReadBack() throws {
        let seed = UInt64(Int.max) + 5
        let text = RegistryFileFixture.trainedVersion.replacingOccurrences(
            of: #""seed": 8,"#, with: #""seed": "\#(seed)","#)
        let version = try Self.decode(text)
        #expect(version.details.provenance?.seed == seed)
        #expect(String(decoding: version.fileContents(), as: UTF8.self) == text)
    }

    @Test func aHumanVersionHasNoProvenanceAndTheSeedsNulls() throws {
        let version = try Self.decode(
            #"{"prompt_id": "p_v2_1", "version": 1, "source": "human", "text": "SYSTEM: hi", "metadata": {"created_at": "2026-01-01T00:00:00Z", "reward_gain": null, "cluster_id": null}}"#
        )
        #expect(version.details == VersionMetadata(createdAt: "2026-01-01T00:00:00Z"))
        #expect(version.metadata == ["created_at": "2026-01-01T00:00:00Z", "reward_gain": nil, "cluster_id": nil])
    }
}
