import Foundation
import Testing

/// A prompt id or family that does not exist is named as such, instead of "too few failures", "nothing to fix" or a
/// silently started family.
struct UnknownPromptTests {
    @Test func aFamilyNumberThatDoesNotExistNeedsNewFamily() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try kaizen.write("prompt.txt", "SYSTEM: Answer from the context.")
        #expect(try await kaizen.run(["prompts", "add", "--text-file", "prompt.txt"]).stdout.contains("p_v1_1.json"))

        let typo = try await kaizen.run(["prompts", "add", "--text-file", "prompt.txt", "--family", "7"])
        #expect(typo.status == 1, "\(typo)")
        #expect(typo.stderr.hasPrefix("error: family 7 does not exist (existing: 1); pass --new-family"), "\(typo)")
        #expect(!FileManager.default.fileExists(atPath: kaizen.path("prompt_registry/p_v7_1.json")))

        let started = try await kaizen.run([
            "prompts", "add", "--text-file", "prompt.txt", "--family", "7", "--new-family",
        ])
        #expect(started.status == 0, "\(started)")
        #expect(FileManager.default.fileExists(atPath: kaizen.path("prompt_registry/p_v7_1.json")))

        let next = try await kaizen.run(["prompts", "add", "--text-file", "prompt.txt", "--family", "1"])
        #expect(next.status == 0, "\(next)")
        #expect(FileManager.default.fileExists(atPath: kaizen.path("prompt_registry/p_v1_2.json")))

        let again = try await kaizen.run([
            "prompts", "add", "--text-file", "prompt.txt", "--family", "1", "--new-family",
        ])
        #expect(again.status == 1, "\(again)")
        #expect(again.stderr.contains("family 1 already exists"), "\(again)")

        let alone = try await kaizen.run(["prompts", "add", "--text-file", "prompt.txt", "--new-family"])
        #expect(alone.status == 64, "\(alone)")
        #expect(alone.stderr.hasPrefix("error: --new-family needs --family N"), "\(alone)")
    }

    @Test func anUnloggedPromptIsNamedByClusterAndPipeline() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try await LoggedInteractions.setUp(kaizen)
        let cluster = try await kaizen.run(["cluster", "--prompt-id", "p_v9_9"])
        #expect(cluster.status == 1, "\(cluster)")
        #expect(cluster.stderr.hasPrefix("error: no interactions are logged under prompt p_v9_9"), "\(cluster)")
        #expect(cluster.stderr.contains("not in the registry"), "\(cluster)")
        #expect(cluster.stderr.contains("logged: p_v1_1"), "\(cluster)")
        #expect(!cluster.stderr.contains("too few"), "\(cluster)")

        try kaizen.write("second.txt", "SYSTEM: A second family.")
        _ = try await kaizen.run(["prompts", "add", "--text-file", "second.txt"])
        let pipeline = try await kaizen.run(["pipeline", "run", "--base", "p_v2_1"])
        #expect(pipeline.status == 1, "\(pipeline)")
        #expect(pipeline.stderr.hasPrefix("error: no interactions are logged under prompt p_v2_1"), "\(pipeline)")
        #expect(pipeline.stderr.contains("it is in the registry, but nothing has served it yet"), "\(pipeline)")
        #expect(!pipeline.stdout.contains("nothing to fix"), "\(pipeline)")
    }

    /// `latest` names the newest version, as `GET /api/v1/prompts/latest` serves it (a scheduled
    /// `pipeline run --base latest` improves what the online side loads), and an empty registry says it has none.
    @Test func latestNamesTheNewestVersion() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let empty = try await kaizen.run(["prompts", "show", "latest"])
        #expect(empty.status == 1, "\(empty)")
        #expect(empty.stderr.hasPrefix("error: the registry ") && empty.stderr.contains("holds no prompt version"))

        try await LoggedInteractions.setUp(kaizen)
        #expect(try await kaizen.run(["prompts", "show", "latest"]).stdout.contains(#""prompt_id": "p_v1_1""#))
        try kaizen.write("second.txt", "SYSTEM: A second family.")
        _ = try await kaizen.run(["prompts", "add", "--text-file", "second.txt"])
        #expect(try await kaizen.run(["prompts", "show", "latest"]).stdout.contains(#""prompt_id": "p_v2_1""#))
        let pipeline = try await kaizen.run(["pipeline", "run", "--base", "latest"])
        #expect(pipeline.status == 1, "\(pipeline)")
        #expect(pipeline.stderr.hasPrefix("error: no interactions are logged under prompt p_v2_1"), "\(pipeline)")
        // `train` takes it too, and goes on to the next thing it needs.
        let train = try await kaizen.run(["train", "--base", "latest", "--clustering", "none"])
        #expect(train.status == 1 && train.stderr.hasPrefix("error: no clustering none"), "\(train)")

        // A family's own latest stays on that family when another is added, as `?family=N` does.
        try kaizen.write("newer.txt", "SYSTEM: A newer first-family version.")
        _ = try await kaizen.run(["prompts", "add", "--text-file", "newer.txt", "--family", "1"])
        #expect(try await kaizen.run(["prompts", "show", "p_v1_latest"]).stdout.contains(#""prompt_id": "p_v1_2""#))
        #expect(try await kaizen.run(["prompts", "show", "latest"]).stdout.contains(#""prompt_id": "p_v2_1""#))
        let family = try await kaizen.run(["pipeline", "run", "--base", "p_v1_latest"])
        #expect(family.stderr.hasPrefix("error: no interactions are logged under prompt p_v1_2"), "\(family)")
        let none = try await kaizen.run(["prompts", "show", "p_v7_latest"])
        #expect(none.status == 1 && none.stderr.hasPrefix("error: family 7 of the registry "), "\(none)")
    }
}
