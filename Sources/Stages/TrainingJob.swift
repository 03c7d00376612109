import Foundation
import PromptTraining

/// A training job as it is stored and as `GET /api/v1/train/{id}` shows it.
package struct TrainingJob: Sendable, Hashable, Codable {
    package var jobID: String
    package var state: State
    package var createdAt: Date
    package var updatedAt: Date
    package var request: TrainingRequest
    /// Phase, step, rollouts and the reward / KL curve so far.
    package var progress: TrainingProgress?
    /// Set when the job completed.
    package var result: TrainingResult?
    /// Why the job failed, was cancelled or interrupted.
    package var error: String?

    package enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case queued, running, completed, failed, cancelled, interrupted

        /// Whether the job can still change.
        package var isActive: Bool { self == .queued || self == .running }
    }

    package init(
        jobID: String, state: State, createdAt: Date, updatedAt: Date, request: TrainingRequest,
        progress: TrainingProgress?, result: TrainingResult?, error: String?
    ) {
        self.jobID = jobID
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.request = request
        self.progress = progress
        self.result = result
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id"
        case state
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case request, progress, result, error
    }
}
