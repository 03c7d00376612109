import Foundation
import Testing

/// Four `kaizen serve rl-trainer` processes on one PostgreSQL schema, as four machines would run them: jobs submitted
/// through any of them are shared out, each runs once, and the versions they write are distinct and consecutive.
@Suite(
    .timeLimit(.minutes(10)), .enabled(if: TrainerWorkersDatabase.baseURL != nil, TrainerWorkersDatabase.skipNote))
struct FourTrainerProcessesTests {
    /// The patch each of the six jobs offers: six wordings of one rule, so each job trains its own prompt (the gate
    /// writes no second copy of a text the family already has).
    static let patches = [
        "Only answer from the context.", "Answer only from the context.", "Use only the context to answer.",
        "Only use facts from the context.", "Answer from the context alone.", "Rely only on the context.",
    ]

    /// A short job over the logged failures (e0, e1, e3, e4, ...) that writes a version: half held out (the gate's
    /// minimum of 20) and any gain accepted (`min_gain` -1); `seed` makes each request, and so each job, distinct,
    /// and picks its patch.
    static func request(seed: Int) -> Data {
        let members = (0..<48).filter { $0 % 3 != 2 }.map { "\"e\($0)\"" }.joined(separator: ", ")
        let patch = Self.patches[seed % Self.patches.count]
        return Data(
            #"""
            {"base_prompt_id": "p_v1_1", "seed": \#(seed), "steps": 2, "group_size": 2, "batch_size": 4, "held_out_fraction": 0.5, "min_gain": -1,
             "clusters": [{"cluster": {"cluster_id": "cluster_1", "size": 32, "member_ids": [\#(members)]},
             "candidates": [{"patch_id": "p1", "patch_text": "\#(patch)", "targets": ["hallucination"],
             "prompt_text": "SYSTEM: You are a support assistant. Answer the customer's question. \#(patch)"}]}]}
            """#.utf8)
    }

    /// Polls every job through another process than the one it was submitted to until none is queued or running.
    static func finished(_ ids: [String], trainers: [ServedKaizen]) async throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(480)
        while true {
            var jobs: [[String: Any]] = []
            for (index, id) in ids.enumerated() {
                let (_, job) = try await TwoTrainerProcessesTests.send(
                    "GET", trainers[(index + 1) % trainers.count].url("/api/v1/train/\(id)"))
                jobs.append(job)
            }
            let active = jobs.filter { ["queued", "running"].contains($0["state"] as? String) }
            if active.isEmpty || Date() > deadline { return jobs }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    @Test func sixJobsOverFourWorkersRunOnceEachAndWriteConsecutiveVersions() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let environment = [
            "KAIZEN_DATABASE_URL": try TrainerWorkersDatabase.freshSchemaURL(), "KAIZEN_LOG_LEVEL": "info",
        ]
        try await LoggedInteractions.setUp(kaizen, environment: environment)
        var trainers: [ServedKaizen] = []
        defer {
            for trainer in trainers { trainer.stop() }
        }
        for index in 0..<4 {
            trainers.append(
                try await ServedKaizen.start(
                    kaizen, ["rl-trainer"], environment: environment, log: "trainer-\(index).log"))
        }
        let submitted = trainers
        let ids = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
            for seed in 0..<6 {
                group.addTask {
                    let (status, object) = try await TwoTrainerProcessesTests.send(
                        "POST", submitted[seed % submitted.count].url("/api/v1/train"), body: Self.request(seed: seed))
                    #expect(status == 202, "\(object)")
                    return (seed, object["job_id"] as? String)
                }
            }
            return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        let jobIDs = try (0..<6).map { try #require(ids[$0], "job \($0) was not accepted") }
        #expect(Set(jobIDs).count == 6, "\(jobIDs)")

        let jobs = try await Self.finished(jobIDs, trainers: trainers)
        for job in jobs {
            #expect(job["state"] as? String == "completed", "\(job)")
            #expect((job["result"] as? [String: Any])?["outcome"] as? String == "written", "\(job)")
        }
        let written = jobs.compactMap { ($0["result"] as? [String: Any])?["prompt_id"] as? String }
        #expect(written.sorted() == (2...7).map { "p_v1_\($0)" }, "\(written)")
        let files = try FileManager.default.contentsOfDirectory(atPath: kaizen.path("prompt_registry")).sorted()
        #expect(files == (1...7).map { "p_v1_\($0).json" }, "\(files)")

        // Each job ran in exactly one process: its completion is logged once, by one of the four.
        for trainer in trainers { try await trainer.stopped() }
        let logs = try (0..<4).map { try String(contentsOfFile: kaizen.path("trainer-\($0).log"), encoding: .utf8) }
        for id in jobIDs {
            let completions = logs.map { log in
                log.split(separator: "\n").filter { $0.contains("Training job completed") && $0.contains(id) }.count
            }
            #expect(completions.reduce(0, +) == 1, "\(id) completed \(completions) times per process")
        }
    }
}
