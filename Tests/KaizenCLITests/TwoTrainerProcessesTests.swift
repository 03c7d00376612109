import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Two `kaizen serve rl-trainer` processes on one SQLite store, as the README allows: identical submissions through
/// both get one job, and a cancel through one stops the job whichever runs it.
@Suite(.timeLimit(.minutes(10)))
struct TwoTrainerProcessesTests {
    static func send(_ method: String, _ url: String, body: Data? = nil) async throws -> (Int, [String: Any]) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        let object = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, object)
    }

    @Test func identicalSubmissionsThroughTwoProcessesGetOneJobAndACancelReachesIt() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try await LoggedInteractions.setUp(kaizen)
        var trainers: [ServedKaizen] = []
        defer {
            for trainer in trainers { trainer.stop() }
        }
        for _ in 0..<2 {
            trainers.append(try await ServedKaizen.start(kaizen, ["rl-trainer"]))
        }
        let ports = trainers.map(\.port)
        // A long job over the logged failures (e0, e1, e3, e4, ...), so it is still active while the rest arrive; its
        // candidate is admissible (a target, and the base prompt with the patch appended).
        let members = (0..<48).filter { $0 % 3 != 2 }.map { "\"e\($0)\"" }.joined(separator: ", ")
        let body = Data(
            #"""
            {"base_prompt_id": "p_v1_1", "steps": 2000, "group_size": 4, "batch_size": 8, "clusters": [{"cluster": {"cluster_id": "cluster_1",
             "size": 32, "member_ids": [\#(members)]}, "candidates": [{"patch_id": "p1",
             "patch_text": "Only answer from the context.", "targets": ["hallucination"],
             "prompt_text": "SYSTEM: You are a support assistant. Answer the customer's question. Only answer from the context."}]}]}
            """#.utf8)
        let ids = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<10 {
                group.addTask {
                    let (status, object) = try await Self.send(
                        "POST", "http://127.0.0.1:\(ports[index % 2])/api/v1/train", body: body)
                    #expect(status == 202 || status == 200, "\(object)")
                    return object["job_id"] as? String
                }
            }
            return try await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(ids.count == 10 && ids.allSatisfy { $0 != nil })
        let jobIDs = Set(ids.compactMap { $0 })
        #expect(jobIDs.count == 1, "\(jobIDs)")
        let jobID = try #require(jobIDs.first)

        let (status, cancelled) = try await Self.send("DELETE", "http://127.0.0.1:\(ports[1])/api/v1/train/\(jobID)")
        #expect(status == 202, "\(cancelled)")
        #expect(cancelled["state"] as? String == "cancelled", "\(cancelled)")
        for port in ports {
            let (_, job) = try await Self.send("GET", "http://127.0.0.1:\(port)/api/v1/train/\(jobID)")
            #expect(job["state"] as? String == "cancelled", "\(job)")
        }
    }
}
