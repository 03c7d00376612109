import Experiences
import Foundation
import LanguageModels
import PatchGeneration
import PromptTraining
import Prompts
import RLTraining
import Testing
import TrainingScenarios
import Verification

/// Issue 15, candidates that evolve: with `evolve` on, the trainer proposes candidates from the failures the best
/// variants still show, and finds a combination no candidate it was given holds; with it off it cannot, and the job
/// is what it was.
///
/// Budget for every run: G = 8, B = 8, at most 20 steps, capped at 1280 training rollouts (as ``LearningTests``).
struct CandidateEvolutionTests {
    static let seeds: [UInt64] = Array(1...10)

    /// One job per seed on `scenario`: the result and, when a version was written, its provenance.
    static func runs(
        _ scenario: Scenario, evolve: Bool?, seeds: [UInt64] = Self.seeds
    ) async throws -> [(result: TrainingResult, provenance: Provenance?, file: String?)] {
        try await withThrowingTaskGroup(of: (Int, TrainingResult, Provenance?, String?).self) { group in
            for (index, seed) in seeds.enumerated() {
                group.addTask {
                    try await withTemporaryDirectory { directory in
                        let trainer = try await scenario.trainer(registryDirectory: directory)
                        var request = scenario.request(seed: seed, steps: 20, rolloutBudget: 1280)
                        request.evolve = evolve
                        let result = try await trainer.run(request, jobID: "job-evolve-\(seed)")
                        let provenance = try result.promptID.flatMap(PromptID.init).map {
                            try trainer.registry.version($0).details.provenance
                        }
                        let file = try result.path.map { try String(contentsOfFile: $0, encoding: .utf8) }
                        return (index, result, provenance ?? nil, file)
                    }
                }
            }
            var results = [(result: TrainingResult, provenance: Provenance?, file: String?)?](
                repeating: nil, count: seeds.count)
            for try await (index, result, provenance, file) in group { results[index] = (result, provenance, file) }
            return results.map { $0! }
        }
    }

    /// Whether `result` wrote a version holding both rules the scenario rewards together.
    static func wroteTheCombination(_ result: TrainingResult, _ scenario: Scenario) throws -> Bool {
        let instructions = Set(try scenario.simulator().instructions(in: result.promptText))
        return result.outcome == .written && instructions.isSuperset(of: ["grounding", "answer_scope"])
    }

    @Test func evolutionFindsTheCombinationTheCandidatesLack() async throws {
        let scenario = Scenario.needsEvolution
        let simulator = try scenario.simulator()
        // The setup is what it claims: no candidate states the answer scope, and the combination beats the best
        // variant the candidates can make (grounding alone) by a wide margin.
        for choices in scenario.clusters {
            for choice in choices.candidates {
                #expect(!simulator.instructions(in: choice.candidate.patchText).contains("answer_scope"))
            }
        }
        let values = try VariantValues(scenario, verifier: try Verifier())
        #expect(values.best == Variant([1, 0]) || values.best == Variant([1, 1]) || values.best == Variant([1, 2]))
        var combined = scenario
        combined.clusters[1].candidates.append(
            Scenario.candidate(
                "cluster_2-scope", "Answer whenever the context supports an answer; decline only unsafe requests.",
                score: 0.5))
        let combinedValues = try VariantValues(combined, verifier: try Verifier())
        #expect(combinedValues.value(of: Variant([1, 3])) > values.bestValue + 0.05, "\(combinedValues.ranked)")

        let off = try await Self.runs(scenario, evolve: nil)
        let on = try await Self.runs(scenario, evolve: true)
        #expect(try off.filter { try Self.wroteTheCombination($0.result, scenario) }.isEmpty)
        let found = try on.filter { try Self.wroteTheCombination($0.result, scenario) }
        #expect(
            found.count >= 9,
            "found \(on.map { "\($0.result.outcome): \(try! simulator.instructions(in: $0.result.promptText))" })")
        #expect(on.allSatisfy { $0.result.training.rollouts <= 1280 })
    }

    @Test func theVersionNamesTheParentsAndTheEvidenceOfEveryEvolvedCandidate() async throws {
        let scenario = Scenario.needsEvolution
        let run = try #require(try await Self.runs(scenario, evolve: true, seeds: [3]).first)
        let provenance = try #require(run.provenance, "\(run.result.message)")
        let evolution = try #require(provenance.evolution)
        #expect(!evolution.candidates.isEmpty)
        // The job's result carries the same record, so a caller sees it whether or not a version was written.
        #expect(run.result.evolution == evolution)
        #expect(evolution.candidates.count <= TrainerConfiguration().maxEvolvedCandidates)
        let given = Set(scenario.clusters.flatMap { $0.candidates.map(\.candidate.patchID) })
        var known = given.union(["no_patch"])
        for candidate in evolution.candidates {
            // Parents are candidates the job was given or evolved earlier; the evidence is counted failures.
            #expect(!candidate.parents.isEmpty)
            #expect(candidate.parents.allSatisfy { known.contains($0) }, "\(candidate.parents) not in \(known)")
            #expect(candidate.failingRollouts >= 3 && candidate.failingRollouts <= candidate.rollouts)
            #expect(candidate.evidence.values.reduce(0, +) >= candidate.failingRollouts, "\(candidate.evidence)")
            #expect(candidate.step >= 1)
            known.insert(candidate.patchID)
        }
        // The written variant uses an evolved candidate, named as such; the pool holds variants of known patches.
        let chosen = Set(provenance.patchIDs.values.compactMap { $0 })
        #expect(!chosen.isDisjoint(with: Set(evolution.candidates.map(\.patchID))), "\(provenance.patchIDs)")
        #expect(!evolution.paretoPool.isEmpty)
        for member in evolution.paretoPool {
            #expect(member.values.compactMap { $0 }.allSatisfy { known.contains($0) })
        }
        // The file says so, in snake_case.
        let file = try #require(run.file)
        for key in ["\"evolution\"", "\"parents\"", "\"evidence\"", "\"failing_rollouts\"", "\"pareto_pool\""] {
            #expect(file.contains(key), "\(key) missing")
        }
    }

    @Test func withoutEvolveTheJobIsWhatItWas() async throws {
        let scenario = Scenario.needsEvolution
        let plain = try #require(try await Self.runs(scenario, evolve: nil, seeds: [1]).first)
        let off = try #require(try await Self.runs(scenario, evolve: false, seeds: [1]).first)
        var plainResult = plain.result
        var offResult = off.result
        (plainResult.path, offResult.path) = (nil, nil)  // two temporary registries
        #expect(plainResult == offResult)
        #expect(plain.provenance?.evolution == nil)
        #expect(plain.result.evolution == nil)
        #expect(plain.result.outcome == .written, "\(plain.result.message)")
        #expect(plain.file?.contains("\"evolution\"") == false)
        // The request's identity (the job id's input) does not change when the option is left out.
        var request = scenario.request(seed: 1, steps: 20, rolloutBudget: 1280)
        let before = try request.identity()
        request.evolve = nil
        #expect(try request.identity() == before)
        #expect(!String(decoding: before, as: UTF8.self).contains("evolve"))
    }

    @Test func evolutionIsRefusedUnderSuccessiveHalving() async throws {
        try await withTemporaryDirectory { directory in
            var trainer = try await Scenario.needsEvolution.trainer(registryDirectory: directory)
            var request = Scenario.needsEvolution.request(seed: 1, steps: 20, rolloutBudget: 1280)
            request.evolve = true
            request.allocation = .successiveHalving
            #expect {
                _ = try trainer.validate(request)
            } throws: { error in
                "\(error)".contains("'evolve' needs the policy allocation")
            }
            request.evolve = false
            _ = try trainer.validate(request)
            // A trainer whose default is successive halving runs an evolving job under the policy allocation.
            trainer.configuration.allocation = .successiveHalving
            request.evolve = true
            request.allocation = nil
            _ = try trainer.validate(request)
            let result = try await trainer.run(request, jobID: "job-evolve-halving-default")
            #expect(result.training.allocation == .policy)
            #expect(result.evolution != nil)
        }
    }
}
