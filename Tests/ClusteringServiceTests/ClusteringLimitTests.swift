import ClusteringService
import Experiences
import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAPITesting
import Stages
import Testing

/// Every expensive clustering input has a documented bound that validation enforces: one request of `n_init`
/// 200,000 took a service to 945 MB and silenced `/health` for 35 s before these limits.
struct ClusteringLimitTests {
    @Test func documentedLimitsAreTheEnforcedLimits() throws {
        let document = OpenAPIDocument.make(
            service: .failureClustering,
            routes: ClusteringController(
                stage: ClusteringStage(store: InMemoryExperienceStore([]), runs: InMemoryRunStore())
            ).routes)
        let fields = DocumentedBounds.numericFields(of: document["components"]?["schemas"]?["ClusterRequest"] ?? .null)
        #expect(
            Set(fields.map(\.description)).isSuperset(of: [
                "k", "n_init", "max_iter", "limit", "silhouette_sample_size", "representatives", "top_terms",
            ]))
        for field in fields {
            #expect(field.schema["maximum"] != nil || ["seed", "tol"].contains(field.description), "\(field)")
            for probe in DocumentedBounds.probes(field) {
                let refusal = Self.refusal(of: probe.value, at: field.path)
                let text = probe.value.rendered()
                if probe.acceptable {
                    #expect(refusal == nil, "\(field) = \(text) fits the document but is refused: \(refusal ?? "")")
                } else {
                    #expect(refusal != nil, "\(field) = \(text) is outside the documented bounds but accepted")
                }
            }
        }
    }

    /// Why the stage refuses a request with `value` at `path`, or `nil` when it takes it.
    static func refusal(of value: JSONValue, at path: [String]) -> String? {
        var body: JSONValue = [:]
        body.set(value, at: path)
        do {
            try ClusteringStage.validate(
                JSONDecoder().decode(ClusterRequest.self, from: JSONEncoder().encode(body)))
            return nil
        } catch {
            return "\(error)"
        }
    }

    static let repros: [(body: String, phrase: String)] = [
        (#"{"n_init": 200000}"#, "'n_init' must be between 1 and 20, got 200000"),
        (#"{"n_init": 275918, "max_iter": 18389586}"#, "'n_init' must be between 1 and 20"),
        (#"{"max_iter": 18389586}"#, "'max_iter' must be between 1 and 1000, got 18389586"),
        (#"{"k": 5000}"#, "'k' must be between 1 and 200, got 5000"),
        (#"{"k_range": [2, 5000]}"#, "'k_range' must be between 2 and 50, got 5000"),
        (#"{"silhouette_sample_size": 1000000}"#, "'silhouette_sample_size' must be between 3 and 10000"),
        (
            #"{"limit": 1000000}"#,
            "'limit' (failures read from the store for one clustering) must be between 1 and 100000"
        ),
    ]

    @Test(arguments: 0..<repros.count)
    func expensiveRequestsAreRefusedBeforeAnyWork(_ index: Int) async throws {
        let repro = Self.repros[index]
        let app = buildApplication(
            service: .failureClustering, configuration: ServiceConfiguration(service: .failureClustering),
            routes: ClusteringController(
                stage: ClusteringStage(
                    store: InMemoryExperienceStore(ClusteringServiceTests.experiences()), runs: InMemoryRunStore())
            ).routes,
            logger: Logger(label: "test"))
        try await app.test(.router) { client in
            try await ContractCheckingClient(client).execute(
                uri: "/api/v1/cluster", method: .post, body: ByteBuffer(string: repro.body)
            ) { (response: TestResponse) async throws in
                #expect(response.status == .unprocessableContent)
                let detail = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                    .detail
                #expect(detail.contains(repro.phrase), "\(detail)")
            }
        }
    }

    @Test func aClusteringPastItsTimeLimitIsStopped() async throws {
        let stage = ClusteringStage(
            store: InMemoryExperienceStore(ClusteringServiceTests.experiences()), runs: InMemoryRunStore(),
            timeLimit: .zero)
        await #expect {
            try await stage.cluster(ClusterRequest())
        } throws: { error in
            "\(error)".contains("did not finish within its time limit of 0 s and was stopped; lower 'n_init'")
        }
    }

    @Test func aCancelledClusteringStops() async throws {
        let stage = ClusteringStage(
            store: InMemoryExperienceStore(ClusteringServiceTests.experiences()), runs: InMemoryRunStore())
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await stage.cluster(ClusterRequest())
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
