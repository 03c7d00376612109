import Experiences
import Foundation

extension TrainingJob {
    /// The job as the run store keeps it (kind ``TrainingJobRecorder/runKind``; the state is also a column, for
    /// `markRuns`).
    package func storedRun() throws -> StoredRun {
        StoredRun(
            kind: TrainingJobRecorder.runKind, id: self.jobID, state: self.state.rawValue, createdAt: self.createdAt,
            updatedAt: self.updatedAt, body: try JSONEncoder.sorted.encode(self))
    }

    /// A job read back from the store; the stored id, state and update time win (another process may have marked it
    /// interrupted, its owner's heartbeat renews the time).
    package init(_ stored: StoredRun) throws {
        self = try JSONDecoder.iso8601.decode(TrainingJob.self, from: stored.body)
        self.jobID = stored.id
        self.state = State(rawValue: stored.state) ?? self.state
        self.updatedAt = max(self.updatedAt, stored.updatedAt)
    }
}
