/// How many training jobs one trainer service runs at once and holds waiting: a job is CPU and model time for
/// minutes to hours, so past these a submission is refused (503 with `Retry-After`) instead of starting yet another
/// job beside the others (50 jobs submitted at once all ran at once before).
package struct TrainingJobCapacity: Sendable, Hashable {
    /// Jobs running at once; the rest wait `queued`, first come first served.
    package var running: Int
    /// Jobs waiting beyond those running; a submission past `running + queued` active jobs is refused.
    package var queued: Int

    /// The service's default: two running (one per core of a small machine), sixteen waiting.
    package static let standard = TrainingJobCapacity(running: 2, queued: 16)
    /// Seconds a refused client is told to wait before submitting again (`Retry-After`).
    package static let retryAfterSeconds = 30

    package init(running: Int, queued: Int) {
        precondition(running >= 1 && queued >= 0, "a trainer runs at least one job and queues none or more")
        self.running = running
        self.queued = queued
    }

    /// Active (running or queued) jobs the service holds at most.
    package var active: Int { self.running + self.queued }
}
