import Foundation
import Testing

/// `kaizen experiences import` reads OpenAI-style chat logs besides the experience format.
struct ChatLogImportTests {
    static let lines = [
        #"{"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "What is the fee?"}, {"role": "assistant", "content": "7 EUR."}], "success": false, "prompt_id": "p_v1_1"}"#,
        #"{"id": "e1", "input": "Where is the store?", "response": "Main Street.", "reward": 0.9, "prompt_id": "p_v1_1"}"#,
    ]

    @Test func aFileMixingChatLogsAndExperiencesImports() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let file = try kaizen.write("log.jsonl", Self.lines.joined(separator: "\n") + "\n")
        let run = try await kaizen.run(["experiences", "import", file])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("2 imported"), "\(run)")
        let again = try await kaizen.run(["experiences", "import", file])
        #expect(
            again.stdout.contains("0 imported, 2 already present"), "the chat line's derived id is stable: \(again)")
        let stats = try await kaizen.run(["experiences", "stats", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(object["total"] as? Int == 2)
        #expect(object["failures"] as? Int == 1)
    }

    @Test func theExperienceFormatFlagRefusesChatLines() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let file = try kaizen.write("log.jsonl", Self.lines.joined(separator: "\n") + "\n")
        let run = try await kaizen.run(["experiences", "import", "--format", "experience", file])
        #expect(run.status != 0, "\(run)")
        #expect(run.stderr.contains("line 1"), "\(run)")
    }
}

/// `kaizen experiences import --score-unlabelled`: raw logs the online side did not score get the verifier's verdict.
struct UnlabelledImportTests {
    static let lines = [
        // The context says 25 EUR: an invented fee is a hallucination.
        #"{"id": "u1", "input": "What is the overdraft fee?", "context": "The overdraft fee is 25 EUR per item.", "response": "The overdraft fee is 35 EUR per item."}"#,
        #"{"id": "u2", "input": "What is the overdraft fee?", "context": "The overdraft fee is 25 EUR per item.", "response": "The overdraft fee is 25 EUR per item."}"#,
        // The system prompt names the bank: an answer that names it invents nothing.
        #"{"messages": [{"role": "system", "content": "You are the assistant of Fjordvik Bank."}, {"role": "tool", "content": "Accounts can be opened online or in a branch."}, {"role": "user", "content": "Can I open an account online?"}, {"role": "assistant", "content": "Yes, Fjordvik Bank accounts can be opened online."}], "id": "u3"}"#,
        // An outcome the line gives is kept as it is.
        #"{"id": "u4", "input": "Where is the store?", "response": "Main Street.", "success": true}"#,
    ]

    @Test func linesWithoutAnOutcomeAreRefusedWithAPointerToTheFlag() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let file = try kaizen.write("log.jsonl", Self.lines.joined(separator: "\n") + "\n")
        let run = try await kaizen.run(["experiences", "import", file])
        #expect(run.status != 0, "\(run)")
        #expect(run.stderr.contains("line 1: has neither 'reward'"), "\(run)")
        #expect(run.stderr.contains("--score-unlabelled"), "\(run)")
        let stats = try await kaizen.run(["experiences", "stats", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(object["total"] as? Int == 0, "nothing is imported: \(stats)")
    }

    @Test func theVerifierScoresTheLinesWithoutAnOutcome() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let file = try kaizen.write("log.jsonl", Self.lines.joined(separator: "\n") + "\n")
        let run = try await kaizen.run(["experiences", "import", "--score-unlabelled", file])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("4 imported"), "\(run)")
        #expect(run.stdout.contains("3 scored by the verifier"), "\(run)")
        let stats = try await kaizen.run(["experiences", "stats", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(object["total"] as? Int == 4, "\(stats)")
        #expect(object["failures"] as? Int == 1, "only the invented fee fails: \(stats)")
        #expect(object["failures_by_type"] as? [String: Int] == ["hallucination": 1], "\(stats)")
    }
}
