import Experiences
import FailureClustering
import Foundation
import PatchGeneration
import Prompts

/// Resolves what the patch stages take by reference: a prompt id to its text, a (clustering id, cluster id) to the
/// cluster's evidence, with each representative's context and reference looked up in the store so the verifier
/// and the measured check can replay it.
package struct StageInputs: Sendable {
    let registry: PromptRegistry
    let clustering: ClusteringStage?
    let store: (any ExperienceStore)?
    /// Version files already read: a rank or a generation naming `prompt_id` read and decoded its file on every
    /// request (4% of a ranker request, issue 14). A file changed on disk is read again (``PromptFileCache``).
    package let files = PromptFileCache()
    /// Representatives' stored parts already looked up, by experience id: a stored experience never changes
    /// (``ExperienceStore/insert(_:)`` leaves known ids untouched), and the generator and ranker meet the same
    /// cluster's representatives request after request, where the store's look-up was a seventh of a ranker
    /// request's CPU (issue 14). At most 1,024 entries (a hundred clusters of 10 representatives) of at most
    /// ``largestRememberedParts`` bytes each: 16 MB at worst.
    let storedParts = BoundedCache<String, StoredParts>(capacity: 1024)
    /// The most a remembered representative's parts hold (``StoredParts/textBytes``).
    static let largestRememberedParts = 16 * 1024

    package init(registry: PromptRegistry, clustering: ClusteringStage? = nil, store: (any ExperienceStore)? = nil) {
        self.registry = registry
        self.clustering = clustering
        self.store = store
    }

    /// The prompt text: `text` when given, else the registry's text for `id`.
    /// - Throws: ``StageInputError`` when neither is given, or the id is malformed or unknown.
    package func promptText(id: String?, text: String?) throws -> String {
        if let text { return text }
        guard let id else { throw StageInputError.invalid("one of 'prompt_id' or 'prompt_text' is required") }
        do {
            guard let parsed = PromptID(id) else { throw RegistryError.invalidID(id) }
            return try self.files.version(parsed, in: self.registry).version.text
        } catch let error as RegistryError where error.isNotFound {
            throw StageInputError.notFound(error.description)
        } catch let error as RegistryError where error.isInvalidID {
            throw StageInputError.invalid(error.description)
        }
    }

    /// The cluster: `inline` when given, else cluster `clusterID` of stored run `clusteringID`; representatives are
    /// completed from the store where they lack context or reference.
    package func cluster(
        inline: ClusterEvidence?, clusteringID: String?, clusterID: String?
    ) async throws
        -> ClusterEvidence
    {
        var evidence: ClusterEvidence
        if let inline {
            try Self.checkBounds(inline)
            evidence = inline
        } else {
            guard let clusteringID, let clusterID else {
                throw StageInputError.invalid("give 'cluster' inline, or 'clustering_id' and 'cluster_id'")
            }
            guard let clustering = self.clustering else {
                throw StageInputError.invalid("this service has no clustering store; send the cluster inline")
            }
            do {
                evidence = try ClusterEvidence(
                    clusterJSONOf: try await clustering.cluster(runID: clusteringID, clusterID: clusterID))
            } catch let error as ClusteringStageError {
                throw StageInputError.notFound(error.description)
            }
        }
        return try await self.completed(evidence)
    }

    /// An inline cluster holds at most what a clustering makes (``ClusteringLimits``), and its figures are what a
    /// clustering reports: 12,000 inline representatives kept a generator busy for 39 s, and a share of -5 put
    /// "-500% of failures" into an explanation.
    /// - Throws: ``StageInputError/invalid(_:)`` naming the field.
    static func checkBounds(_ cluster: ClusterEvidence) throws {
        let representatives = ClusteringLimits.representativeCount.upperBound
        guard cluster.representatives.count <= representatives else {
            throw StageInputError.invalid(
                "cluster.representatives holds \(cluster.representatives.count) items; a clustering gives at most \(representatives)"
            )
        }
        let terms = ClusteringLimits.topTermCount.upperBound
        guard cluster.topTerms.count <= terms else {
            throw StageInputError.invalid(
                "cluster.top_terms holds \(cluster.topTerms.count) items; a clustering gives at most \(terms)")
        }
        let members = ClusteringLimits.failures.upperBound
        guard cluster.memberIDs.count <= members else {
            throw StageInputError.invalid(
                "cluster.member_ids holds \(cluster.memberIDs.count) ids; a clustering has at most \(members) members")
        }
        guard (0...1).contains(cluster.share) else {
            throw StageInputError.invalid("cluster.share must be between 0 and 1 (the cluster's share of the failures)")
        }
        guard (0...1).contains(cluster.severity) else {
            throw StageInputError.invalid("cluster.severity must be between 0 and 1 (the members' mean loss)")
        }
    }

    /// Fills representatives' context, reference and metadata from the store, when it has them.
    package func completed(_ cluster: ClusterEvidence) async throws -> ClusterEvidence {
        guard let store = self.store else { return cluster }
        let missing = cluster.representatives.filter { $0.context == nil || $0.reference == nil }.map(\.id)
        guard !missing.isEmpty else { return cluster }
        var found: [String: StoredParts] = [:]
        var unknown: [String] = []
        for id in missing {
            if let parts = self.storedParts.value(for: id) { found[id] = parts } else { unknown.append(id) }
        }
        if !unknown.isEmpty {
            for experience in try await store.experiences(ids: unknown) where found[experience.id] == nil {
                let parts = StoredParts(experience)
                found[experience.id] = parts
                if parts.textBytes <= Self.largestRememberedParts {
                    self.storedParts.remember(parts, for: experience.id)
                }
            }
        }
        var cluster = cluster
        for index in cluster.representatives.indices {
            guard let parts = found[cluster.representatives[index].id] else { continue }
            cluster.representatives[index].context = cluster.representatives[index].context ?? parts.context
            cluster.representatives[index].reference = cluster.representatives[index].reference ?? parts.reference
            if cluster.representatives[index].metadata.isEmpty {
                cluster.representatives[index].metadata = parts.metadata
            }
        }
        return cluster
    }
}

/// What completing a representative takes from its stored experience.
struct StoredParts: Sendable {
    var context: String?
    var reference: String?
    var metadata: [String: JSONValue]

    init(_ experience: Experience) {
        self.context = experience.context
        self.reference = experience.reference
        self.metadata = experience.metadata
    }

    /// About how many bytes it holds: its context's and reference's UTF-8 and its metadata's JSON.
    var textBytes: Int {
        let metadata = self.metadata.isEmpty ? 0 : (try? JSONEncoder().encode(self.metadata).count) ?? .max
        return (self.context?.utf8.count ?? 0) + (self.reference?.utf8.count ?? 0) + metadata
    }
}

extension ClusterEvidence {
    /// The evidence in a clustering stage's cluster: the two stages meet only in JSON, which ``ClusterEvidence``
    /// decodes.
    package init(clusterJSONOf cluster: some Encodable) throws {
        self = try JSONDecoder().decode(ClusterEvidence.self, from: JSONEncoder().encode(cluster))
    }
}
