import Foundation
import PatchGeneration
import PatchRanking
import PromptTraining
import Stages

/// Everything one pipeline run did, for the summary and the report.
package struct PipelineRun: Sendable, Codable {
    package var basePromptID: String
    package var seed: UInt64
    package var startedAt: Date
    package var finishedAt: Date
    /// `nil` when there were too few failures to cluster.
    package var clustering: ClusteringRun?
    /// The clusters patched, with their candidates and ranking.
    package var targets: [TargetedCluster]
    /// Clusters left alone, and why.
    package var skipped: [SkippedCluster]
    /// `nil` when nothing was worth training.
    package var job: TrainingJob?
    /// One sentence: what happened.
    package var summary: String

    package struct TargetedCluster: Sendable, Codable {
        package var clusterID: String
        package var generation: PatchGenerationResult
        package var ranking: RankResult

        enum CodingKeys: String, CodingKey {
            case clusterID = "cluster_id"
            case generation, ranking
        }
    }

    package struct SkippedCluster: Sendable, Codable {
        package var clusterID: String
        package var reason: String

        enum CodingKeys: String, CodingKey {
            case clusterID = "cluster_id"
            case reason
        }
    }

    /// The version written, if any.
    package var writtenPromptID: String? { self.job?.result?.promptID }

    enum CodingKeys: String, CodingKey {
        case basePromptID = "base_prompt_id"
        case seed
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case clustering, targets, skipped, job, summary
    }
}
