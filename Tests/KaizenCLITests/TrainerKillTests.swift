import Foundation
import Testing

/// Two `kaizen serve rl-trainer` processes on one store; the one running a job is killed with SIGKILL mid-training
/// (no shutdown, no last write). Once its lease (`KAIZEN_JOB_LEASE`, short here) has run out, the survivor marks the
/// job `interrupted`; the next job writes the next version, and the killed one left no partial file in the registry.
@Suite(.timeLimit(.minutes(10)))
struct TrainerKillTests {
    /// Where the two processes keep their jobs: a SQLite file in the workspace, and PostgreSQL when
    /// `KAIZEN_TEST_DATABASE_URL` names one.
    enum Backend: String, CustomStringConvertible {
        case sqlite, postgres

        static var available: [Backend] { TrainerWorkersDatabase.baseURL == nil ? [.sqlite] : [.sqlite, .postgres] }

        var description: String { self.rawValue }

        func environment() throws -> [String: String] {
            switch self {
            case .sqlite: [:]
            case .postgres: ["KAIZEN_DATABASE_URL": try TrainerWorkersDatabase.freshSchemaURL()]
            }
        }
    }

    /// A job long enough (2000 steps over the logged failures) to be killed while it trains.
    static let longJob = Data(
        #"""
        {"base_prompt_id": "p_v1_1", "steps": 2000, "group_size": 4, "batch_size": 8, "clusters": [{"cluster": {"cluster_id": "cluster_1",
         "size": 32, "member_ids": [\#((0..<48).filter { $0 % 3 != 2 }.map { "\"e\($0)\"" }.joined(separator: ", "))]},
         "candidates": [{"patch_id": "p1", "patch_text": "Only answer from the context.", "targets": ["hallucination"],
         "prompt_text": "SYSTEM: You are a support assistant. Answer the customer's question. Only answer from the context."}]}]}
        """#.utf8)

    /// Polls `condition` every 200 ms for up to `seconds`.
    static func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try await condition()
    }

    @Test(arguments: Backend.available)
    func aTrainerKilledMidJobLeavesItInterruptedAndTheNextJobWritesTheNextVersion(_ backend: Backend) async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let environment = try backend.environment().merging(["KAIZEN_JOB_LEASE": "12", "KAIZEN_LOG_LEVEL": "info"]) {
            $1
        }
        try await LoggedInteractions.setUp(kaizen, environment: environment)
        var trainers: [ServedKaizen] = []
        defer {
            for trainer in trainers { trainer.stop() }
        }
        for index in 0..<2 {
            trainers.append(
                try await ServedKaizen.start(
                    kaizen, ["rl-trainer"], environment: environment, log: "trainer-\(index).log"))
        }
        let (status, job) = try await TwoTrainerProcessesTests.send(
            "POST", trainers[0].url("/api/v1/train"), body: Self.longJob)
        #expect(status == 202, "\(job)")
        let jobID = try #require(job["job_id"] as? String, "\(job)")

        // The process whose log says it started the job runs it; kill it once training has taken a step.
        var runner: Int?
        let training = try await Self.eventually(120) {
            runner = (0..<2).first { index in
                let log = (try? String(contentsOfFile: kaizen.path("trainer-\(index).log"), encoding: .utf8)) ?? ""
                return log.split(separator: "\n").contains { $0.contains("Training job started") && $0.contains(jobID) }
            }
            // Asked of the runner, whose progress is live; another process sees it only at the runner's next
            // heartbeat, and a short job can be done by then.
            guard let runner else { return false }
            let (_, stored) = try await TwoTrainerProcessesTests.send(
                "GET", trainers[runner].url("/api/v1/train/\(jobID)"))
            let step = (stored["progress"] as? [String: Any])?["step"] as? Int ?? 0
            return stored["state"] as? String == "running" && step > 0
        }
        let killed = try #require(runner, "no process started \(jobID)")
        #expect(training, "\(jobID) never took a training step")
        try await trainers[killed].killed()
        let survivor = trainers[1 - killed]

        // Within the short lease and a few heartbeats. (12 s, not 6 s: a live runner's heartbeat once came more than
        // 6 s late on CI's two busy cores, so its job was taken for dead before it trained.)
        var state: String?
        let interrupted = try await Self.eventually(45) {
            let (_, stored) = try await TwoTrainerProcessesTests.send("GET", survivor.url("/api/v1/train/\(jobID)"))
            state = stored["state"] as? String
            return state == "interrupted"
        }
        #expect(interrupted, "\(jobID) is \(state ?? "missing") 45 s after its owner was killed")

        let (queued, next) = try await TwoTrainerProcessesTests.send(
            "POST", survivor.url("/api/v1/train"), body: FourTrainerProcessesTests.request(seed: 0))
        #expect(queued == 202, "\(next)")
        let nextID = try #require(next["job_id"] as? String, "\(next)")
        var result: [String: Any] = [:]
        let finished = try await Self.eventually(240) {
            (_, result) = try await TwoTrainerProcessesTests.send("GET", survivor.url("/api/v1/train/\(nextID)"))
            return !["queued", "running"].contains(result["state"] as? String)
        }
        #expect(finished && result["state"] as? String == "completed", "\(result)")
        #expect((result["result"] as? [String: Any])?["prompt_id"] as? String == "p_v1_2", "\(result)")
        let files = try FileManager.default.contentsOfDirectory(atPath: kaizen.path("prompt_registry")).sorted()
        #expect(files == ["p_v1_1.json", "p_v1_2.json"], "\(files)")
    }
}
