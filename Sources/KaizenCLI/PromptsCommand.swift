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
            discussion: """
                With --family N, the next version of family N, which must exist; with --family N --new-family, \
                version 1 of a family N that does not exist yet; without --family, version 1 of the next new family.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Option(help: "File holding the prompt text.")
        var textFile: String

        @Option(help: "Prompt family to add a version to.")
        var family: Int?

        @Flag(help: "Start the family --family names (it must not exist yet).")
        var newFamily = false

        func validate() throws {
            if let family, family < 1 { throw ValidationError("--family must be at least 1") }
            if self.newFamily, self.family == nil {
                throw ValidationError("--new-family needs --family N; without --family the next new family is started")
            }
        }

        func run() async throws {
            let environment = try KaizenEnvironment(options: self.global)
            let text = try InputFile.readText(self.textFile, option: "--text-file")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if let family = self.family {
                try self.checkFamily(family, registry: environment.registry)
            }
            let version = try reportingRegistryErrors {
                try environment.registry.create(family: self.family, source: "human", text: text)
            }
            print("wrote \(environment.registry.directory.appendingPathComponent(version.id.fileName).path)")
        }

        /// A family number given by hand must say whether it continues a family or starts one, so a typo
        /// (`--family 7` for 1) cannot silently start a family.
        func checkFamily(_ family: Int, registry: PromptRegistry) throws {
            let families = Set(try reportingRegistryErrors { try registry.ids() }.map(\.family))
            if families.contains(family), self.newFamily {
                throw CommandFailure("family \(family) already exists; drop --new-family to add its next version")
            }
            if !families.contains(family), !self.newFamily {
                let existing =
                    families.isEmpty
                    ? "the registry has none"
                    : "existing: " + families.sorted().map(String.init).joined(separator: ", ")
                throw CommandFailure(
                    "family \(family) does not exist (\(existing)); pass --new-family to start it, "
                        + "or leave out --family to start the next new family")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the prompt versions.",
            discussion: "A version file that cannot be read is skipped with a warning on standard error.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let environment = try KaizenEnvironment(options: self.global)
            let listing = try reportingRegistryErrors { try environment.registry.listing() }
            let versions = listing.versions
            for file in listing.unreadable {
                printError(
                    "warning: \(environment.registry.directory.appendingPathComponent(file.file).path) is not a valid version (\(file.reason)); it is skipped"
                )
            }
            print(
                Table(
                    headers: ["prompt id", "source", "created at", "reward gain", "cluster", "chars"],
                    rows: versions.map { version in
                        [
                            version.id.description, version.source,
                            version.details.createdAt ?? "-",
                            version.details.rewardGain.map { String(format: "%+.4f", $0) } ?? "-",
                            version.details.clusterID ?? "-",
                            "\(version.text.count)",
                        ]
                    }
                ).rendered())
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one prompt version's file.")

        @OptionGroup var global: GlobalOptions

        @Argument(
            help:
                "The prompt id, e.g. p_v1_2, p_v1_latest (family 1's highest version), or latest (the highest family's, as /api/v1/prompts/latest serves it)."
        )
        var id: String

        func run() async throws {
            let environment = try KaizenEnvironment(options: self.global)
            let version = try namedVersion(self.id, in: environment.registry)
            print(String(decoding: version.fileContents(), as: UTF8.self), terminator: "")
        }
    }
}

/// The version `text` names (``VersionName``): a prompt id, `latest` (the highest readable version of the highest
/// family, what `GET /api/v1/prompts/latest` serves) or `p_v<family>_latest` (that family's), so a scheduled
/// `pipeline run --base p_v1_latest` improves whatever the online side loads. A registry error becomes a message and
/// a failing exit code.
/// - Throws: ``CommandFailure`` when the registry (or the family) holds no version to be the latest.
func namedVersion(_ text: String, in registry: PromptRegistry) throws -> PromptVersion {
    try reportingRegistryErrors {
        let name = VersionName(text)
        if let version = try name.version(in: registry) { return version }
        let holder = if case .latest(let family?) = name { "family \(family) of the registry" } else { "the registry" }
        throw CommandFailure(
            "\(holder) \(registry.directory.path) holds no prompt version to be the latest; add one with `kaizen prompts add`"
        )
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
