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
    /// A numeric field of the request: its JSON path and its schema.
    struct Field: CustomStringConvertible {
        var path: [String]
        var schema: JSONValue
        var description: String { self.path.joined(separator: ".") }
    }

    static func numericFields(of schema: JSONValue, under prefix: [String] = []) -> [Field] {
        (schema["properties"]?.objectValue ?? [:]).sorted { $0.key < $1.key }.flatMap { name, property -> [Field] in
            let type = property["type"]?.stringValue
            if type == "integer" || type == "number" { return [Field(path: prefix + [name], schema: property)] }
            if type == "object" { return Self.numericFields(of: property, under: prefix + [name]) }
            return []
        }
    }

    /// Values on both sides of each documented bound, and far out where no bound is documented; `true` when the
    /// document says the value is acceptable.
    static func probes(_ field: Field) -> [(value: JSONValue, acceptable: Bool)] {
        let isInteger = field.schema["type"]?.stringValue == "integer"
        let step = isInteger ? 1.0 : 0.5
        let far = isInteger ? Double(1 << 50) : 1e300
        func value(_ number: Double) -> JSONValue { isInteger ? .integer(Int(number)) : .number(number) }
        var probes: [(JSONValue, Bool)] = []
        if let maximum = field.schema["maximum"]?.numberValue {
            probes += [(value(maximum), true), (value(maximum + step), false)]
        } else if let maximum = field.schema["exclusiveMaximum"]?.numberValue {
            probes += [(value(maximum - step / 8), true), (value(maximum), false)]
        } else {
            probes.append((value(far), true))
        }
        if let minimum = field.schema["minimum"]?.numberValue {
            probes += [(value(minimum), true), (value(minimum - step), false)]
        } else if let minimum = field.schema["exclusiveMinimum"]?.numberValue {
            probes += [(value(minimum + step / 8), true), (value(minimum), false)]
        } else {
            probes.append((value(-far), true))
        }
        return probes
    }

    @Test func documentedLimitsAreTheEnforcedLimits() async throws {
        let workspace = try await Workspace.make(interactions: 0)
        defer { workspace.remove() }
        let trainer = workspace.trainer()
        let jobs = TrainingJobs(trainer: trainer, runs: workspace.runs, logger: Logger(label: "test"))
        let document = OpenAPIDocument.make(
            service: .rlTrainer, routes: TrainerController(jobs: jobs, registry: workspace.registry).routes)
        let fields = Self.numericFields(of: document["components"]?["schemas"]?["TrainingRequest"] ?? .null)
        #expect(
            Set(fields.map(\.description)).isSuperset(of: ["steps", "success_ratio", "budget.rollouts", "group_size"]))
        for field in fields {
            for probe in Self.probes(field) {
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

extension JSONValue {
    /// Sets the member at `path`, creating objects on the way.
    mutating func set(_ value: JSONValue, at path: [String]) {
        guard let first = path.first else {
            self = value
            return
        }
        var members = self.objectValue ?? [:]
        var child = members[first] ?? .object([:])
        child.set(value, at: Array(path.dropFirst()))
        members[first] = child
        self = .object(members)
    }
}
