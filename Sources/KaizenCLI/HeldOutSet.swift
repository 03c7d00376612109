import Experiences
import PromptTraining
import Stages

/// The held-out experiences a stored training job compared, as a test set for `kaizen eval --held-out-of`.
enum HeldOutSet {
    /// The experiences, in the job's order.
    /// - Throws: ``CommandFailure`` when the job is unknown, unfinished, from before held-out ids were kept, or
    ///   its experiences are no longer in the store.
    static func experiences(
        ofJob jobID: String, runs: any RunStore, store: any ExperienceStore
    ) async throws
        -> [Experience]
    {
        guard let stored = try await runs.run(kind: TrainingJobRecorder.runKind, id: jobID) else {
            throw CommandFailure(
                "no training job \(jobID) in the store; `kaizen train` and `pipeline run` print job ids")
        }
        let job = try TrainingJob(stored)
        guard let evaluation = job.result?.evaluation else {
            throw CommandFailure(
                "training job \(jobID) has no held-out comparison (its state is \(job.state.rawValue))")
        }
        guard !evaluation.experienceIDs.isEmpty else {
            throw CommandFailure(
                "training job \(jobID) was stored before held-out ids were kept; evaluate on a --data file instead")
        }
        let found = try await store.experiences(ids: evaluation.experienceIDs)
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = evaluation.experienceIDs.filter { byID[$0] == nil }
        guard missing.isEmpty else {
            throw CommandFailure(
                "\(missing.count) of training job \(jobID)'s \(evaluation.experienceIDs.count) held-out experiences are "
                    + "no longer in the store (first: \(missing[0]))")
        }
        return evaluation.experienceIDs.compactMap { byID[$0] }
    }
}
