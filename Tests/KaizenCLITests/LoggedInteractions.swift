import Foundation
import Testing

/// A store with interactions logged under `p_v1_1`: failures of two kinds (an invented fact, a refusal) and
/// successes, enough to cluster and to run the pipeline on.
enum LoggedInteractions {
    /// - Parameter environment: for the `kaizen` commands, e.g. a `KAIZEN_DATABASE_URL` naming PostgreSQL.
    static func setUp(_ kaizen: KaizenExecutable, environment: [String: String] = [:]) async throws {
        var lines: [String] = []
        let context = "Refunds are accepted within 30 days of delivery. Shipping costs are not refunded."
        for index in 0..<48 {
            let response: String
            let success: Bool
            switch index % 3 {
            case 0: (response, success) = ("Refunds are accepted within 90 days, including shipping costs.", false)
            case 1: (response, success) = ("I am sorry, I cannot help with refunds.", false)
            default: (response, success) = ("Refunds are accepted within 30 days of delivery.", true)
            }
            let object: [String: Any] = [
                "id": "e\(index)", "prompt_id": "p_v1_1", "input": "How long do I have to return order \(index)?",
                "context": context, "response": response, "reference": "30 days", "success": success,
            ]
            lines.append(
                String(
                    decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self))
        }
        try kaizen.write("logs.jsonl", lines.joined(separator: "\n") + "\n")
        let imported = try await kaizen.run(["experiences", "import", "logs.jsonl"], environment: environment)
        try #require(imported.status == 0, "\(imported)")
        try kaizen.write("prompt.txt", "SYSTEM: You are a support assistant. Answer the customer's question.")
        let added = try await kaizen.run(["prompts", "add", "--text-file", "prompt.txt"], environment: environment)
        try #require(added.status == 0, "\(added)")
    }

    /// Clusters the failures of `p_v1_1` into two clusters and returns the run's id.
    static func cluster(_ kaizen: KaizenExecutable) async throws -> String {
        let run = try await kaizen.run(["cluster", "--prompt-id", "p_v1_1", "-k", "2", "--json"])
        try #require(run.status == 0, "\(run)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return try #require(object["clustering_id"] as? String)
    }
}
