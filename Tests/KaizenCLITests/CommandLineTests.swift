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

    /// A value outside an option's range is a mistake in the command line: exit 64 and the usage, before any work
    /// (a bad --steps used to fail only after the clustering had run, with exit 1).
    @Test(arguments: [
        (["patches", "--prompt", "p_v1_1", "--clustering", "c", "--cluster", "cluster_1", "--count", "6"], "--count"),
        (["rank", "--prompt", "p_v1_1", "--clustering", "c", "--cluster", "cluster_1", "--count", "2"], "--count"),
        (["cluster", "-k", "0"], "k must be at least 1"), (["cluster", "-k", "500"], "-k must be between 1 and 200"),
        (["cluster", "--limit", "0"], "--limit (failures read"),
        (["cluster", "--k-max", "99"], "--k-min/--k-max must"),
        (["pipeline", "run", "--base", "p_v1_1", "--steps", "0"], "--steps"),
        (["pipeline", "run", "--base", "p_v1_1", "--group-size", "1"], "--group-size"),
        (["demo", "-k", "0"], "-k"),
        (["demo", "--held-out-answers", "0"], "--held-out-answers must be between 1 and 16"),
        (["eval", "p_v1_1", "--data", "test.jsonl", "--answers", "17"], "--answers must be between 1 and 16"),
        (["experiences", "stats", "--failure-threshold", "3"], "--failure-threshold"),
    ])
    func anOptionOutOfRangeIsAUsageError(_ arguments: [String], _ named: String) async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await kaizen.run(arguments)
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.hasPrefix("error: ") && run.stderr.contains(named), "\(run)")
        #expect(run.stderr.contains("Usage:"), "\(run)")
    }

    /// A setting from the environment that the command could not use is refused with its variable's name, as the
    /// same mistake in an option is, instead of falling back to the default in silence.
    @Test(arguments: [
        ("KAIZEN_HTTP_PORT", "abc", "a whole number from 0 to 65535"),
        ("KAIZEN_RANKER_PORT", "70000", "a whole number from 0 to 65535"),
        ("KAIZEN_JOB_LEASE", "-5", "a number above 0"),
        ("KAIZEN_HTTP_IDLE_TIMEOUT", "0", "a number above 0"),
        ("KAIZEN_LLM_MAX_CONCURRENCY", "0", "a whole number of at least 1"),
        ("KAIZEN_LLM_TIMEOUT", "abc", "a whole number of at least 1"),
        ("KAIZEN_LOG_LEVEL", "loud", "use trace, debug"),
    ])
    func anUnusableSettingIsNamed(_ variable: String, _ value: String, _ expected: String) async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await kaizen.run(["prompts", "list"], environment: [variable: value])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.hasPrefix("error: \(variable) is '\(value)'; "), "\(run)")
        #expect(run.stderr.contains(expected), "\(run)")
        let fine = try await kaizen.run(
            ["prompts", "list"], environment: [variable: variable.hasSuffix("LEVEL") ? "debug" : "7"])
        #expect(fine.status == 0, "\(fine)")
    }

    @Test func anEmptyRegistryListsNoVersions() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let run = try await kaizen.run(["prompts", "list", "--registry", kaizen.path("registry")])
        #expect(run.status == 0, "\(run)")
    }
}
