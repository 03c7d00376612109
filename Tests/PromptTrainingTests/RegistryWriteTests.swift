import Experiences
import Foundation
import PromptTraining
import Prompts
import RLTraining
import Testing
import TrainingScenarios
import Verification

/// What a job leaves in the registry: nothing when there is nothing to gain, else one version with the seed's shape
/// and full provenance, byte-for-byte reproducible from the seed.
///
/// Budget for every run: G = 8, B = 8, at most 20 steps, capped at 1280 training rollouts. The written-version tests
/// use the ranker-misled scenario at twice its size (80 experiences, 24 held out) so the gate has enough pairs.
struct RegistryWriteTests {
    static let now = Date(timeIntervalSince1970: 1_765_400_000)

    /// The registry folder's files and their bytes.
    static func snapshot(_ directory: URL) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        return Dictionary(
            uniqueKeysWithValues: names.map { name in
                (name, FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) ?? Data())
            })
    }

    @Test(arguments: [Scenario.nothingToGain, Scenario.onlyHarmful])
    func aJobWithNothingToGainWritesNothing(_ scenario: Scenario) async throws {
        try await withTemporaryDirectory { directory in
            let trainer = try await scenario.trainer(registryDirectory: directory)
            let before = try Self.snapshot(directory)
            let result = try await trainer.run(
                scenario.request(seed: 3, steps: 20, rolloutBudget: 1280), jobID: "job-nothing", now: { Self.now })
            #expect([.noSignificantImprovement, .noPatchChosen, .tooLittleData].contains(result.outcome))
            #expect(result.promptID == nil && result.path == nil)
            #expect(try Self.snapshot(directory) == before)
            #expect(try trainer.registry.ids().map(\.description) == [Scenario.basePromptID])
            #expect(!result.message.isEmpty)
            // Every variant answers like the base prompt, so the held-out gain is exactly zero; 16 experiences hold
            // out 5, too few for the gate to test anything.
            if scenario.name == Scenario.nothingToGain.name {
                #expect(result.outcome == .tooLittleData)
                #expect(result.evaluation.gain.estimate == 0 && result.evaluation.gain.low == 0)
                #expect(result.evaluation.rollouts == 2 * result.evaluation.experiences)
            } else {
                // Every candidate hurts (by more than 0.05 in expectation): training moves to the base prompt.
                let values = try VariantValues(scenario, verifier: try Verifier())
                #expect(values.best == Variant([0]) && values.margin > 0.05, "\(values.ranked)")
                #expect(result.outcome == .noPatchChosen)
                #expect(result.patchIDs == ["cluster_1": String?.none])
                // The held-out part scores the base prompt once; compared with itself the gain is exactly zero.
                #expect(result.evaluation.rollouts == result.evaluation.experiences)
                #expect(
                    result.evaluation.gain.estimate == 0 && result.evaluation.reward == result.evaluation.baselineReward
                )
                #expect(result.training.probabilities[0][0] > 0.5)
            }
        }
    }

    @Test func aWrittenVersionHasTheSeedShapeAndFullProvenance() async throws {
        let scenario = Scenario.rankerMisled(scale: 2)
        try await withTemporaryDirectory { directory in
            let trainer = try await scenario.trainer(registryDirectory: directory)
            let baseBytes = try Self.snapshot(directory)["p_v1_1.json"]
            let result = try await trainer.run(
                scenario.request(seed: 1, steps: 20, rolloutBudget: 1280), jobID: "job-42", now: { Self.now })
            #expect(result.outcome == .written, "\(result.message)")
            #expect(result.promptID == "p_v1_2")
            let path = try #require(result.path)
            #expect(path == directory.appendingPathComponent("p_v1_2.json").path)
            #expect(try Self.snapshot(directory)["p_v1_1.json"] == baseBytes)
            #expect(try trainer.registry.ids().map(\.description) == ["p_v1_1", "p_v1_2"])

            let bytes = try #require(FileManager.default.contents(atPath: path))
            #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("{\n  \"prompt_id\": \"p_v1_2\""))
            let file = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
            #expect(Set(file.keys) == ["prompt_id", "version", "source", "text", "metadata"])
            #expect(file["prompt_id"] as? String == "p_v1_2")
            #expect(file["version"] as? Int == 2)
            #expect(file["source"] as? String == "rl_trainer")
            #expect(file["text"] as? String == result.promptText)
            #expect(result.promptText == scenario.prompt(for: Variant([3, 2])))

            let metadata = try #require(file["metadata"] as? [String: Any])
            let required: Set<String> = [
                "created_at", "reward_gain", "cluster_id", "parent_id", "patch_ids", "baseline_reward", "reward",
                "reward_gain_ci95", "hallucination_rate", "guardrails", "rollouts", "tokens", "seed", "model",
                "verifier", "job_id",
            ]
            #expect(required.isSubset(of: Set(metadata.keys)), "missing \(required.subtracting(metadata.keys))")
            #expect(metadata["created_at"] as? String == RFC3339.string(from: Self.now))
            #expect(metadata["parent_id"] as? String == "p_v1_1")
            #expect(metadata["cluster_id"] as? String == "cluster_1")
            #expect(metadata["job_id"] as? String == "job-42")
            #expect(metadata["seed"] as? Int == 1)
            #expect(metadata["model"] as? String == "kaizen-simulator")
            // What answered, as the responses said: a version trained on the simulator says so.
            #expect(metadata["simulated"] as? Bool == true)
            #expect(metadata["served_models"] as? [String] == ["kaizen-simulator"])
            #expect(metadata["verifier"] as? String == "kaizen-verifier/2")
            let patchIDs = try #require(metadata["patch_ids"] as? [String: Any])
            #expect(patchIDs["cluster_1"] as? String == "cluster_1-strict")
            #expect(patchIDs["cluster_2"] as? String == "cluster_2-brevity")

            let baseline = try #require(metadata["baseline_reward"] as? Double)
            let reward = try #require(metadata["reward"] as? Double)
            let gain = try #require(metadata["reward_gain"] as? Double)
            let interval = try #require(metadata["reward_gain_ci95"] as? [Double])
            #expect(abs(gain - (reward - baseline)) < 1e-5)
            #expect(interval.count == 2 && interval[0] > 0 && interval[0] <= gain && gain <= interval[1])
            let hallucination = try #require(metadata["hallucination_rate"] as? [String: Double])
            let before = try #require(hallucination["before"])
            let after = try #require(hallucination["after"])
            #expect(after < before)
            #expect(abs(before - result.evaluation.hallucinationRateBefore) < 1e-5)
            #expect(metadata["rollouts"] as? Int == result.training.rollouts + result.evaluation.rollouts)
            #expect(result.training.rollouts <= 1280)
            #expect(metadata["tokens"] as? Int == result.training.tokens + result.evaluation.tokens)
            #expect(result.training.tokens > 0)

            // The registry reads it back as the same version.
            let version = try trainer.registry.version(named: "p_v1_2")
            #expect(version.text == result.promptText && version.source == "rl_trainer")
            let provenance = try #require(version.details.provenance)
            #expect(provenance.patchIDs == ["cluster_1": "cluster_1-strict", "cluster_2": "cluster_2-brevity"])
            #expect(provenance.parentID == "p_v1_1" && provenance.jobID == "job-42" && provenance.seed == 1)
            #expect(provenance.heldOut == result.evaluation.experiences)
            #expect(provenance.guardrails?.count == result.evaluation.guardrails.count)
            #expect(version.details.rewardGain == gain && version.details.clusterID == "cluster_1")
            // Reading and writing again gives the file's bytes.
            #expect(version.fileContents() == bytes)
        }
    }

    @Test func theSameSeedWritesTheSameFile() async throws {
        // The scenario whose gain clears the gate for this seed: what is checked here is that the bytes repeat.
        let scenario = Scenario.rankerMisled(scale: 2)
        func write(now: Date) async throws -> (bytes: String, result: TrainingResult) {
            try await withTemporaryDirectory { directory in
                let trainer = try await scenario.trainer(registryDirectory: directory)
                let result = try await trainer.run(
                    scenario.request(seed: 1, steps: 20, rolloutBudget: 1280), jobID: "job-1", now: { now })
                #expect(result.outcome == .written, "\(result.message)")
                let path = try #require(result.path)
                return (
                    String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self), result
                )
            }
        }
        let first = try await write(now: Self.now)
        let again = try await write(now: Self.now)
        let later = try await write(now: Self.now.addingTimeInterval(3600))
        #expect(first.bytes == again.bytes)
        #expect(first.result.training == again.result.training)
        #expect(first.result.evaluation == again.result.evaluation)
        #expect(first.bytes != later.bytes)
        func withoutTimestamp(_ text: String) -> String {
            text.split(separator: "\n").filter { !$0.contains("\"created_at\"") }.joined(separator: "\n")
        }
        #expect(withoutTimestamp(first.bytes) == withoutTimestamp(later.bytes))
    }

    /// The same job run again on the same registry trains the same prompt: the gate passes, but the family already
    /// has that text, so nothing is written and the message names the version that has it. Another version written
    /// since stays the latest.
    @Test func theSameJobRunAgainWritesNoCopy() async throws {
        let scenario = Scenario.rankerMisled(scale: 2)
        try await withTemporaryDirectory { directory in
            let trainer = try await scenario.trainer(registryDirectory: directory)
            let request = scenario.request(seed: 1, steps: 20, rolloutBudget: 1280)
            let first = try await trainer.run(request, jobID: "job-1", now: { Self.now })
            #expect(first.outcome == .written, "\(first.message)")
            let written = try #require(first.promptID)
            let since = try trainer.registry.create(
                family: 1, source: "human", text: "A version written since.", now: Self.now)
            let files = try Self.snapshot(directory)

            let again = try await trainer.run(request, jobID: "job-2", now: { Self.now })
            #expect(again.outcome == .alreadyWritten, "\(again.message)")
            #expect(again.message.contains("\(written)'s text") && again.message.hasSuffix("nothing written"))
            #expect(again.promptID == nil && again.path == nil)
            #expect(again.promptText == first.promptText)
            #expect(again.evaluation == first.evaluation)
            #expect(try Self.snapshot(directory) == files)
            #expect(try trainer.registry.latest(family: 1)?.id == since.id)
        }
    }
}

extension Scenario: CustomTestStringConvertible {
    package var testDescription: String { self.name }
}
