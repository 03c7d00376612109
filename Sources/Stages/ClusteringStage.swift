import ConcurrencyLimits
import Experiences
import FailureClustering
import Foundation

/// The failure-clustering stage as the service, the CLI and the pipeline use it: pull failures from the store,
/// cluster them, and keep the run under an id.
package struct ClusteringStage: Sendable {
    package static let runKind = "clustering"

    package let store: any ExperienceStore
    let runs: any RunStore
    let now: @Sendable () -> Date
    /// How long one clustering may run; see ``ClusteringLimits/timeLimit``.
    let timeLimit: Duration

    package init(
        store: any ExperienceStore, runs: any RunStore, timeLimit: Duration = ClusteringLimits.timeLimit,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.runs = runs
        self.timeLimit = timeLimit
        self.now = now
    }

    /// Clusters the failures `request` selects and stores the run.
    /// - Throws: ``ClusteringStageError`` or ``FailureClusteringError`` for requests that cannot be served (the
    ///   time limit included); `CancellationError` when the task is cancelled (the clustering stops too).
    package func cluster(_ request: ClusterRequest) async throws -> ClusteringRun {
        try Self.validate(request)
        let failures = try await self.store.failures(request.query)
        if failures.count < 2, let promptID = request.promptID {
            try await self.requireInteractions(under: promptID, failureThreshold: request.failureThreshold)
        }
        var clusterer = FailureClusterer(configuration: request.configuration)
        let stop = ClusteringStop(limit: self.timeLimit)
        clusterer.stop = stop
        // The work runs on a thread of its own; cancelling this task (the client went away) stops it there.
        let result = try await withTaskCancellationHandler {
            try await OwnThread.run { [clusterer] in try clusterer.cluster(failures) }
        } onCancel: {
            stop.cancel()
        }
        let content = try JSONEncoder.sorted.encode(request) + Data(failures.map(\.id).joined(separator: "\n").utf8)
        var run = ClusteringRun(
            clusteringID: "clu-\(RunIDs.hash(content))", createdAt: self.now(), request: request, result: result)
        let time = run.createdAt
        // The id is claimed where the run is stored, in one step: two identical requests at once (or two services on
        // one store) get `clu-…` and `clu-…-2`, where a look-up before saving gave both the same id and the second
        // run replaced the first under its caller. The stored id wins over the body's (see ``run(id:)``).
        let stored = try await self.runs.create(
            StoredRun(
                kind: Self.runKind, id: run.clusteringID, state: "succeeded", createdAt: time, updatedAt: time,
                body: try JSONEncoder.sorted.encode(run)),
            activeStates: [])
        run.clusteringID = stored.run.id
        return run
    }

    /// A prompt id nothing is logged under is a mistake to name (a typo, a version nothing has served yet), not
    /// "too few failures", which reads as "nothing to fix" and hides it.
    /// - Throws: ``ClusteringStageError/notFound(_:)`` when the store holds no interaction under `promptID`.
    private func requireInteractions(under promptID: String, failureThreshold: Double) async throws {
        let statistics = try await self.store.statistics(failureThreshold: failureThreshold)
        guard !statistics.hasInteractions(under: promptID) else { return }
        throw ClusteringStageError.notFound(
            "no interactions are logged under prompt \(promptID.echoed()) (\(statistics.loggedPromptIDs)); check the "
                + "id, or log its interactions first")
    }

    /// Checks a request before any work, against ``ClusteringLimits`` among others (the values the service's
    /// OpenAPI document states).
    /// - Throws: ``ClusteringStageError`` or ``FailureClusteringError``.
    package static func validate(_ request: ClusterRequest) throws {
        let failureLimit = ClusteringLimits.failures
        guard failureLimit.contains(request.limit) else {
            throw ClusteringStageError.invalid(
                "'limit' (failures read from the store for one clustering) must be between \(failureLimit.lowerBound) and \(failureLimit.upperBound), got \(request.limit); narrow the selection with 'since', 'until' or 'prompt_id'"
            )
        }
        if let promptID = request.promptID, promptID.utf8.contains(0) {
            // The store's text ends at a NUL, so "p_v1_1\u0000x" would select p_v1_1's failures.
            throw ClusteringStageError.invalid("'prompt_id' must not contain a NUL character (\\u0000)")
        }
        guard request.failureThreshold >= 0 && request.failureThreshold <= 1 else {
            throw ClusteringStageError.invalid("'failure_threshold' must be between 0 and 1")
        }
        if let since = request.since, let until = request.until, since >= until {
            throw ClusteringStageError.invalid("'since' must be before 'until'")
        }
        try request.configuration.validate()
    }

    /// The stored run with this id.
    /// - Throws: ``ClusteringStageError/notFound(_:)``.
    package func run(id: String) async throws -> ClusteringRun {
        guard let stored = try await self.runs.run(kind: Self.runKind, id: id) else {
            throw ClusteringStageError.notFound("no clustering \(id.echoed())")
        }
        var run = try JSONDecoder.iso8601.decode(ClusteringRun.self, from: stored.body)
        run.clusteringID = stored.id
        return run
    }

    /// One cluster of a stored run.
    package func cluster(runID: String, clusterID: String) async throws -> FailureCluster {
        let run = try await self.run(id: runID)
        guard let cluster = run.cluster(clusterID) else {
            throw ClusteringStageError.notFound(run.missingClusters([clusterID]))
        }
        return cluster
    }

    /// A page of a cluster's member experiences, in the cluster's member order.
    package func members(runID: String, clusterID: String, offset: Int, limit: Int) async throws -> MembersPage {
        guard offset >= 0 else { throw ClusteringStageError.invalid("'offset' must be at least 0") }
        let pageLimit = ClusteringLimits.membersPage
        guard pageLimit.contains(limit) else {
            throw ClusteringStageError.invalid(
                "'limit' must be between \(pageLimit.lowerBound) and \(pageLimit.upperBound), got \(limit)")
        }
        let cluster = try await self.cluster(runID: runID, clusterID: clusterID)
        let ids = Array(cluster.memberIDs.dropFirst(offset).prefix(limit))
        let experiences = try await self.store.experiences(ids: ids)
        let next = offset + ids.count < cluster.memberIDs.count ? offset + ids.count : nil
        return MembersPage(
            clusteringID: runID, clusterID: clusterID, total: cluster.memberIDs.count, offset: offset, limit: limit,
            nextOffset: next, memberIDs: ids, experiences: experiences)
    }
}

/// A page of member experiences.
package struct MembersPage: Sendable, Hashable, Codable {
    package var clusteringID: String
    package var clusterID: String
    package var total: Int
    package var offset: Int
    package var limit: Int
    /// The offset of the next page, or `null` on the last.
    package var nextOffset: Int?
    /// The page's member ids, in member order, also those whose experience is no longer in the store.
    package var memberIDs: [String]
    package var experiences: [Experience]

    enum CodingKeys: String, CodingKey {
        case clusteringID = "clustering_id"
        case clusterID = "cluster_id"
        case total, offset, limit
        case nextOffset = "next_offset"
        case memberIDs = "member_ids"
        case experiences
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.clusteringID, forKey: .clusteringID)
        try container.encode(self.clusterID, forKey: .clusterID)
        try container.encode(self.total, forKey: .total)
        try container.encode(self.offset, forKey: .offset)
        try container.encode(self.limit, forKey: .limit)
        try container.encode(self.nextOffset, forKey: .nextOffset)
        try container.encode(self.memberIDs, forKey: .memberIDs)
        try container.encode(self.experiences, forKey: .experiences)
    }
}
