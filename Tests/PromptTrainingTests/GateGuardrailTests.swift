import Experiences
import Foundation
import LanguageModels
import PromptTraining
import Prompts
import RLTraining
import Synchronization
import Testing
import TrainingScenarios
import Verification

/// The held-out gate's guardrails, its minimum data, and reward models swapped in through the protocol.
struct GateGuardrailTests {
    /// A rule that all but ends hallucinations by making the model decline. The base prompt hallucinates on about
    /// 70% of these questions; under the rule about half the answers are refusals and half are grounded. Mean reward
    /// rises a lot (a refusal scores above a hallucination, and more answers are grounded), but the refusal rate
    /// jumps from about 1% to about 45%.
    static func refusalTrade() -> Scenario {
        var groups = Scenario.Groups(scale: 1)
        let failures = groups.next(.answerable, 40, "rt-c1", failed: true)
        let successes = groups.next(.answerable, 40, "rt", failed: false)
        return Scenario(
            name: "fewer hallucinations by refusing",
            table: EffectTable(
                base: [.hallucination: 1, .verbosity: -4, .format: -6, .refusal: -4, .incomplete: -4],
                kinds: ["answerable": .init(answerable: true)],
                instructions: [
                    .init(
                        name: "decline_when_unsure", triggers: ["decline whenever you are unsure"],
                        effects: [.hallucination: -5, .refusal: 4])
                ]),
            experiences: failures + successes,
            clusters: [
                Scenario.cluster(
                    "cluster_1", label: "invented facts", members: failures,
                    candidates: [
                        Scenario.candidate("cluster_1-decline", "Decline whenever you are unsure.", score: 0.9)
                    ])
            ])
    }

    /// The guardrails also see logged successes beyond the split, where a prompt that declines answerable
    /// requests shows it; the gain stays the held-out part's. On this job (the evolution scenario's plain run, seed
    /// 5) the held-out part alone (20 experiences) let through a rule that raises refusals; with the 8 successes the
    /// scenario has left beyond the split, the refusal guardrail blocks it.
    @Test func extraSuccessesLetTheGuardrailsSeeARefusalRiseTheHeldOutPartMisses() async throws {
        let scenario = Scenario.needsEvolution
        let reports = Mutex<[TrainingProgress]>([])
        func run(guardrailSuccesses: Int?) async throws -> TrainingResult {
            reports.withLock { $0 = [] }
            return try await withTemporaryDirectory { directory in
                let trainer = try await scenario.trainer(registryDirectory: directory)
                var request = scenario.request(seed: 5, steps: 20, rolloutBudget: 1280)
                request.guardrailSuccesses = guardrailSuccesses
                return try await trainer.run(
                    request, jobID: "job-guardrail-sample",
                    progress: { report in reports.withLock { $0.append(report) } })
            }
        }
        let heldOutOnly = try await run(guardrailSuccesses: 0)
        let withSample = try await run(guardrailSuccesses: nil)
        // Before the extra calls the job reports where it is: the training and held-out rollouts done.
        let gateStart = withSample.training.rollouts + 2 * withSample.evaluation.experiences
        #expect(reports.withLock { $0 }.contains { $0.phase == .evaluating && $0.rollouts == gateStart })
        #expect(heldOutOnly.outcome == .written, "\(heldOutOnly.message)")
        #expect(heldOutOnly.evaluation.guardrailExperiences == heldOutOnly.evaluation.experiences)
        // Same training, same held-out part, same gain; the guardrails saw the extra successes too.
        #expect(withSample.patchIDs == heldOutOnly.patchIDs)
        #expect(withSample.evaluation.gain == heldOutOnly.evaluation.gain)
        #expect(withSample.evaluation.experienceIDs == heldOutOnly.evaluation.experienceIDs)
        let extra = withSample.evaluation.guardrailExperiences - withSample.evaluation.experiences
        #expect(extra > 0, "the scenario has successes left beyond the split")
        #expect(withSample.evaluation.rollouts == heldOutOnly.evaluation.rollouts + 2 * extra)
        #expect(withSample.outcome == .blockedByGuardrail, "\(withSample.message)")
        #expect(withSample.message.contains("refusal rate"), "\(withSample.message)")
        #expect(withSample.message.contains("and \(extra) more logged successes"), "\(withSample.message)")
        let refusal = try #require(heldOutOnly.evaluation.guardrails.first { $0.name == "refusal" })
        #expect(!refusal.blocked, "\(refusal.sentence)")
        // The plan announced with the loaded data names those calls apart from the rest, and so does every later
        // event (a polled job may only show those).
        let planned = reports.withLock { $0 }.filter { $0.plannedRollouts != nil }
        #expect(planned.contains { $0.phase == .loading } && planned.contains { $0.phase == .training })
        #expect(planned.allSatisfy { $0.guardrailRollouts == 2 * extra }, "\(planned.map(\.guardrailRollouts))")
    }

    /// Answers "patched" when the system prompt carries `patch`, else "base": which prompt answered, nothing more.
    struct PromptEcho: LanguageModel {
        let patch: String
        var name: String { "prompt-echo" }
        func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
            let output = request.systemPrompt.contains(self.patch) ? "patched" : "base"
            return GenerationResponse(
                outputs: Array(repeating: output, count: request.n), usage: TokenUsage(), model: self.name,
                simulated: false)
        }
    }

    /// Rewards the patched prompt's answer by 0.5, except on `noGain`'s experiences, where both score alike.
    struct GainExcept: RewardModel {
        let noGain: Set<String>
        var name: String { "gain-except/1" }
        func score(output: String, for experience: Experience) async throws -> Verdict {
            let gains = output == "patched" && !self.noGain.contains(experience.id)
            return Verdict(
                id: experience.id, reward: gains ? 0.9 : 0.4, parts: RewardParts(grounding: 1, length: 1),
                hallucination: false, unsupportedClaims: [])
        }
    }

    /// A gain that rests on five held-out experiences clears its interval but not the sign-flip test (p = 1/32): the
    /// gate refuses it whatever the guardrails would say, so the guardrails' extra successes are not answered.
    @Test func aGainTheSignFlipTestRefusesDoesNotPayForTheGuardrailSample() async throws {
        let scenario = Self.refusalTrade()
        let patch = "Decline whenever you are unsure."
        func run(_ rewardModel: GainExcept) async throws -> TrainingResult {
            try await withTemporaryDirectory { directory in
                var trainer = try await scenario.trainer(registryDirectory: directory)
                trainer.model = PromptEcho(patch: patch)
                trainer.rewardModel = rewardModel
                // Half the successes in the split, so the other 20 are left for the guardrails.
                var request = scenario.request(seed: 2, steps: 10, rolloutBudget: 640)
                request.successRatio = 0.5
                request.heldOutFraction = 0.4
                return try await trainer.run(request, jobID: "job-sign-flip")
            }
        }
        // A gain on every experience: written, and the guardrails saw the extra successes.
        let everywhere = try await run(GainExcept(noGain: []))
        #expect(everywhere.outcome == .written, "\(everywhere.message)")
        #expect(everywhere.evaluation.guardrailExperiences > everywhere.evaluation.experiences)
        // The same split (the seed decides it), with the gain left on five of the held-out experiences alone.
        let heldOut = everywhere.evaluation.experienceIDs
        let few = try await run(GainExcept(noGain: Set(heldOut.dropFirst(5))))
        #expect(few.patchIDs == everywhere.patchIDs)
        #expect(few.evaluation.experienceIDs == heldOut)
        #expect(few.evaluation.gain.low > 0, "the interval alone would pass: \(few.evaluation.gain)")
        #expect(few.outcome == .noSignificantImprovement, "\(few.message)")
        #expect(few.message.contains("sign-flip test"), "\(few.message)")
        #expect(few.evaluation.guardrailExperiences == few.evaluation.experiences)
        #expect(few.evaluation.rollouts == 2 * few.evaluation.experiences)
    }

    @Test func theGateRefusesAVersionThatTradesHallucinationsForRefusals() async throws {
        let scenario = Self.refusalTrade()
        try await withTemporaryDirectory { directory in
            let trainer = try await scenario.trainer(registryDirectory: directory)
            let result = try await trainer.run(
                scenario.request(seed: 2, steps: 20, rolloutBudget: 1280), jobID: "job-refusal")
            #expect(result.patchIDs == ["cluster_1": "cluster_1-decline"], "\(result.training.probabilities)")
            let evaluation = result.evaluation
            #expect(evaluation.experiences >= 20)
            #expect(evaluation.hallucinationRateAfter < evaluation.hallucinationRateBefore)
            #expect(evaluation.gain.low > 0, "the reward alone would pass: \(evaluation.gain)")
            let refusal = try #require(evaluation.guardrails.first { $0.name == "refusal" })
            #expect(refusal.blocked && refusal.after > refusal.before + 0.2, "\(refusal)")
            #expect(result.outcome == .blockedByGuardrail)
            #expect(result.message.contains("refusal rate"), "\(result.message)")
            #expect(result.promptID == nil)
            #expect(try trainer.registry.ids().map(\.description) == [Scenario.basePromptID])
        }
    }

    @Test func withoutTheGuardrailTheSameRunWritesAVersion() async throws {
        let scenario = Self.refusalTrade()
        try await withTemporaryDirectory { directory in
            var trainer = try await scenario.trainer(registryDirectory: directory)
            trainer.configuration.guardrailTolerance = 1
            let result = try await trainer.run(
                scenario.request(seed: 2, steps: 20, rolloutBudget: 1280), jobID: "job-refusal")
            #expect(result.outcome == .written, "\(result.message)")
            let version = try trainer.registry.version(named: try #require(result.promptID))
            let guardrails = try #require(version.details.provenance?.guardrails, "\(version.metadata)")
            #expect(guardrails["refusal"]?.blocked == false)
            #expect(
                Set(guardrails.keys) == [
                    "refusal", "unanswered", "missed_abstention", "hallucination", "incomplete", "format", "mean_words",
                ])
        }
    }

    /// The simulator's answers relabelled as a real endpoint's (its own model name, not simulated).
    struct RelabelledModel: LanguageModel {
        let simulator: Simulator
        var name: String { "endpoint-alias" }
        func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
            var response = try await self.simulator.generate(request)
            response.model = "served-model-7b"
            response.simulated = false
            return response
        }
    }

    @Test func aVersionSaysWhatAnsweredAndWhetherItWasSimulated() async throws {
        let scenario = Self.refusalTrade()
        try await withTemporaryDirectory { directory in
            var trainer = try await scenario.trainer(registryDirectory: directory)
            trainer.configuration.guardrailTolerance = 1
            trainer.model = RelabelledModel(simulator: try scenario.simulator())
            let result = try await trainer.run(
                scenario.request(seed: 2, steps: 20, rolloutBudget: 1280), jobID: "job-real")
            let version = try trainer.registry.version(named: try #require(result.promptID, "\(result.message)"))
            let provenance = try #require(version.details.provenance)
            #expect(provenance.simulated == false)
            #expect(provenance.servedModels == ["served-model-7b"])
            #expect(provenance.model == "endpoint-alias")
        }
    }

    @Test func aHeldOutPartTooSmallForAnIntervalWritesNothing() async throws {
        let scenario = Self.refusalTrade()
        try await withTemporaryDirectory { directory in
            var trainer = try await scenario.trainer(registryDirectory: directory)
            trainer.configuration.guardrailTolerance = 1
            var request = scenario.request(seed: 2, steps: 20, rolloutBudget: 1280)
            request.heldOutFraction = 0.1  // 8 of 80
            let result = try await trainer.run(request, jobID: "job-small")
            #expect(result.outcome == .tooLittleData, "\(result.message)")
            #expect(
                result.message.contains("at least 20") && !result.message.contains("interval ["), "\(result.message)")
            #expect(try trainer.registry.ids().map(\.description) == [Scenario.basePromptID])
        }
    }

    /// A reward model that likes refusals: swapped in through the protocol, it must change what training picks.
    struct RefusalLover: RewardModel {
        var name: String { "refusal-lover/1" }
        func score(output: String, for experience: Experience) async throws -> Verdict {
            let refuses = output.lowercased().contains("can't help")
            return Verdict(
                id: experience.id, reward: refuses ? 1 : 0, failureModes: refuses ? [] : [.unanswered],
                parts: RewardParts(grounding: 1, length: 1), hallucination: false, unsupportedClaims: [])
        }
    }

    @Test func aRewardModelSwappedInChangesWhatTrainingPicks() async throws {
        // Under the verifier every candidate of `onlyHarmful` hurts and training keeps the base prompt
        // (RegistryWriteTests); under a reward model that likes refusals, the refusal rule wins.
        let scenario = Scenario.onlyHarmful
        try await withTemporaryDirectory { directory in
            var trainer = try await scenario.trainer(registryDirectory: directory)
            let request = scenario.request(seed: 3, steps: 20, rolloutBudget: 1280)
            let verifierPick = try await trainer.run(request, jobID: "job-verifier")
            #expect(verifierPick.patchIDs == ["cluster_1": String?.none], "\(verifierPick.training.probabilities)")
            trainer.rewardModel = RefusalLover()
            let loving = try await trainer.run(request, jobID: "job-love")
            #expect(loving.patchIDs == ["cluster_1": "cluster_1-refuse"], "\(loving.training.probabilities)")
            // 16 experiences hold out 5: far too few for the gate, whatever the reward model.
            #expect(loving.outcome == .tooLittleData)
        }
    }
}
