import Foundation
import Testing

/// `kaizen prompts list` over a registry with a corrupt version file lists the rest and names the bad file; a
/// registry path that is a file is one clear line, not a raw NSError.
struct RegistryDefectsCLITests {
    @Test func aCorruptVersionFileIsSkippedWithAWarning() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try kaizen.write("prompt.txt", "SYSTEM: Answer from the context.")
        #expect(try await kaizen.run(["prompts", "add", "--text-file", "prompt.txt"]).status == 0)
        try kaizen.write("prompt_registry/p_v1_2.json", "{\"prompt_id\": \"p_v1_2\", truncated")

        let list = try await kaizen.run(["prompts", "list"])
        #expect(list.status == 0, "\(list)")
        #expect(list.stdout.contains("p_v1_1"), "\(list)")
        #expect(!list.stdout.contains("p_v1_2"), "\(list)")
        let warning = try #require(list.stderr.split(separator: "\n").first.map(String.init), "\(list)")
        #expect(warning.hasPrefix("warning: ") && warning.contains("p_v1_2.json is not a valid version"), "\(list)")
        #expect(list.stderr.split(separator: "\n").count == 1, "\(list)")
    }

    @Test func aRegistryPathThatIsAFileIsOneClearLine() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let file = try kaizen.write("not-a-folder", "x")
        let list = try await kaizen.run(["prompts", "list", "--registry", file])
        #expect(list.status == 1, "\(list)")
        #expect(
            list.stderr
                == "error: the prompt registry \(file) is not a folder; point --registry (KAIZEN_REGISTRY_PATH) at a folder\n",
            "\(list)")
        #expect(!list.stderr.contains("NSCocoaErrorDomain") && !list.stderr.contains("Error Domain"), "\(list)")

        // Below a file, the registry cannot be made: said so when a version is added (it was "Code=512 ... Not a
        // directory").
        try kaizen.write("prompt.txt", "SYSTEM: Answer from the context.")
        let add = try await kaizen.run([
            "prompts", "add", "--text-file", "prompt.txt", "--registry", file + "/registry",
        ])
        #expect(
            add.status == 1
                && add.stderr
                    == "error: cannot make the prompt registry folder \(file)/registry: \(file) is a file, not a folder; check --registry (KAIZEN_REGISTRY_PATH)\n",
            "\(add)")
    }
}
