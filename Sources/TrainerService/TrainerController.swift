import Experiences
import Foundation
import HTTPSupport
import HTTPTypes
import Hummingbird
import Logging
import PatchGeneration
import PromptTraining
import Prompts
import Stages

/// The RL trainer's routes (8014): training jobs, and registry reads for the deployment agent.
package struct TrainerController: Sendable {
    /// Looks up cluster `cluster_id` of stored clustering run `clustering_id`; throws an ``APIError`` (404) for an
    /// unknown id. The trainer does not own the clustering runs, so whoever assembles the service passes this in.
    package typealias ClusterLookup =
        @Sendable (_ clusteringID: String, _ clusterID: String) async throws -> ClusterEvidence

    let jobs: TrainingJobs
    let registry: PromptRegistry
    let watch: LatestPromptWatch
    let lookUpCluster: ClusterLookup?

    /// - Parameters:
    ///   - lookUpCluster: resolves clusters a request names by `clustering_id` + `cluster_id`; without it, such a
    ///     request is a 422 that asks for the cluster inline.
    ///   - watchInterval: how often a long poll on `/api/v1/prompts/latest` reads the registry.
    package init(
        jobs: TrainingJobs, registry: PromptRegistry, lookUpCluster: ClusterLookup? = nil,
        watchInterval: Duration = .milliseconds(250)
    ) {
        self.jobs = jobs
        self.registry = registry
        self.lookUpCluster = lookUpCluster
        self.watch = LatestPromptWatch(registry: registry, interval: watchInterval)
    }

    package var routes: ServiceRoutes {
        ServiceRoutes(paths: TrainerAPI.paths, schemas: TrainerAPI.schemas) { router in
            router.post("api/v1/train", use: self.train)
            router.get("api/v1/train/:id", use: self.job)
            router.delete("api/v1/train/:id", use: self.cancel)
            router.get("api/v1/prompts", use: self.prompts)
            router.get("api/v1/prompts/latest", use: self.latest)
            router.get("api/v1/prompts/:id", use: self.prompt)
        }
    }

    @Sendable func train(
        _ request: Request, context: ServiceRequestContext
    ) async throws -> EncodedResponse<TrainingJob> {
        var body = try await request.decodeJSON(as: TrainingRequest.self, context: context)
        for index in body.clusters.indices where body.clusters[index].isReference {
            guard let lookUpCluster = self.lookUpCluster, let clusteringID = body.clusters[index].clusteringID else {
                throw APIError.unprocessable("this service cannot read stored clusterings; send each cluster inline")
            }
            body.clusters[index].resolve(try await lookUpCluster(clusteringID, body.clusters[index].cluster.clusterID))
        }
        let job = try await self.jobs.start(body)
        if body.wait == true, let finished = await self.jobs.waitForCompletion(job.jobID) {
            return EncodedResponse(finished, status: .ok)
        }
        return EncodedResponse(job, status: .accepted)
    }

    @Sendable func job(_ request: Request, context: ServiceRequestContext) async throws -> EncodedResponse<TrainingJob>
    {
        let id = try context.parameters.require("id")
        guard let job = try await self.jobs.job(id) else { throw APIError.notFound("no training job \(id.echoed())") }
        return EncodedResponse(job)
    }

    @Sendable func cancel(
        _ request: Request, context: ServiceRequestContext
    ) async throws -> EncodedResponse<TrainingJob> {
        let id = try context.parameters.require("id")
        guard let before = try await self.jobs.job(id) else {
            throw APIError.notFound("no training job \(id.echoed())")
        }
        guard before.state.isActive else {
            throw APIError(.conflict, "training job \(id) already ended (\(before.state.rawValue))")
        }
        guard let job = try await self.jobs.cancel(id) else {
            throw APIError.notFound("no training job \(id.echoed())")
        }
        return EncodedResponse(job, status: .accepted)
    }

    struct PromptList: ResponseEncodable {
        var prompts: [PromptSummary]
        /// Version files that could not be read; they are left out of `prompts`.
        var unreadable: [UnreadableVersion]
    }

    struct PromptSummary: Codable, Sendable {
        var promptID: String
        var version: Int
        var family: Int
        var source: String
        var metadata: [String: JSONValue]

        enum CodingKeys: String, CodingKey {
            case promptID = "prompt_id"
            case version, family, source, metadata
        }
    }

    @Sendable func prompts(_ request: Request, context: ServiceRequestContext) async throws -> PromptList {
        let family = try Self.family(request)
        let listing = try self.registry.listing()
        for file in listing.unreadable {
            context.logger.warning(
                "Skipped an unreadable prompt version", metadata: ["file": "\(file.file)", "reason": "\(file.reason)"])
        }
        return PromptList(
            prompts: listing.versions.filter { family == nil || $0.id.family == family }.map { version in
                PromptSummary(
                    promptID: version.id.description, version: version.version, family: version.id.family,
                    source: version.source, metadata: version.metadata)
            },
            unreadable: listing.unreadable)
    }

    /// Names the version files `/latest` skipped because they could not be read (the body is the version file, so
    /// a header carries this).
    package static let unreadableHeader = HTTPField.Name("Kaizen-Unreadable-Versions")!

    /// The newest version with its entity tag; `If-None-Match` with that tag gives 304, and `wait=S` holds the
    /// request up to S seconds until a version the tag does not name exists (the deployment agent's long poll).
    @Sendable func latest(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let family = try Self.family(request)
        let wait = try Self.wait(request)
        let ifNoneMatch = request.headers[.ifNoneMatch]
        let latest: (version: PromptFileCache.Entry?, skipped: [UnreadableVersion])
        latest = try await self.watch.latest(family: family, ifNoneMatch: ifNoneMatch, wait: .seconds(wait))
        for file in latest.skipped {
            context.logger.warning(
                "Skipped an unreadable prompt version", metadata: ["file": "\(file.file)", "reason": "\(file.reason)"])
        }
        guard let entry = latest.version else {
            let skipped =
                latest.skipped.isEmpty ? "" : "; unreadable: \(latest.skipped.map(\.file).joined(separator: ", "))"
            throw APIError.notFound(
                (family.map { "no prompt versions in family \($0)" } ?? "the registry is empty") + skipped)
        }
        let tag = LatestPromptWatch.entityTag(entry.version.id)
        var response =
            if let ifNoneMatch, LatestPromptWatch.header(ifNoneMatch, matches: tag) {
                Response(status: .notModified, headers: [.eTag: tag])
            } else {
                Self.file(entry.version, contents: entry.contents)
            }
        response.headers[.cacheControl] = "no-cache"
        if !latest.skipped.isEmpty {
            response.headers[Self.unreadableHeader] = latest.skipped.map(\.file).joined(separator: ", ")
        }
        return response
    }

    /// The `wait` query parameter: whole seconds, 0 (the default) to ``LatestPromptWatch/maximumWait``.
    static func wait(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters["wait"] else { return 0 }
        guard let seconds = Int(text), (0...LatestPromptWatch.maximumWait).contains(seconds) else {
            throw APIError.unprocessable(
                "query parameter 'wait' must be a whole number of seconds from 0 to \(LatestPromptWatch.maximumWait)")
        }
        return seconds
    }

    @Sendable func prompt(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let version: PromptVersion
        do {
            version = try self.registry.version(named: id)
        } catch let error as RegistryError where error.isInvalidID {
            throw APIError.unprocessable("'\(id.echoed())' is not a prompt id (expected p_v<family>_<version>)")
        } catch let error as RegistryError where error.isNotFound {
            throw APIError.notFound("no prompt version \(id.echoed())")
        }
        return Self.file(version)
    }

    /// The version exactly as its file is written, tagged with its id (versions never change).
    static func file(_ version: PromptVersion, contents: Data? = nil) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: jsonContentType, .eTag: LatestPromptWatch.entityTag(version.id)],
            body: .init(byteBuffer: ByteBuffer(bytes: contents ?? version.fileContents())))
    }

    static func family(_ request: Request) throws -> Int? {
        guard let text = request.uri.queryParameters["family"] else { return nil }
        guard let family = Int(text), family >= 1 else {
            throw APIError.unprocessable("query parameter 'family' must be a positive integer")
        }
        return family
    }

}
