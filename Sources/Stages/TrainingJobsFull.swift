/// A training job refused because the service already holds as many running and queued jobs as its
/// ``TrainingJobCapacity`` allows; nothing was stored. The caller should try again later.
package struct TrainingJobsFull: Error, Sendable, Hashable, CustomStringConvertible {
    /// The capacity that was reached.
    package var capacity: TrainingJobCapacity

    package init(capacity: TrainingJobCapacity) {
        self.capacity = capacity
    }

    package var description: String {
        "the trainer already has \(self.capacity.active) training jobs running or queued (at most \(self.capacity.running) run at once); retry in \(TrainingJobCapacity.retryAfterSeconds) seconds or cancel a job"
    }
}
