import Foundation
import Testing

/// The flags the documentation writes for `kaizen` are the flags the parser takes: a renamed option (`--base-url`
/// that became `--llm-base-url`) or one a help text mentions but no command has (`train --min-gain`) fails here,
/// not in a user's terminal.
struct DocumentedFlagsTests {
    /// The package's root folder, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// One command's help: its subcommands and the long flags its OPTIONS section lists.
    struct Help {
        var text: String
        var subcommands: [String]
        var options: Set<String>
    }

    /// Every command path (`[]` is `kaizen` itself, `["prompts", "add"]` ...) with its help, read by running
    /// `kaizen PATH --help`, so the list follows the parser rather than a copy of it.
    static func commandTree(_ kaizen: KaizenExecutable) async throws -> [[String]: Help] {
        var tree: [[String]: Help] = [:]
        var pending: [[String]] = [[]]
        while let path = pending.popLast() {
            let run = try await kaizen.run(path + ["--help"])
            try #require(run.status == 0, "\(path): \(run)")
            let help = Self.parseHelp(run.stdout)
            tree[path] = help
            try #require(path.count < 3, "commands nest deeper than expected: \(path)")
            pending += help.subcommands.map { path + [$0] }.filter { tree[$0] == nil }
        }
        return tree
    }

    static func parseHelp(_ text: String) -> Help {
        var section = ""
        var subcommands: [String] = []
        var options: Set<String> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.range(of: "^[A-Z][A-Z ]*:", options: .regularExpression) != nil {
                section = String(line.prefix { $0 != ":" })
                continue
            }
            let trimmed = line.drop { $0 == " " }
            let indent = line.count - trimmed.count
            // A command's name is lowercase; the section ends with "See 'kaizen help <subcommand>' ...".
            if section == "SUBCOMMANDS", indent == 2, let name = trimmed.split(separator: " ").first,
                name.range(of: "^[a-z][a-z0-9-]*$", options: .regularExpression) != nil
            {
                subcommands.append(String(name))
            }
            if section == "OPTIONS", indent == 2, trimmed.hasPrefix("-") {
                let head = trimmed.components(separatedBy: "  ").first ?? ""
                options.formUnion(Self.flags(in: head))
            }
        }
        return Help(text: text, subcommands: subcommands, options: options)
    }

    /// The long flags (`--name`) written in `text`.
    static func flags(in text: some StringProtocol) -> [String] {
        let string = String(text)
        let expression = try! NSRegularExpression(pattern: "(?<![A-Za-z0-9-])--[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
        return expression.matches(in: string, range: NSRange(string.startIndex..., in: string)).map {
            String(string[Range($0.range, in: string)!])
        }
    }

    /// A piece of documentation that names flags: where it is, the command it is for (`nil`: any command), the flags.
    struct Mention: CustomStringConvertible {
        var place: String
        var command: [String]?
        var flags: [String]
        var description: String {
            "\(self.place): `kaizen \(self.command?.joined(separator: " ") ?? "...")` \(self.flags)"
        }
    }

    /// The code of `markdown`, line by line: inline code spans, and whole lines inside fenced blocks.
    static func codeFragments(_ markdown: String) -> [(line: Int, text: String, lineText: String)] {
        var fragments: [(Int, String, String)] = []
        var fenced = false
        for (number, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                fenced.toggle()
                continue
            }
            if fenced {
                fragments.append((number + 1, String(line), String(line)))
                continue
            }
            let pieces = line.split(separator: "`", omittingEmptySubsequences: false)
            for index in stride(from: 1, to: pieces.count, by: 2) {
                fragments.append((number + 1, String(pieces[index]), String(line)))
            }
        }
        return fragments
    }

    /// The flags the documents write for `kaizen`: every fragment that runs `kaizen COMMAND ...` (checked against
    /// that command), and every fragment that is a flag alone (`--llm-model`) where it is about Kaizen (all of the
    /// README; in Docs/, lines that say "kaizen" or "CLI"; the other lines there quote llama-server, vLLM or
    /// scripts).
    static func mentions(tree: [[String]: Help]) throws -> [Mention] {
        var files = [Self.packageRoot.appendingPathComponent("README.md")]
        let docs = Self.packageRoot.appendingPathComponent("Docs")
        files += try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }.sorted()
            .map { docs.appendingPathComponent($0) }
        var mentions: [Mention] = []
        for file in files {
            let isReadme = file.lastPathComponent == "README.md"
            for fragment in Self.codeFragments(try String(contentsOf: file, encoding: .utf8)) {
                let place = "\(file.lastPathComponent):\(fragment.line)"
                let words = fragment.text.split(whereSeparator: \.isWhitespace).map(String.init)
                if let start = words.firstIndex(of: "kaizen") {
                    var command: [String]? = []
                    for word in words[(start + 1)...] {
                        if word == "..." {
                            command = nil
                            break
                        }
                        guard let path = command, tree[path]?.subcommands.contains(word) == true else { break }
                        command = path + [word]
                    }
                    let flags = Self.flags(in: words[(start + 1)...].joined(separator: " ")).filter { $0 != "--help" }
                    if !flags.isEmpty { mentions.append(Mention(place: place, command: command, flags: flags)) }
                } else if fragment.text.hasPrefix("--"),
                    isReadme || fragment.lineText.lowercased().contains("kaizen") || fragment.lineText.contains("CLI")
                {
                    mentions.append(Mention(place: place, command: nil, flags: Self.flags(in: fragment.text)))
                }
            }
        }
        return mentions
    }

    @Test func everyFlagTheDocumentsWriteIsOneThatCommandTakes() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let tree = try await Self.commandTree(kaizen)
        #expect(
            tree.keys.contains(["pipeline", "run"]) && tree.keys.contains(["experiences", "import"]), "\(tree.keys)")
        let anyCommand = tree.values.reduce(into: Set<String>()) { $0.formUnion($1.options) }
        let mentions = try Self.mentions(tree: tree)
        #expect(mentions.count >= 20, "the documents name flags in more places than \(mentions)")
        #expect(mentions.contains { $0.command == ["train"] })
        for mention in mentions {
            let accepted = mention.command.flatMap { tree[$0]?.options } ?? anyCommand
            for flag in mention.flags where !accepted.contains(flag) {
                Issue.record("\(mention): \(flag) is not an option of that command")
            }
        }
    }

    @Test func everyFlagAHelpTextMentionsIsAnOptionOfThatCommand() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        for (path, help) in try await Self.commandTree(kaizen) where help.subcommands.isEmpty {
            for flag in Set(Self.flags(in: help.text)) where !help.options.contains(flag) {
                Issue.record("`kaizen \(path.joined(separator: " ")) --help` mentions \(flag), which it does not take")
            }
            #expect(help.options.contains("--help"), "\(path)")
        }
        let train = try #require(try await Self.commandTree(kaizen)[["train"]])
        #expect(train.options.contains("--min-gain"))
    }
}
