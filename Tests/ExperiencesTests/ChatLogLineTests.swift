import Experiences
import Foundation
import Testing

/// OpenAI-style chat logs (`messages` arrays) import as experiences.
struct ChatLogLineTests {
    static let chat = #"""
        {"messages": [{"role": "system", "content": "You are the help desk."}, {"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello, how can I help?"}, {"role": "tool", "content": "The fee is 5 EUR."}, {"role": "user", "content": [{"type": "text", "text": "What is the fee?"}]}, {"role": "assistant", "content": "It is 7 EUR."}], "reward": 0.1, "prompt_id": "p_v1_1", "metadata": {"channel": "web"}}
        """#

    @Test func aChatLogBecomesAnExperience() throws {
        let parsed = ExperienceImporter().parse(Data(Self.chat.utf8))
        #expect(parsed.issues.isEmpty, "\(parsed.issues)")
        let experience = try #require(parsed.experiences.first)
        #expect(experience.input == "What is the fee?")
        #expect(experience.response == "It is 7 EUR.")
        #expect(experience.context == "The fee is 5 EUR.")
        #expect(experience.reward == 0.1)
        #expect(experience.promptID == "p_v1_1")
        #expect(experience.metadata["system_prompt"] == .string("You are the help desk."))
        #expect(experience.metadata["channel"] == .string("web"))
        #expect(
            experience.metadata["chat_history"] == [
                ["role": "user", "content": "Hi"], ["role": "assistant", "content": "Hello, how can I help?"],
            ])
        #expect(experience.id.hasPrefix("chat-") && experience.id.count == 21, "\(experience.id)")
    }

    /// Assistant messages between the input and the last one (a first answer, a "let me check") are kept, not dropped.
    @Test func theAssistantsStepsBeforeItsLastMessageAreKept() throws {
        let line = #"""
            {"messages": [{"role": "user", "content": "What is the fee?"}, {"role": "assistant", "content": "Let me check."}, {"role": "tool", "content": "The fee is 5 EUR."}, {"role": "assistant", "content": null}, {"role": "assistant", "content": "It is 5 EUR."}], "success": true}
            """#
        let experience = try #require(ExperienceImporter().parse(Data(line.utf8)).experiences.first)
        #expect(experience.input == "What is the fee?" && experience.response == "It is 5 EUR.")
        #expect(experience.metadata["assistant_steps"] == ["Let me check."], "\(experience.metadata)")
        #expect(experience.metadata["chat_history"] == nil)
        let plain = try #require(ExperienceImporter().parse(Data(Self.chat.utf8)).experiences.first)
        #expect(plain.metadata["assistant_steps"] == nil)
    }

    /// The tools the model called for its answer are kept in order (a search with the wrong query explains a wrong
    /// context); calls made before the input belong to earlier turns and are not.
    @Test func theToolCallsForTheAnswerAreKept() throws {
        let line = #"""
            {"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": null, "tool_calls": [{"id": "c0", "type": "function", "function": {"name": "greet", "arguments": "{}"}}]}, {"role": "tool", "tool_call_id": "c0", "content": "ok"}, {"role": "assistant", "content": "Hello!"}, {"role": "user", "content": "What is the fee?"}, {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "search", "arguments": "{\"query\": \"fee\"}"}}, {"id": "c2", "type": "function", "function": {"name": "prices", "arguments": "{}"}}]}, {"role": "tool", "tool_call_id": "c1", "content": "The fee is 5 EUR."}, {"role": "assistant", "content": null, "function_call": {"name": "convert", "arguments": "{\"to\": \"USD\"}"}}, {"role": "assistant", "content": "It is 5 EUR."}], "success": true}
            """#
        let parsed = ExperienceImporter().parse(Data(line.utf8))
        #expect(parsed.issues.isEmpty, "\(parsed.issues)")
        let experience = try #require(parsed.experiences.first)
        #expect(
            experience.metadata["tool_calls"] == [
                ["name": "search", "arguments": #"{"query": "fee"}"#], ["name": "prices", "arguments": "{}"],
                ["name": "convert", "arguments": #"{"to": "USD"}"#],
            ], "\(experience.metadata)")
        #expect(experience.metadata["assistant_steps"] == nil, "a message that only calls tools says nothing")
        #expect(parsed.unreadKeys.isEmpty, "\(parsed.unreadKeys)")
        let plain = try #require(ExperienceImporter().parse(Data(Self.chat.utf8)).experiences.first)
        #expect(plain.metadata["tool_calls"] == nil)
    }

    @Test func theDerivedIDIsStableSoAReimportAddsNothing() throws {
        let first = ExperienceImporter().parse(Data(Self.chat.utf8)).experiences.map(\.id)
        let second = ExperienceImporter(format: .chat).parse(Data(Self.chat.utf8)).experiences.map(\.id)
        #expect(first == second && first.count == 1)
    }

    @Test func experienceAndChatLinesMixInOneFile() {
        let file = #"{"id": "e1", "input": "q", "response": "a", "success": true}"# + "\n" + Self.chat
        let parsed = ExperienceImporter().parse(Data(file.utf8))
        #expect(parsed.issues.isEmpty && parsed.experiences.count == 2)
        let forced = ExperienceImporter(format: .experience).parse(Data(file.utf8))
        #expect(forced.issues.map(\.line) == [2], "with --format experience the chat line lacks input")
    }

    static let mistakes: [(line: String, field: String?, phrase: String)] = [
        (#"{"messages": [], "reward": 1}"#, "messages", "non-empty"),
        (#"{"messages": [{"role": "user", "content": "q"}], "reward": 1}"#, "messages", "end with the assistant"),
        (
            #"{"messages": [{"role": "system", "content": "s"}, {"role": "assistant", "content": "a"}], "reward": 1}"#,
            "messages", "needs a user message"
        ),
        (
            #"{"messages": [{"content": "q"}, {"role": "assistant", "content": "a"}], "reward": 1}"#,
            "messages[0].role", "required"
        ),
        (
            #"{"messages": [{"role": "user", "content": 3}, {"role": "assistant", "content": "a"}], "reward": 1}"#,
            "messages[0].content", "string"
        ),
        (#"{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}"#, nil, "'success'"),
        (
            #"{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}], "input": "q", "reward": 1}"#,
            "input", "left out"
        ),
    ]

    @Test(arguments: 0..<mistakes.count)
    func aBadChatLogNamesItsField(_ index: Int) throws {
        let mistake = Self.mistakes[index]
        let parsed = ExperienceImporter().parse(Data(mistake.line.utf8))
        let issue = try #require(parsed.issues.first)
        #expect(issue.field == mistake.field, "\(issue)")
        #expect(issue.message.contains(mistake.phrase), "\(issue)")
    }

    @Test func withTheChatFormatALineWithoutMessagesIsRefused() throws {
        let parsed = ExperienceImporter(format: .chat).parse(
            Data(#"{"id": "e1", "input": "q", "response": "a", "reward": 1}"#.utf8))
        #expect(parsed.issues.first?.field == "messages")
    }
}
