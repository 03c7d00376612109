import Experiences
import Foundation

/// Reads an evaluation's test set: JSON Lines of experiences or chat logs, validated as the importer validates them,
/// except that a line needs no logged answer or outcome. An evaluation answers every input anew and judges the new
/// answers, so the `response`, `reward` and `success` a log may carry are never read, and a hand-written test set
/// (`id`, `input`, `context`, `reference`) may leave them out; a chat log may end with the user's message.
package enum TestSet {
    /// The experiences of `data` in file order, and the bad lines.
    package static func parse(_ data: Data) -> ParsedLines {
        var lines: [(number: Int, data: Data)] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy({ [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains($0) }) else {
                continue
            }
            lines.append((index + 1, Self.completed(Data(line))))
        }
        return ExperienceImporter().parse(items: lines)
    }

    /// The line with what an evaluation does not read filled in when missing (`"success": true`, an empty
    /// `response`, or an empty assistant message after a chat's last user message), so the importer's rules for
    /// logs pass; any other line unchanged (the importer reports what is wrong with it).
    static func completed(_ line: Data) -> Data {
        guard case .object(var object)? = try? JSONDecoder().decode(JSONValue.self, from: line) else { return line }
        if object["reward"] == nil && object["success"] == nil { object["success"] = .bool(true) }
        if case .array(var messages)? = object["messages"] {
            if case .object(let last)? = messages.last, last["role"] == .string("user") {
                messages.append(["role": "assistant", "content": ""])
                object["messages"] = .array(messages)
            }
        } else if object["response"] == nil {
            object["response"] = .string("")
        }
        return (try? JSONEncoder.sorted.encode(JSONValue.object(object))) ?? line
    }
}
