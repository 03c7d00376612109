import ChildProcesses
import Foundation
import Testing

/// The PostgreSQL server behind a running `kaizen serve rl-trainer` stops and comes back: meanwhile the requests that
/// need the store answer 503 saying the database is unavailable (and `/health` still answers), afterwards they work
/// again without restarting the service.
@Suite(
    .timeLimit(.minutes(10)),
    .enabled(if: ThrowawayPostgres.binaryFolder != nil, "PostgreSQL's initdb and pg_ctl are not installed"))
struct DatabaseRestartTests {
    static func request(seed: Int) -> Data {
        Data(
            #"""
            {"base_prompt_id": "p_v1_1", "seed": \#(seed), "steps": 1, "group_size": 2, "batch_size": 2,
             "clusters": [{"cluster": {"cluster_id": "cluster_1", "size": 2, "member_ids": ["e0", "e1"]},
             "candidates": [{"patch_id": "p1", "patch_text": "Only answer from the context.", "targets": ["hallucination"],
             "prompt_text": "SYSTEM: You are a support assistant. Answer the customer's question. Only answer from the context."}]}]}
            """#.utf8)
    }

    /// Sends the request until it answers other than 503 (the pool reconnects with a backoff), within two minutes.
    static func onceBack(
        _ method: String, _ url: String, body: Data? = nil
    ) async throws -> (Int, [String: Any]) {
        let deadline = Date().addingTimeInterval(120)
        while true {
            let answer = try await TwoTrainerProcessesTests.send(method, url, body: body)
            if answer.0 != 503 || Date() > deadline { return answer }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    @Test func requestsNeedingTheStoreAnswer503WhileTheDatabaseIsDownAndWorkOnceItIsBack() async throws {
        let postgres = try await ThrowawayPostgres.make()
        let outcome = await Self.outcome { try await Self.stopAndRestart(postgres) }
        await postgres.remove()
        try outcome.get()
    }

    static func outcome(_ body: () async throws -> Void) async -> Result<Void, any Error> {
        do {
            try await body()
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    /// The test proper, on `postgres`, which the caller removes whatever happens.
    static func stopAndRestart(_ postgres: ThrowawayPostgres) async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let environment = ["KAIZEN_DATABASE_URL": postgres.url(timeout: 5)]
        try await LoggedInteractions.setUp(kaizen, environment: environment)
        let trainer = try await ServedKaizen.start(kaizen, ["rl-trainer"], environment: environment)
        defer { trainer.stop() }

        let (unknown, missing) = try await TwoTrainerProcessesTests.send("GET", trainer.url("/api/v1/train/job-none"))
        #expect(unknown == 404, "\(missing)")
        let (queued, job) = try await TwoTrainerProcessesTests.send(
            "POST", trainer.url("/api/v1/train"), body: Self.request(seed: 1))
        #expect(queued == 202, "\(job)")
        let jobID = try #require(job["job_id"] as? String, "\(job)")

        try await postgres.stop()
        for (method, path, body) in [
            ("GET", "/api/v1/train/\(jobID)", nil), ("GET", "/api/v1/train/job-none", nil),
            ("POST", "/api/v1/train", Self.request(seed: 2)),
        ] {
            let (status, answer) = try await TwoTrainerProcessesTests.send(method, trainer.url(path), body: body)
            #expect(status == 503, "\(method) \(path): \(answer)")
            let detail = answer["detail"] as? String ?? ""
            #expect(detail.hasPrefix("the database is unavailable"), "\(method) \(path): \(answer)")
        }
        let (health, _) = try await TwoTrainerProcessesTests.send("GET", trainer.url("/health"))
        #expect(health == 200)
        #expect(trainer.process.isRunning, "the trainer exited while the database was down")

        try await postgres.start()
        let (found, stored) = try await Self.onceBack("GET", trainer.url("/api/v1/train/\(jobID)"))
        #expect(found == 200, "\(stored)")
        #expect(stored["job_id"] as? String == jobID)
        let (stillUnknown, answer) = try await Self.onceBack("GET", trainer.url("/api/v1/train/job-none"))
        #expect(stillUnknown == 404, "\(answer)")
        let (again, second) = try await Self.onceBack(
            "POST", trainer.url("/api/v1/train"), body: Self.request(seed: 2))
        #expect(again == 202, "\(second)")
    }
}
