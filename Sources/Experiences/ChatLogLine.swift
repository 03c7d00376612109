import Foundation
import Randomness

/// An OpenAI-style chat log read as an experience, so logs kept in the Chat Completions shape import without a
/// conversion script.
///
/// A chat line is the experience format with a `messages` array in place of `input` and `response`:
/// - the last message must come from the assistant: it is the `response`;
/// - the last user message before it is the `input`;
/// - `system` (and `developer`) messages are the prompt the model was given: kept in `metadata.system_prompt`; the
///   line's own `prompt_id` says which registry version that was;
/// - `tool` (and `function`) messages are what the model was given to ground its answer: they become `context`
///   when the line has no `context` of its own;
/// - earlier user and assistant turns are kept in `metadata.chat_history` (`[{role, content}]`);
/// - the tools the assistant called after the input (`tool_calls`, or the older `function_call`) are kept in
///   `metadata.tool_calls` (`[{name, arguments}]`, in order): what the model looked up explains what it was given;
/// - `content` is a string, or an array of parts whose `text` parts are joined.
///
/// Everything else comes in as in the experience format, under the same names: `reward` (0...1) or `success` is
/// required (a log without an outcome says nothing about failures), and `created_at`, `prompt_id`, `context`,
/// `reference`, `failure_type` and `metadata` are optional. `id` is optional: without one, the id is
/// `chat-<16 hex digits>` from a hash of the messages, so importing the same log twice stores it once.
package enum ChatLogLine {
    /// Whether `object` is a chat log under `format`.
    package static func isChat(_ object: [String: JSONValue], format: ImportFormat) -> Bool {
        switch format {
        case .experience: return false
        case .chat: return true
        case .auto: return object["messages"] != nil
        }
    }

    /// `line` as an experience line: unchanged when it is not a chat log under `format` (or not a JSON object, which
    /// the experience validation reports), else converted.
    static func experienceLine(from line: Data, format: ImportFormat) -> Result<Data, ExperienceImporter.LineProblem> {
        guard format != .experience, case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: line),
            Self.isChat(object, format: format)
        else { return .success(line) }
        return Self.experience(from: object).flatMap { converted in
            do {
                return .success(try JSONEncoder.sorted.encode(JSONValue.object(converted)))
            } catch {
                return .failure(ExperienceImporter.LineProblem(field: nil, message: "could not be read"))
            }
        }
    }

    /// The experience fields of a chat log object.
    static func experience(
        from object: [String: JSONValue]
    ) -> Result<[String: JSONValue], ExperienceImporter.LineProblem> {
        typealias Problem = ExperienceImporter.LineProblem
        guard let value = object["messages"] else {
            return .failure(Problem(field: "messages", message: "is required in a chat log"))
        }
        guard case .array(let messages) = value, !messages.isEmpty else {
            return .failure(Problem(field: "messages", message: "must be a non-empty array of {role, content}"))
        }
        for field in ["input", "response"] where object[field] != nil {
            return .failure(
                Problem(
                    field: field, message: "must be left out of a chat log: it comes from 'messages'"))
        }
        var turns: [(role: String, content: String)] = []
        var calls: [(turn: Int, call: JSONValue)] = []
        for (index, message) in messages.enumerated() {
            guard case .object(let fields) = message, let role = fields["role"]?.stringValue else {
                return .failure(
                    Problem(field: "messages[\(index)].role", message: "is required (system, user, assistant or tool)"))
            }
            guard let content = Self.text(of: fields["content"]) else {
                return .failure(
                    Problem(
                        field: "messages[\(index)].content", message: "must be a string or an array of text parts"))
            }
            turns.append((role, content))
            if role == "assistant" { calls += Self.toolCalls(in: fields).map { (index, $0) } }
        }
        guard let last = turns.last, last.role == "assistant" else {
            return .failure(Problem(field: "messages", message: "must end with the assistant's message (the response)"))
        }
        let beforeLast = turns.dropLast()
        guard let userIndex = beforeLast.lastIndex(where: { $0.role == "user" }) else {
            return .failure(Problem(field: "messages", message: "needs a user message before the assistant's last one"))
        }

        var experience = object
        experience.removeValue(forKey: "messages")
        experience["input"] = .string(turns[userIndex].content)
        experience["response"] = .string(last.content)
        if experience["id"] == nil {
            let canonical = (try? JSONEncoder.sorted.encode(value)) ?? Data()
            let hex = String(FNV1a.hash(canonical), radix: 16)
            experience["id"] = .string("chat-" + String(repeating: "0", count: 16 - hex.count) + hex)
        }
        let tools = turns.filter { ["tool", "function"].contains($0.role) }.map(\.content)
        if experience["context"] == nil, !tools.isEmpty {
            experience["context"] = .string(tools.joined(separator: "\n\n"))
        }
        var metadata: [String: JSONValue] = [:]
        let system = turns.filter { ["system", "developer"].contains($0.role) }.map(\.content)
        if !system.isEmpty { metadata[Experience.systemPromptKey] = .string(system.joined(separator: "\n\n")) }
        let history = turns[..<userIndex].filter { ["user", "assistant"].contains($0.role) }
        if !history.isEmpty {
            metadata["chat_history"] = .array(
                history.map { ["role": .string($0.role), "content": .string($0.content)] })
        }
        // What the assistant said between the input and its last message ("Let me look that up.", a first answer
        // it then revised): part of the exchange, kept rather than dropped.
        let steps = turns[(userIndex + 1)..<(turns.count - 1)].filter { $0.role == "assistant" && !$0.content.isEmpty }
        if !steps.isEmpty {
            metadata["assistant_steps"] = .array(steps.map { .string($0.content) })
        }
        let madeCalls = calls.filter { $0.turn > userIndex }.map(\.call)
        if !madeCalls.isEmpty { metadata["tool_calls"] = .array(madeCalls) }
        if !metadata.isEmpty {
            // The line's own metadata wins; a non-object `metadata` is left for the experience validation to report.
            if case .object(let own)? = experience["metadata"] {
                experience["metadata"] = .object(metadata.merging(own) { _, own in own })
            } else if experience["metadata"] == nil || experience["metadata"] == .null {
                experience["metadata"] = .object(metadata)
            }
        }
        return .success(experience)
    }

    /// The calls an assistant message makes, as `{name, arguments}`: each `tool_calls` entry's `function`, or the
    /// older single `function_call`. `arguments` is kept as the log has it (a JSON string, as the API sends it).
    private static func toolCalls(in message: [String: JSONValue]) -> [JSONValue] {
        var functions: [JSONValue] = []
        if case .array(let entries)? = message["tool_calls"] {
            functions = entries.compactMap { entry in
                guard case .object(let fields) = entry else { return nil }
                return fields["function"]
            }
        }
        if let function = message["function_call"] { functions.append(function) }
        return functions.compactMap { function in
            guard case .object(let fields) = function, let name = fields["name"]?.stringValue else { return nil }
            return .object(["name": .string(name), "arguments": fields["arguments"] ?? .null])
        }
    }

    /// A message's text: a string, or the `text` of an array's parts, joined; `null` (an assistant message that
    /// only calls tools) is empty.
    private static func text(of content: JSONValue?) -> String? {
        switch content {
        case .string(let text)?: return text
        case .null?, nil: return ""
        case .array(let parts)?:
            var texts: [String] = []
            for part in parts {
                switch part {
                case .string(let text): texts.append(text)
                case .object(let fields):
                    if let text = fields["text"]?.stringValue { texts.append(text) }
                default: return nil
                }
            }
            return texts.joined(separator: "\n")
        default: return nil
        }
    }
}
