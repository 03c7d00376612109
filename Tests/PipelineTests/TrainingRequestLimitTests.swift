import Experiences
import Foundation
import HTTPSupport
import Logging
import OpenAPITesting
import PatchGeneration
import PromptTraining
import Prompts
import Stages
import Testing
import TrainerService

/// The trainer's OpenAPI document states exactly the limits its validation enforces: for every numeric field of
/// `TrainingRequest`, a value just past a documented bound is refused and the bound itself is taken, and a field
/// with no documented bound takes a huge value (so a limit the code enforces cannot be missing from the document).
struct TrainingRequestLimitTests {
    @Test func documentedLimitsAreTheEnforcedLimits() async throws {
        let workspace = try await Workspace.make(interactions: 0)
        defer { workspace.remove() }
        let trainer = workspace.trainer()
        let jobs = TrainingJobs(trainer: trainer, runs: workspace.runs, logger: Logger(label: "test"))
        let document = OpenAPIDocument.make(
            service: .rlTrainer, routes: TrainerController(jobs: jobs, registry: workspace.registry).routes)
        let fields = DocumentedBounds.numericFields(of: document["components"]?["schemas"]?["TrainingRequest"] ?? .null)
        #expect(
            Set(fields.map(\.description)).isSuperset(of: ["steps", "success_ratio", "budget.rollouts", "group_size"]))
        for field in fields {
            for probe in DocumentedBounds.probes(field) {
                let refusal = Self.refusal(of: probe.value, at: field.path, by: trainer)
                let text = probe.value.rendered()
                if probe.acceptable {
                    #expect(refusal == nil, "\(field) = \(text) fits the document but is refused: \(refusal ?? "")")
                } else {
                    #expect(refusal != nil, "\(field) = \(text) is outside the documented bounds but accepted")
                }
            }
        }
    }

    /// Why the trainer refuses an otherwise valid request with `value` at `path`, or `nil` when it takes it.
    static func refusal(of value: JSONValue, at path: [String], by trainer: PromptTrainer) -> String? {
        var body: JSONValue = [
            "base_prompt_id": "p_v1_1",
            "clusters": [
                [
                    "cluster": ["cluster_id": "cluster_1", "size": 2, "member_ids": ["a", "b"]],
                    "candidates": [
                        [
                            "patch_id": "p1", "patch_text": "Only use the context.", "targets": ["hallucination"],
                            // An admissible candidate: the base prompt with its patch appended.
                            "prompt_text": .string(
                                (try? trainer.registry.version(named: "p_v1_1").text).flatMap {
                                    PatchOperation.append.apply("Only use the context.", anchor: nil, to: $0)
                                } ?? ""),
                        ]
                    ],
                ]
            ],
        ]
        body.set(value, at: path)
        do {
            let request = try JSONDecoder().decode(TrainingRequest.self, from: JSONEncoder().encode(body))
            _ = try trainer.validate(request)
            return nil
        } catch {
            return "\(error)"
        }
    }
}
