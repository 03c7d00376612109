import ArgumentParser
import Experiences
import Foundation
import Prompts

/// `kaizen prompts`: the prompt registry by hand.
struct PromptsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompts",
        abstract: "Add, list and show prompt versions in the registry.",
        subcommands: [Add.self, List.self, Show.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a prompt version written by a person.",
            discussion: "With --family, the next version of that family; without, version 1 of a new family."
        )

        @OptionGroup var global: GlobalOptions

        @Option(help: "File holding the prompt text.")
        var textFile: String

        @Option(help: "Prompt family to add a version to.")
        var family: Int?

        func validate() throws {
            if let family, family < 1 { throw ValidationError("--family must be at least 1") }
        }

        func run() async throws {
            let environment = KaizenEnvironment(options: self.global)
            guard let data = FileManager.default.contents(atPath: self.textFile) else {
                throw ValidationError("cannot read \(self.textFile)")
            }
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let version = try reportingRegistryErrors {
                try environment.registry.create(family: self.family, source: "human", text: text)
            }
            print("wrote \(environment.registry.directory.appendingPathComponent(version.id.fileName).path)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the prompt versions.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let environment = KaizenEnvironment(options: self.global)
            let versions = try reportingRegistryErrors { try environment.registry.list() }
            print(Table(
                headers: ["prompt id", "source", "created at", "reward gain", "cluster", "chars"],
                rows: versions.map { version in
                    [
                        version.id.description, version.source,
                        version.metadata["created_at"]?.stringValue ?? "-",
                        version.metadata["reward_gain"]?.numberValue.map { String(format: "%+.4f", $0) } ?? "-",
                        version.metadata["cluster_id"]?.stringValue ?? "-",
                        "\(version.text.count)",
                    ]
                }
            ).rendered())
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one prompt version's file.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The prompt id, e.g. p_v1_2.")
        var id: String

        func run() async throws {
            let environment = KaizenEnvironment(options: self.global)
            let version = try reportingRegistryErrors { try environment.registry.version(named: self.id) }
            print(String(decoding: version.fileContents(), as: UTF8.self), terminator: "")
        }
    }
}

/// Runs `body`, turning a registry error into a message and a failing exit code.
func reportingRegistryErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as RegistryError {
        printError("error: \(error)")
        throw ExitCode.failure
    }
}
