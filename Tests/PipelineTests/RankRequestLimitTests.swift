import Experiences
import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAPITesting
import PatchGeneration
import PatchRanking
import PatchServices
import Stages
import Testing

/// The ranker's expensive or overflowing inputs are bounded, in its OpenAPI document and in its validation alike:
/// `samples` of 1e9 grew a service to 682 MB, and weights of 1e308 answered 500 (a NaN score) before.
struct RankRequestLimitTests {
    static let candidate: JSONValue = [
        "patch_id": "p1", "patch_text": "Only use the context.",
        "prompt_text": "SYSTEM: Answer.\nOnly use the context.",
    ]

    static func body(_ changes: [String: JSONValue] = [:]) -> JSONValue {
        var body: JSONValue = [
            "prompt_text": "SYSTEM: Answer.", "cluster": ["cluster_id": "c", "size": 2, "member_ids": ["a", "b"]],
            "candidates": [Self.candidate],
        ]
        for (key, value) in changes { body.set(value, at: [key]) }
        return body
    }

    @Test func documentedLimitsAreTheEnforcedLimits() async throws {
        try await RankerTestService.with { _, stages, _ in
            let document = OpenAPIDocument.make(service: .ranker, routes: RankerController(stages: stages).routes)
            let schema = document["components"]?["schemas"]?["RankRequest"] ?? .null
            let fields = DocumentedBounds.numericFields(of: schema)
            #expect(Set(fields.map(\.description)).isSuperset(of: ["samples", "weights.clarity"]))
            for field in fields {
                for probe in DocumentedBounds.probes(field) {
                    var body = Self.body()
                    body.set(probe.value, at: field.path)
                    let refusal = await Self.refusal(of: body, by: stages)
                    let text = probe.value.rendered()
                    if probe.acceptable {
                        #expect(refusal == nil, "\(field) = \(text) fits the document but is refused: \(refusal ?? "")")
                    } else {
                        #expect(refusal != nil, "\(field) = \(text) is outside the documented bounds but accepted")
                    }
                }
            }
            let candidates = schema["properties"]?["candidates"]
            let most = try #require(candidates?["maxItems"]?.numberValue)
            #expect(Int(most) == RankRequestLimits.candidates.upperBound)
            let many = (0...Int(most)).map { index -> JSONValue in
                var candidate = Self.candidate
                candidate.set(.string("p\(index)"), at: ["patch_id"])
                return candidate
            }
            #expect(
                await Self.refusal(of: Self.body(["candidates": .array(Array(many.dropLast()))]), by: stages) == nil)
            #expect(await Self.refusal(of: Self.body(["candidates": .array(many)]), by: stages) != nil)
        }
    }

    /// Why the ranker refuses `body`, or `nil` when it ranks it.
    static func refusal(of body: JSONValue, by stages: PatchStages) async -> String? {
        do {
            _ = try await stages.rank(JSONDecoder().decode(RankRequest.self, from: JSONEncoder().encode(body)))
            return nil
        } catch {
            return "\(error)"
        }
    }

    static let repros: [(changes: [String: JSONValue], phrase: String)] = [
        (["measure": true, "samples": 1_000_000_000], "'samples' must be between 1 and 64, got 1000000000"),
        (["measure": true, "samples": 0], "'samples' must be between 1 and 64, got 0"),
        (
            ["weights": ["hallucination_reduction": 1e308, "clarity": 1e308]],
            "weight 'hallucination_reduction' must be between 0 and 1000"
        ),
        (
            [
                "candidates": .array(
                    (0..<21).map { ["patch_id": .string("p\($0)"), "patch_text": "x", "prompt_text": "x"] })
            ],
            "'candidates' must have between 1 and 20 items, got 21"
        ),
    ]

    @Test(arguments: 0..<repros.count)
    func reprosGetA422NamingTheField(_ index: Int) async throws {
        let repro = Self.repros[index]
        try await RankerTestService.with { ranker, _, _ in
            let body = try JSONEncoder().encode(Self.body(repro.changes))
            try await ranker.execute(uri: "/api/v1/rank", method: .post, body: ByteBuffer(bytes: body)) {
                (response: TestResponse) async throws in
                #expect(response.status == .unprocessableContent)
                let detail = try #require(try RankerTestService.json(response)["detail"] as? String)
                #expect(detail.contains(repro.phrase), "\(detail)")
            }
        }
    }

    @Test func aRankingPastItsTimeLimitIsStopped() async throws {
        try await RankerTestService.with { _, stages, clusteringID in
            let generated = try await stages.generate(
                JSONDecoder().decode(
                    GeneratePatchesRequest.self,
                    from: Data(
                        #"{"prompt_id": "p_v1_1", "clustering_id": "\#(clusteringID)", "cluster_id": "cluster_1"}"#.utf8
                    )))
            let body: JSONValue = [
                "prompt_id": "p_v1_1", "clustering_id": .string(clusteringID), "cluster_id": "cluster_1",
                "candidates": try JSONDecoder().decode(
                    JSONValue.self, from: JSONEncoder().encode(generated.candidates)),
                "measure": true, "samples": 1,
            ]
            // The measured check asks a model that never answers; the time limit ends the request.
            let hanging = PatchStages(
                inputs: stages.inputs, generator: stages.generator,
                ranker: try Ranker(model: TrainingJobCapacityTests.HangingModel()))
            let app = buildApplication(
                service: .ranker, configuration: ServiceConfiguration(service: .ranker),
                routes: RankerController(stages: hanging, timeLimit: .milliseconds(300)).routes,
                logger: Logger(label: "test"))
            try await app.test(.router) { client in
                try await ContractCheckingClient(client).execute(
                    uri: "/api/v1/rank", method: .post, body: ByteBuffer(bytes: try JSONEncoder().encode(body))
                ) { (response: TestResponse) async throws in
                    #expect(response.status == .unprocessableContent)
                    let detail = try #require(try RankerTestService.json(response)["detail"] as? String)
                    #expect(detail.contains("did not finish within its time limit of 0 s and was stopped"), "\(detail)")
                }
            }
        }
    }
}
