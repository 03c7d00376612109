import Experiences
import FailureClustering
import HTTPSupport
import Hummingbird
import Stages

/// The failure-clustering service's routes (8011).
package struct ClusteringController: Sendable {
    let stage: ClusteringStage
    /// The most member ids a clustering response lists per cluster (``ClusteringLimits/inlineMemberIDs``).
    let inlineMemberIDs: Int

    package init(stage: ClusteringStage, inlineMemberIDs: Int = ClusteringLimits.inlineMemberIDs) {
        self.stage = stage
        self.inlineMemberIDs = inlineMemberIDs
    }

    /// The routes and their OpenAPI description, for ``buildApplication``.
    package var routes: ServiceRoutes {
        ServiceRoutes(
            paths: ClusteringAPI.paths.merging(IngestionAPI.paths) { $1 },
            schemas: ClusteringAPI.schemas.merging(IngestionAPI.schemas) { $1 }
        ) { router in
            router.post("api/v1/cluster", use: self.cluster)
            router.get("api/v1/clusterings/:id", use: self.run)
            router.get("api/v1/clusterings/:id/clusters/:cluster_id/members", use: self.members)
            router.post("api/v1/experiences", use: self.ingest)
        }
    }

    /// The online side's logging route: a batch of experiences, stored all or nothing (422 lists each bad item).
    @Sendable func ingest(
        _ request: Request, context: ServiceRequestContext
    ) async throws -> EncodedResponse<IngestionResult> {
        let batch = try await request.decodeJSON(as: ExperienceBatch.self, context: context)
        return EncodedResponse(try await ExperienceIngestion(store: self.stage.store).ingest(batch))
    }

    @Sendable func cluster(
        _ request: Request, context: ServiceRequestContext
    ) async throws -> EncodedResponse<ClusteringRunResponse> {
        let body = try await request.decodeJSON(as: ClusterRequest.self, context: context)
        let run = try await self.stage.cluster(body)
        return EncodedResponse(ClusteringRunResponse(run, memberLimit: self.inlineMemberIDs), status: .created)
    }

    @Sendable func run(
        _ request: Request, context: ServiceRequestContext
    ) async throws -> EncodedResponse<ClusteringRunResponse> {
        let id = try context.parameters.require("id")
        return EncodedResponse(
            ClusteringRunResponse(try await self.stage.run(id: id), memberLimit: self.inlineMemberIDs))
    }

    @Sendable func members(
        _ request: Request, context: ServiceRequestContext
    ) async throws -> EncodedResponse<MembersPage> {
        let id = try context.parameters.require("id")
        let clusterID = try context.parameters.require("cluster_id")
        let offset = try Self.intQuery(request, "offset", default: 0)
        let limit = try Self.intQuery(request, "limit", default: 50)
        return EncodedResponse(
            try await self.stage.members(runID: id, clusterID: clusterID, offset: offset, limit: limit))
    }

    static func intQuery(_ request: Request, _ name: String, default value: Int) throws -> Int {
        guard let text = request.uri.queryParameters[name[...]] else { return value }
        guard let number = Int(text) else { throw APIError.badRequest("query parameter '\(name)' must be an integer") }
        return number
    }
}
