import Testing

/// The `kaizen` executable's entry points: help, and a mistake in the command line.
struct CommandLineTests {
    @Test func helpListsEveryCommandAndExitsZero() throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try kaizen.run(["--help"])
        #expect(run.status == 0, "\(run)")
        for command in [
            "experiences", "prompts", "cluster", "patches", "rank", "train", "pipeline", "demo", "verify", "serve",
        ] {
            #expect(run.stdout.contains(command), "help does not mention \(command)")
        }
    }

    @Test func anUnknownCommandFailsWithAUsageError() throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try kaizen.run(["no-such-command"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("no-such-command"), "\(run)")
    }

    @Test func anEmptyRegistryListsNoVersions() throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try kaizen.run(["prompts", "list", "--registry", kaizen.path("registry")])
        #expect(run.status == 0, "\(run)")
    }
}
