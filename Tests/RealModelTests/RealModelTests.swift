import Experiences
import Foundation
import LanguageModels
import OpenAIClient
import PatchGeneration
import Testing
import Verification

/// The OpenAI-compatible client, LLM-mode patch generation and the verifier's judge against a real server:
/// llama.cpp's `llama-server` with SmolLM2-135M-Instruct (`Scripts/local-model.sh`). Answers are kept to a few
/// tokens, because the model runs at a few tokens per second when the machine is busy.
///
/// Skipped, with a note, unless `KAIZEN_TEST_LLM_BASE_URL` names a server (see ``RealServer``); `.ci/run` provides
/// one. Serialized: the tests measure slots, timing and determinism, which concurrent tests of this suite would
/// disturb.
@Suite(
    .serialized,
    .enabled(
        if: RealServer.isConfigured,
        Comment(
            rawValue: "set KAIZEN_TEST_LLM_BASE_URL and KAIZEN_TEST_LLM_MODEL (Scripts/local-model.sh start, then "
                + "eval \"$(Scripts/local-model.sh env)\") to run the real-model tests")
    )
)
struct RealModelTests {
    static let question = GenerationRequest(
        systemPrompt: "Answer in one short sentence, using only the context.",
        userTurn: "How tall is the Eiffel Tower?",
        context: "The Eiffel Tower is 330 metres tall. It was completed in 1889.",
        reference: "330 metres",
        n: 1,
        temperature: 0,
        maxTokens: 16,
        seed: 42
    )

    // MARK: - Shape

    @Test func probeFindsTheServerAndItsModel() async throws {
        let result = try await RealServer.client().probe()
        #expect(result.servedModel == RealServer.model)
        #expect(result.usage.promptTokens > 0)
        #expect(result.usage.completionTokens <= 1)
    }

    @Test func chatCompletionHasTheOpenAIShapeAndUsage() async throws {
        let (status, json) = try await RealServer.post([
            "model": RealServer.model,
            "messages": [["role": "user", "content": "Say hello."]],
            "max_tokens": 8, "temperature": 0, "seed": 1,
        ])
        #expect(status == 200)
        #expect(json["object"] as? String == "chat.completion")
        #expect(json["model"] as? String == RealServer.model)
        let choices = try #require(json["choices"] as? [[String: Any]])
        #expect(choices.count == 1)
        let message = try #require(choices[0]["message"] as? [String: Any])
        #expect(message["role"] as? String == "assistant")
        #expect(message["content"] is String)
        #expect(["stop", "length"].contains(choices[0]["finish_reason"] as? String ?? ""))
        let usage = try #require(json["usage"] as? [String: Any])
        let prompt = try #require(usage["prompt_tokens"] as? Int)
        let completion = try #require(usage["completion_tokens"] as? Int)
        #expect(prompt > 0)
        #expect((1...8).contains(completion))
        #expect(usage["total_tokens"] as? Int == prompt + completion)

        let client = RealServer.client()
        let response = try await client.generate(Self.question)
        #expect(response.outputs.count == 1)
        #expect(!response.outputs[0].isEmpty)
        #expect(response.model == RealServer.model)
        #expect(response.simulated == false)
        #expect(response.usage.promptTokens > 0)
        #expect((1...16).contains(response.usage.completionTokens))
        #expect(client.usage == response.usage)
    }

    // MARK: - n > 1

    /// llama.cpp (this version) reads `n` as its `n_cmpl`: up to `--parallel` choices in one call, each child
    /// sampled with seed + its index; above the slot count it answers 400 "Field 'n': Value must be between 1 <=
    /// value <= SLOTS".
    @Test func severalChoicesUpToTheSlotCountAndTheClientsFallbackAbove() async throws {
        var body: [String: Any] = [
            "model": RealServer.model,
            "messages": [["role": "user", "content": "Name a colour."]],
            "max_tokens": 4, "temperature": 1.0, "seed": 5, "n": 2,
        ]
        let (status, json) = try await RealServer.post(body)
        #expect(status == 200)
        let pair = RealServer.texts(json)
        #expect(pair.count == 2)
        // The second choice is sampled with seed + 1: the same as the client's repeated calls with seed + k.
        body["n"] = 1
        var singles: [String] = []
        for seed in [5, 6] {
            body["seed"] = seed
            singles += RealServer.texts(try await RealServer.post(body).json)
        }
        #expect(pair == singles)
        // llama.cpp's usage for n > 1 counts one choice's tokens only (seen with this version): printed, not asserted.
        let usage = json["usage"] as? [String: Any] ?? [:]
        print("real-model: n=2 answer usage \(usage["completion_tokens"] ?? "none") completion tokens for 2 choices")
        body["seed"] = 5

        body["n"] = RealServer.slots + 1
        let (refused, error) = try await RealServer.post(body)
        #expect(refused == 400)
        let message = (error["error"] as? [String: Any])?["message"] as? String ?? ""
        #expect(message.contains("'n'"))

        // The client asks for all outputs at once, is refused, and falls back to one output per call.
        var request = Self.question
        request.n = RealServer.slots + 1
        request.maxTokens = 4
        request.temperature = 1
        let client = RealServer.client()
        let response = try await client.generate(request)
        #expect(response.outputs.count == RealServer.slots + 1)
        let fine = try await client.generate(Self.question)
        #expect(fine.outputs.count == 1)
    }

    // MARK: - Determinism

    /// With a fixed seed the server repeats itself: at temperature 0 (greedy) and, for one choice per call, at
    /// temperature 1 too.
    @Test func fixedSeedRepeatsTheAnswer() async throws {
        let client = RealServer.client()
        let greedy = try await client.generate(Self.question)
        let greedyAgain = try await client.generate(Self.question)
        #expect(greedy.outputs == greedyAgain.outputs)

        var sampled = Self.question
        sampled.temperature = 1
        sampled.maxTokens = 12
        sampled.seed = 1234
        let first = try await client.generate(sampled)
        let second = try await client.generate(sampled)
        #expect(first.outputs == second.outputs)
    }

    // MARK: - Load

    @Test func sixteenConcurrentGenerationsThroughTheSlotsAllComplete() async throws {
        let client = RealServer.client()
        let clock = ContinuousClock()
        let start = clock.now
        let results = try await withThrowingTaskGroup(of: (Int, GenerationResponse).self) { group in
            for index in 0..<16 {
                group.addTask {
                    var request = Self.question
                    request.userTurn = "Question \(index): how tall is the Eiffel Tower?"
                    request.maxTokens = 8
                    request.seed = UInt64(index)
                    return (index, try await client.generate(request))
                }
            }
            var results: [Int: GenerationResponse] = [:]
            for try await (index, response) in group { results[index] = response }
            return results
        }
        #expect(results.count == 16)
        #expect(results.values.allSatisfy { $0.outputs.count == 1 && $0.usage.completionTokens > 0 })
        let elapsed = clock.now - start
        let tokens = results.values.reduce(0) { $0 + $1.usage.completionTokens }
        print("real-model: 16 generations through \(RealServer.slots) slots: \(tokens) tokens in \(elapsed)")
    }

    // MARK: - A server that dies

    /// Kills a private server while a request is being answered: the client retries, finds nothing listening, and
    /// fails cleanly (no partial output); the same client then works again once a server is back on that port.
    @Test(
        .enabled(
            if: RealServer.canStartPrivateServer,
            "set KAIZEN_TEST_LLAMA_SERVER and KAIZEN_TEST_LLM_GGUF to run the kill test (it starts its own server)"
        )
    )
    func serverKilledMidRequestFailsCleanlyAndTheClientRecovers() async throws {
        let binary = try #require(RealServer.serverBinary)
        let gguf = try #require(RealServer.gguf)
        let server = try await PrivateLlamaServer(binary: binary, gguf: gguf, ignoringEndOfStream: true)
        let client = RealServer.client(baseURL: server.baseURL) {
            $0.maxConcurrentRequests = 1
            $0.maxRetries = 3
            $0.initialBackoff = .milliseconds(200)
        }
        var long = Self.question
        long.userTurn = "Write a long story about the Eiffel Tower."
        long.maxTokens = 512
        let generation = Task { try await client.generate(long) }
        // Kill once the server is generating: it ignores end-of-stream, so the answer is 512 tokens long and cannot
        // be finished before the kill.
        try await server.waitUntilProcessing(timeout: .seconds(60))
        try await server.killed()
        let clock = ContinuousClock()
        let killed = clock.now
        let result = await generation.result
        let failed = clock.now - killed
        switch result {
        case .success(let response):
            Issue.record("a killed server cannot have answered: \(response.outputs)")
        case .failure(let error):
            let message = String(describing: error)
            #expect(error is GenerationError)
            #expect(message.contains("connection failed"))
            #expect(message.contains("gave up after 4 attempts"))
            print("real-model: killed server -> \(message) after \(failed)")
        }
        #expect(failed < .seconds(30))

        let restarted = try await PrivateLlamaServer(binary: binary, gguf: gguf, port: server.port)
        defer { restarted.kill() }
        let again = try await client.generate(Self.question)
        #expect(again.outputs.count == 1)
    }

    // MARK: - The pipeline's model calls

    /// LLM-mode patch generation against a 135M model: its answers are rarely valid patch JSON. Whatever it says,
    /// the generator validates, retries with the reasons and either returns valid candidates or reports
    /// `modelFailed` with one reason per attempt.
    @Test func llmModePatchGenerationHoldsAndReports() async throws {
        let configuration = PatchGeneratorConfiguration(
            llmAttempts: 2, llmTemperature: 0.7, llmMaxTokens: 96, llmRepresentatives: 2, llmQuoteCharacters: 160)
        let generator = try PatchGenerator(configuration: configuration, model: RealServer.client())
        do {
            let result = try await generator.generate(
                prompt: "You are a support assistant for a travel site. Answer the user's question.",
                cluster: Self.hallucinationCluster(), mode: .llm, count: 3, seed: 7)
            #expect(result.candidates.count == 3)
            #expect(result.model == RealServer.model)
            #expect(result.simulated == false)
            for candidate in result.candidates { #expect(candidate.source == "llm") }
            print("real-model: LLM mode gave \(result.candidates.count) patches, \(result.rejected.count) rejected")
        } catch let error as PatchGenerationError {
            let message = String(describing: error)
            #expect(message.contains("attempt 1"))
            #expect(message.contains("attempt 2"))
            print("real-model: LLM mode reported: \(message.prefix(400))")
        }
    }

    /// The judge on the real model: a rating from 0 to 10 joins the verdict, or, asked twice without one, the error
    /// says so. SmolLM2-135M mostly answers prose ("The Eiffel Tower is 33", cut at 8 tokens: a number above 10 is no
    /// rating), so either outcome is the designed one; a transport error or a rating outside 0...1 is not.
    @Test func judgeRatesOrSaysItGaveNoRating() async throws {
        let experience = Experience(
            id: "judge-1",
            input: "How tall is the Eiffel Tower?",
            context: "The Eiffel Tower is 330 metres tall. It was completed in 1889.",
            response: "The Eiffel Tower is 330 metres tall.",
            reference: "330 metres"
        )
        let model = JudgedRewardModel(verifier: try Verifier(), judge: RealServer.client())
        do {
            let verdict = try await model.score(output: experience.response, for: experience)
            let judge = try #require(verdict.parts.judge)
            #expect((0...1).contains(judge) && (0...1).contains(verdict.reward))
            print("real-model: judge part \(judge), reward \(verdict.reward)")
        } catch let error as VerificationError {
            #expect(error.isJudgeAnswer, "\(error)")
            #expect(model.judgeCalls.made == 0, "no rating is cached")
            print("real-model: the judge gave no rating: \(error)")
        }
    }

    /// A hallucination cluster like the patch generator's fixtures: responses invent a designer and a year.
    static func hallucinationCluster() -> ClusterEvidence {
        let context = "The Eiffel Tower is 330 metres tall. It was completed in 1889. It stands in Paris."
        let representatives = (1...2).map { index in
            ClusterRepresentative(
                id: "h\(index)",
                input: "How tall is the Eiffel Tower and who designed it?",
                response: "The Eiffel Tower is 331 metres tall. It was designed by Elena Lindqvist in 196\(index).",
                failureType: "hallucination",
                distance: Double(index) / 10,
                context: context,
                reference: "The Eiffel Tower is 330 metres tall.")
        }
        return ClusterEvidence(
            clusterID: "cluster_1", size: 12, share: 0.3, severity: 0.2,
            topTerms: [ClusterTerm(term: "lindqvist", weight: 0.5), ClusterTerm(term: "designed", weight: 0.3)],
            label: "lindqvist, designed", failureTypes: ["hallucination": 12], representatives: representatives,
            memberIDs: (1...12).map { "h\($0)" })
    }
}

/// Fails, rather than skips, when CI asked for the real-model tests (`KAIZEN_TEST_REQUIRE_LLM=1`) but no server is
/// named: a provisioning failure must not pass as a skipped suite.
@Test(.enabled(if: RealServer.required, "KAIZEN_TEST_REQUIRE_LLM is not set; the real-model suite may skip"))
func realModelEndpointIsNamedWhenRequired() {
    #expect(RealServer.isConfigured, "KAIZEN_TEST_REQUIRE_LLM=1 but KAIZEN_TEST_LLM_BASE_URL is not set")
}
