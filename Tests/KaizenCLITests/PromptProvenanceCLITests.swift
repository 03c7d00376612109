import Foundation
import Testing

/// `kaizen prompts list` and `show` read a version's typed metadata: the seed's fields in the list, and the whole
/// file, provenance and keys another writer added included, in `show`.
struct PromptProvenanceCLITests {
    /// A trained version as the trainer writes it (without guardrails, as files from before they were kept), with a
    /// key another tool added.
    static let trainedVersion = """
        {
          "prompt_id": "p_v1_2",
          "version": 2,
          "source": "rl_trainer",
          "text": "SYSTEM: Answer from the context only.",
          "metadata": {
            "created_at": "2026-12-02T21:55:04Z",
            "reward_gain": 0.114967,
            "cluster_id": "cluster_1",
            "approved_by": "alice",
            "baseline_reward": 0.68458,
            "failed_generations": 0,
            "hallucination_rate": {
              "after": 0.152174,
              "before": 0.326087
            },
            "held_out": 46,
            "job_id": "job-556d7d4bc8be685c",
            "model": "kaizen-simulator",
            "parent_id": "p_v1_1",
            "patch_ids": {
              "cluster_1": "cluster_1-grounding_rule",
              "cluster_3": "cluster_3-balanced_length"
            },
            "reward": 0.799548,
            "reward_gain_ci95": [
              0.037173,
              0.197779
            ],
            "rollouts": 2012,
            "seed": 8,
            "served_models": [
              "kaizen-simulator"
            ],
            "simulated": true,
            "stop_reason": "completed",
            "tokens": 217567,
            "verifier": "kaizen-verifier/2"
          }
        }

        """

    @Test func listShowsTheSeedFieldsAndShowPrintsTheFileUnchanged() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try FileManager.default.createDirectory(
            atPath: kaizen.path("prompt_registry"), withIntermediateDirectories: true)
        try kaizen.write("prompt_registry/p_v1_2.json", Self.trainedVersion)
        try kaizen.write(
            "prompt_registry/p_v1_1.json",
            #"{"prompt_id": "p_v1_1", "version": 1, "source": "human", "text": "SYSTEM: Be helpful.", "metadata": {"created_at": "2026-12-02T21:50:00Z", "reward_gain": null, "cluster_id": null}}"#
        )

        let list = try await kaizen.run(["prompts", "list"])
        #expect(list.status == 0, "\(list)")
        let rows = list.stdout.split(separator: "\n").map(String.init)
        let trained = try #require(rows.first { $0.contains("p_v1_2") }, "\(list)")
        #expect(
            trained.contains("2026-12-02T21:55:04Z") && trained.contains("+0.1150") && trained.contains("cluster_1"))
        let human = try #require(rows.first { $0.contains("p_v1_1") }, "\(list)")
        #expect(human.contains("2026-12-02T21:50:00Z") && human.contains("human"))

        let show = try await kaizen.run(["prompts", "show", "p_v1_2"])
        #expect(show.status == 0, "\(show)")
        #expect(show.stdout == Self.trainedVersion)
    }
}
