import DemoWorld
import Experiences
import Foundation
import LanguageModels
import Synchronization
import Testing
import Verification

struct InteractionLoggingTests {
    static let world = DemoWorld.generate(configuration: DemoWorldConfiguration(seed: 11))

    static func log(
        prompt: String = world.initialPrompt, round: Int = 1, count: Int = 60, seed: UInt64 = 3,
        concurrency: Int = 16
    ) async throws -> [Experience] {
        try await Self.world.logExperiences(
            prompt: (id: "p_v1_1", text: prompt), round: round, count: count, model: Simulator(),
            verifier: try Verifier(), seed: seed,
            configuration: InteractionLogConfiguration(maxConcurrency: concurrency))
    }

    @Test func sameSeedGivesTheSameExperiencesWhateverTheConcurrency() async throws {
        let first = try await Self.log()
        #expect(first == (try await Self.log()))
        #expect(first == (try await Self.log(concurrency: 1)))
        #expect(first != (try await Self.log(seed: 4)))
    }

    @Test func experiencesCarryIdsTimelinePromptAndMetadata() async throws {
        let experiences = try await Self.log(round: 2, count: 150)
        #expect(experiences.count == 150)
        #expect(Set(experiences.map(\.id)).count == 150)
        #expect(experiences[0].id == "demo-r2-p_v1_1-0000")
        #expect(experiences[149].id == "demo-r2-p_v1_1-0149")
        #expect(experiences[0].createdAt.map(RFC3339.string(from:)) == "2025-12-03T00:00:00Z")
        #expect(experiences[61].createdAt.map(RFC3339.string(from:)) == "2025-12-03T01:01:00Z")
        for experience in experiences {
            #expect(experience.promptID == "p_v1_1")
            #expect(experience.metadata["round"] == .integer(2))
            #expect(experience.metadata["simulated"] == .bool(true))
            #expect(experience.metadata["kind"] != nil)
            #expect(experience.reward.map { (0...1).contains($0) } == true)
            #expect(experience.success == (experience.failureType == nil))
            #expect(experience.context != nil && experience.reference != nil)
            if experience.metadata["hallucination"] == .bool(true) {
                #expect(experience.failureType == "hallucination")
            }
        }
        // More interactions than questions: every question is asked before any is asked twice.
        let asked = experiences.prefix(Self.world.questions.count).compactMap { $0.metadata["question_id"] }
        #expect(Set(asked).count == Self.world.questions.count)
    }

    @Test func theInitialPromptFailsInSeveralWays() async throws {
        let experiences = try await Self.log(count: 400)
        let summary = RoundSummary(round: 1, experiences: experiences)
        #expect(summary.interactions == 400)
        #expect(summary.failures == experiences.filter { $0.success == false }.count)
        for type in ["hallucination", "verbose", "incomplete"] {
            #expect(summary.failuresByType[type, default: 0] >= 10, "\(type): \(summary.failuresByType)")
        }
        #expect(
            summary.failuresByType["hallucination", default: 0]
                == experiences.filter {
                    $0.metadata["hallucination"] == .bool(true)
                }.count)
    }

    @Test func aGroundingInstructionLowersTheHallucinationRate() async throws {
        let before = RoundSummary(round: 1, experiences: try await Self.log(count: 400))
        let after = RoundSummary(
            round: 1,
            experiences: try await Self.log(
                prompt: Self.world.initialPrompt + " Only use the context.",
                count: 400))
        // Default table: answerable 18% → 5%, numeric 27% → 8%, unanswerable 62% → 27% hallucination.
        #expect(before.hallucinationRate > 0.2)
        #expect(after.hallucinationRate < before.hallucinationRate - 0.12, "\(before) vs \(after)")
        #expect(after.meanReward > before.meanReward)
    }

    @Test func aWorldWithoutQuestionsThrows() async throws {
        let empty = DemoWorld(name: "empty", initialPrompt: "SYSTEM: hi", documents: [], questions: [])
        await #expect(throws: DemoWorldError.self) {
            _ = try await empty.logExperiences(
                prompt: (id: "p", text: "x"), round: 0, count: 1, model: Simulator(), verifier: try Verifier(),
                seed: 0)
        }
        let none = try await empty.logExperiences(
            prompt: (id: "p", text: "x"), round: 0, count: 0, model: Simulator(), verifier: try Verifier(), seed: 0)
        #expect(none.isEmpty)
    }

    /// The simulator, except that the calls whose user turn hashes into `failing` fail for good.
    struct FlakyModel: LanguageModel {
        var failEvery: Int
        var name: String { "flaky" }
        func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
            if Int((request.seed ?? 0) % UInt64(self.failEvery)) == 0 {
                throw GenerationError.backend("no complete answer within 60 s (gave up after 5 attempts)")
            }
            return try await Simulator().generate(request)
        }
    }

    @Test func aFailedGenerationCostsItsInteractionNotTheRound() async throws {
        let skipped = Counter()
        let experiences = try await Self.world.logExperiences(
            prompt: (id: "p_v1_1", text: Self.world.initialPrompt), round: 1, count: 60,
            model: FlakyModel(failEvery: 5),
            verifier: try Verifier(), seed: 3, skipped: { _, _ in skipped.increment() })
        #expect(skipped.value > 0 && skipped.value < 30)
        #expect(experiences.count == 60 - skipped.value)
        #expect(Set(experiences.map(\.id)).count == experiences.count)
    }

    @Test func anEndpointThatFailsMostCallsStopsTheRound() async throws {
        await #expect(throws: DemoWorldError.self) {
            _ = try await Self.world.logExperiences(
                prompt: (id: "p_v1_1", text: Self.world.initialPrompt), round: 1, count: 20,
                model: FlakyModel(failEvery: 1), verifier: try Verifier(), seed: 3)
        }
    }
}

final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() { self.count.withLock { $0 += 1 } }
    var value: Int { self.count.withLock { $0 } }
}
