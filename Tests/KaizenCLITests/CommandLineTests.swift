import Testing

/// The `kaizen` executable's entry points: help, and a mistake in the command line.
struct CommandLineTests {
    @Test func helpListsEveryCommandAndExitsZero() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await kaizen.run(["--help"])
        #expect(run.status == 0, "\(run)")
        for command in [
            "experiences", "prompts", "cluster", "patches", "rank", "train", "pipeline", "demo", "verify", "serve",
        ] {
            #expect(run.stdout.contains(command), "help does not mention \(command)")
        }
    }

    @Test func anUnknownCommandFailsWithAUsageError() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await kaizen.run(["no-such-command"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("no-such-command"), "\(run)")
    }

    @Test func anEmptyRegistryListsNoVersions() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await kaizen.run(["prompts", "list", "--registry", kaizen.path("registry")])
        #expect(run.status == 0, "\(run)")
    }
}
