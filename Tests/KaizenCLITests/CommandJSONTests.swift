import Foundation
import Testing

/// The JSON the commands print has snake_case keys, as the services' answers do.
struct CommandJSONTests {
    /// Keys of a decoded JSON document written in camelCase (a lowercase letter or digit, then an uppercase one), with
    /// their paths; `metadata` holds the caller's data, and keys such as `(unlabelled)` in a count table are data.
    static func camelCaseKeys(in value: Any, path: String = "") -> [String] {
        if let object = value as? [String: Any] {
            return object.sorted { $0.key < $1.key }.flatMap { key, child -> [String] in
                let here = path.isEmpty ? key : "\(path).\(key)"
                let own = key.range(of: "[a-z0-9][A-Z]", options: .regularExpression) != nil ? [here] : []
                return own + (key == "metadata" ? [] : Self.camelCaseKeys(in: child, path: here))
            }
        }
        if let array = value as? [Any] {
            return array.enumerated().flatMap { Self.camelCaseKeys(in: $1, path: "\(path)[\($0)]") }
        }
        return []
    }

    @Test func theJSONTheCommandsPrintIsSnakeCase() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try await LoggedInteractions.setUp(kaizen)
        let clustering = try await LoggedInteractions.cluster(kaizen)
        let commands = [
            ["experiences", "stats", "--json"],
            ["cluster", "--prompt-id", "p_v1_1", "-k", "2", "--json"],
            ["patches", "--prompt", "p_v1_1", "--clustering", clustering, "--cluster", "cluster_1", "--json"],
            ["rank", "--prompt", "p_v1_1", "--clustering", clustering, "--cluster", "cluster_1", "--json"],
            ["verify", "logs.jsonl"],
        ]
        for arguments in commands {
            let run = try await kaizen.run(arguments)
            #expect(run.status == 0, "\(arguments): \(run)")
            let documents = arguments[0] == "verify" ? run.stdout.split(separator: "\n").map(String.init) : [run.stdout]
            for document in documents {
                let value = try JSONSerialization.jsonObject(with: Data(document.utf8))
                let offending = Self.camelCaseKeys(in: value)
                #expect(offending.isEmpty, "\(arguments): not snake_case: \(offending.prefix(10))")
            }
        }
    }
}
