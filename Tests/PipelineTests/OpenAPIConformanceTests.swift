import ClusteringService
import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAPITesting
import PatchServices
import Stages
import Testing
import TrainerService

/// Every operation each service documents in `/openapi.json` is routed: a request to it reaches a handler (which
/// may refuse the dummy input with its own message) instead of the router's bare 404.
struct OpenAPIConformanceTests {
    @Test(arguments: ServiceKind.allCases)
    func everyDocumentedOperationIsRouted(_ kind: ServiceKind) async throws {
        let workspace = try await Workspace.make(interactions: 0)
        defer { workspace.remove() }
        let routes: ServiceRoutes
        switch kind {
        case .failureClustering: routes = ClusteringController(stage: workspace.clustering).routes
        case .patchGenerator: routes = PatchGeneratorController(stages: try workspace.patchStages()).routes
        case .ranker: routes = RankerController(stages: try workspace.patchStages()).routes
        case .rlTrainer:
            let jobs = TrainingJobs(trainer: workspace.trainer(), runs: workspace.runs, logger: Logger(label: "test"))
            routes = TrainerController(jobs: jobs, registry: workspace.registry).routes
        }
        let app = buildApplication(
            service: kind, configuration: ServiceConfiguration(service: kind), routes: routes,
            logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let client = ContractCheckingClient(client)
            let document = try await client.execute(uri: "/openapi.json", method: .get) { response in
                try #require(
                    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            }
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            #expect(paths.keys.contains("/health") && paths.keys.contains("/metrics"))
            for (path, operations) in paths {
                let uri = path.replacingOccurrences(of: "{id}", with: "x-unknown")
                    .replacingOccurrences(of: "{cluster_id}", with: "cluster_1")
                for method in operations.keys {
                    let httpMethod = try #require(HTTPRequest.Method(method.uppercased()))
                    try await client.execute(
                        uri: uri, method: httpMethod, body: httpMethod == .post ? ByteBuffer(string: "{}") : nil
                    ) { (response: TestResponse) async throws in
                        let object =
                            try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
                            as? [String: Any]
                        let routerMiss = response.status == .notFound && object?["detail"] as? String == "Not Found"
                        #expect(!routerMiss, "\(method.uppercased()) \(path) is documented but not routed")
                        #expect(response.status != .methodNotAllowed, "\(method.uppercased()) \(path)")
                    }
                }
            }
        }
    }
}
