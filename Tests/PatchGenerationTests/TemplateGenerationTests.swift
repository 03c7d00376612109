import LanguageModels
import PatchGeneration
import Testing

struct TemplateGenerationTests {
    let generator = try! PatchGenerator()

    @Test func hallucinationClusterGetsGroundingPatchesFirstWithEvidence() async throws {
        let cluster = Fixtures.hallucinationCluster()
        let result = try await self.generator.generate(prompt: Fixtures.paragraphPrompt, cluster: cluster, count: 5)
        #expect(result.candidates.count == 5)
        #expect(result.modes.first?.mode == .hallucination)
        let first = try #require(result.candidates.first)
        #expect(first.strategy == "grounding_rule")
        #expect(first.targets.first == "hallucination")
        let strategies = result.candidates.map(\.strategy)
        #expect(Set(strategies).count == 5)
        #expect(strategies.contains("worked_example"))
        #expect(Set(result.candidates.map(\.patchID)).count == 5)
        for candidate in result.candidates {
            #expect(candidate.patchID == "cluster_1-\(candidate.strategy)")
            #expect(candidate.apply(to: Fixtures.paragraphPrompt) == candidate.promptText)
            #expect(candidate.explanation.contains("cluster_1"))
            #expect(candidate.explanation.contains("42 failures"))
            #expect(candidate.explanation.contains("lindqvist"))
            #expect(candidate.explanation.contains("h1"))
            #expect(candidate.source == "template")
        }
    }

    @Test func groundingPatchesLowerSimulatedHallucination() async throws {
        let result = try await self.generator.generate(
            prompt: Fixtures.paragraphPrompt, cluster: Fixtures.hallucinationCluster(), count: 3)
        let before = Fixtures.hallucinationProbability(under: Fixtures.paragraphPrompt)
        for candidate in result.candidates where candidate.targets.first == "hallucination" {
            #expect(
                Fixtures.hallucinationProbability(under: candidate.promptText) < before - 0.05, "\(candidate.strategy)")
        }
    }

    @Test func sameSeedSameCandidatesInTheSameOrder() async throws {
        let cluster = Fixtures.hallucinationCluster()
        for seed: UInt64 in [0, 1, 42] {
            let first = try await self.generator.generate(
                prompt: Fixtures.paragraphPrompt, cluster: cluster, count: 4, seed: seed)
            let second = try await self.generator.generate(
                prompt: Fixtures.paragraphPrompt, cluster: cluster, count: 4, seed: seed)
            #expect(first == second)
        }
        let texts = try await Set(
            (0..<8).asyncMap { seed in
                try await self.generator.generate(
                    prompt: Fixtures.paragraphPrompt, cluster: cluster, count: 4, seed: UInt64(seed)
                ).candidates.map(\.patchText)
            })
        #expect(texts.count > 1)  // the seed picks phrasings
    }

    @Test(arguments: [0, 2, 6, 10])
    func countOutsideThreeToFiveIsRejected(count: Int) async throws {
        await #expect(throws: PatchGenerationError.countOutOfRange(count, allowed: 3...5)) {
            try await self.generator.generate(
                prompt: Fixtures.paragraphPrompt, cluster: Fixtures.hallucinationCluster(), count: count)
        }
    }

    @Test func emptyPromptAndEmptyClusterAreRejected() async throws {
        await #expect(throws: PatchGenerationError.emptyPrompt) {
            try await self.generator.generate(prompt: "  \n", cluster: Fixtures.hallucinationCluster())
        }
        let empty = ClusterEvidence(clusterID: "cluster_9", size: 0)
        let error = await #expect(throws: PatchGenerationError.self) {
            try await self.generator.generate(prompt: Fixtures.paragraphPrompt, cluster: empty)
        }
        #expect(error?.isInvalidRequest == true)
        #expect(error?.description.contains("cluster_9") == true)
        await #expect(throws: PatchGenerationError.missingField("prompt_text")) {
            try await self.generator.generate(PatchGenerationRequest(cluster: Fixtures.hallucinationCluster()))
        }
    }

    @Test func neverDuplicatesAnInstructionThePromptHasInOtherWords() async throws {
        let prompt = "SYSTEM: You answer travel questions. Never fabricate facts; rely on the provided documents only."
        let result = try await self.generator.generate(
            prompt: prompt, cluster: Fixtures.hallucinationCluster(), count: 3)
        let strategies = result.candidates.map(\.strategy)
        #expect(!strategies.contains("grounding_rule"))
        #expect(!strategies.contains("grounded_abstention"))
        #expect(result.skipped.contains { $0.strategy == "grounding_rule" && $0.reason.contains("grounding") })
        for candidate in result.candidates where candidate.strategy != "clarify_clause" {
            #expect(!InstructionFamily.grounding.isPresent(in: candidate.patchText), "\(candidate.strategy)")
        }
    }

    @Test func aVagueClauseIsClarifiedInPlace() async throws {
        let prompt = "SYSTEM: You answer travel questions. Be accurate."
        let result = try await self.generator.generate(
            prompt: prompt, cluster: Fixtures.hallucinationCluster(), count: 5)
        let clarified = try #require(result.candidates.first { $0.strategy == "clarify_clause" })
        #expect(clarified.operation == .replace)
        #expect(clarified.anchor == "Be accurate.")
        #expect(clarified.patchText.hasPrefix("Be accurate: "))
        #expect(clarified.promptText == "SYSTEM: You answer travel questions. " + clarified.patchText)
        #expect(Simulator().instructions(in: clarified.promptText).contains("grounding"))
    }

    @Test func refusalClusterNarrowsAnExistingAbstentionClause() async throws {
        let prompt = "SYSTEM: Help travellers with their questions. If unsure, say you don't know."
        let result = try await self.generator.generate(prompt: prompt, cluster: Fixtures.refusalCluster(), count: 3)
        let narrowed = try #require(result.candidates.first)
        #expect(narrowed.strategy == "narrow_abstention")
        #expect(narrowed.operation == .replace)
        #expect(narrowed.anchor == "If unsure, say you don't know.")
        let simulator = Simulator()
        #expect(simulator.instructions(in: prompt).contains("abstention"))
        #expect(!simulator.instructions(in: narrowed.promptText).contains("abstention"))
        let request = { (text: String) in
            GenerationRequest(systemPrompt: text, userTurn: "How tall is it?", context: Fixtures.context)
        }
        #expect(
            simulator.distribution(for: request(narrowed.promptText))[.refusal]
                < simulator.distribution(for: request(prompt))[.refusal])
    }

    @Test func verbosityAndFormatClustersGetTheirStrategies() async throws {
        let verbose = try await self.generator.generate(
            prompt: Fixtures.paragraphPrompt, cluster: Fixtures.verbosityCluster())
        #expect(verbose.candidates.first?.strategy == "length_budget")
        // The budget comes from the references: twice the median (7 words) rounded up to 20.
        #expect(verbose.candidates.first?.patchText.contains("20 words") == true)
        let format = try await self.generator.generate(
            prompt: Fixtures.paragraphPrompt, cluster: Fixtures.formatCluster())
        let contract = try #require(format.candidates.first)
        #expect(contract.strategy == "format_contract")
        #expect(contract.patchText.lowercased().contains("json"))
        #expect(Simulator().instructions(in: contract.promptText).contains("format_contract"))
    }

    @Test func workedExampleQuotesOnlyShortFragmentsAndCitesItsCase() async throws {
        let result = try await self.generator.generate(
            prompt: Fixtures.paragraphPrompt, cluster: Fixtures.hallucinationCluster(), count: 5)
        let example = try #require(result.candidates.first { $0.strategy == "worked_example" })
        #expect(example.patchText.contains("case h"))
        #expect(example.patchText.contains("\""))
        let cluster = Fixtures.hallucinationCluster()
        let guardrail = InjectionGuard(representatives: cluster.representatives, basePrompt: Fixtures.paragraphPrompt)
        #expect(guardrail.violation(in: example.patchText) == nil)
        // No 8-word run of any input or response appears in it.
        let words = TextNormalization.words(example.patchText).joined(separator: " ")
        for representative in cluster.representatives {
            for text in [representative.input, representative.response] {
                let source = TextNormalization.words(text)
                for start in 0...(source.count - 8) {
                    #expect(!words.contains(source[start..<(start + 8)].joined(separator: " ")))
                }
            }
        }
    }

    /// In a conversation logged as one text, the example quotes the user's last turn without its speaker tag, not
    /// the opening of the conversation ("human do you know about the" before).
    @Test func workedExampleQuotesTheLastUserTurnOfAConversation() async throws {
        var cluster = Fixtures.hallucinationCluster()
        for index in cluster.representatives.indices {
            cluster.representatives[index].input =
                "[Human]: Do you know about Paris? [Assistant]: Yes, I love it. [Human]: How tall is the Eiffel Tower?"
        }
        let result = try await self.generator.generate(prompt: Fixtures.paragraphPrompt, cluster: cluster, count: 5)
        let example = try #require(result.candidates.first { $0.strategy == "worked_example" })
        #expect(example.patchText.contains("asked \"how tall is the eiffel tower\""), "\(example.patchText)")
        #expect(!example.patchText.lowercased().contains("human"))
    }

    @Test func patchesFollowThePromptsLayout() async throws {
        let cluster = Fixtures.hallucinationCluster()
        let bullets = "You are a travel assistant.\n- Be polite.\n- Answer in English."
        let bulleted = try await self.generator.generate(prompt: bullets, cluster: cluster)
        for candidate in bulleted.candidates where candidate.operation != .replace {
            #expect(candidate.patchText.hasPrefix("- "))
            #expect(candidate.promptText.hasPrefix(bullets + "\n- "))
        }

        let numbered = "Rules for the assistant\n1. Be polite.\n2. Answer in English.\nThanks."
        let numberedResult = try await self.generator.generate(prompt: numbered, cluster: cluster)
        let first = try #require(numberedResult.candidates.first)
        #expect(first.operation == .insertAfter)
        #expect(first.anchor == "2. Answer in English.")
        #expect(first.patchText.hasPrefix("3. "))
        #expect(first.promptText.hasSuffix("\nThanks."))

        let sections =
            "# Role\nYou help travellers.\n\n# Rules\n* Be polite.\n* Answer in English.\n\n# Tone\nFriendly."
        let sectioned = try await self.generator.generate(prompt: sections, cluster: cluster)
        let rule = try #require(sectioned.candidates.first)
        #expect(rule.operation == .insertAfter)
        #expect(rule.anchor == "* Answer in English.")
        #expect(rule.patchText.hasPrefix("* "))
        #expect(rule.promptText.contains("* Answer in English.\n" + rule.patchText + "\n\n# Tone"))

        let prose = try await self.generator.generate(prompt: Fixtures.paragraphPrompt, cluster: cluster)
        let appended = try #require(prose.candidates.first)
        #expect(appended.operation == .append)
        #expect(appended.promptText == Fixtures.paragraphPrompt + " " + appended.patchText)
        #expect(!appended.promptText.contains("\n"))
    }

    @Test func tooFewApplicableStrategiesIsAClearError() async throws {
        // A prompt with every rule family already leaves only the worked example (and no vague clause to clarify).
        let prompt = """
            SYSTEM: Only use the context. If the context does not contain the answer, say you don't know. \
            Quote numbers exactly. Be concise. Answer every part of the question. Follow the output format. \
            Decline only requests that are unsafe.
            """
        let error = await #expect(throws: PatchGenerationError.self) {
            try await self.generator.generate(prompt: prompt, cluster: Fixtures.hallucinationCluster(), count: 5)
        }
        #expect(error?.description.contains("requested") == true)
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}

/// A candidate never leaves a prompt telling the model two contradictory things.
struct ContradictionTests {
    let generator = try! PatchGenerator()

    /// Pairs of families that contradict each other, both present in `text`.
    static func contradictions(in text: String) -> [String] {
        let present = InstructionFamily.present(in: text)
        return present.flatMap { family in
            family.conflicts.filter(present.contains).map { "\(family.rawValue) vs \($0.rawValue)" }
        }
    }

    @Test func aRefusalClusterNeverAddsAnAnswerScopeBesideAnAbstentionRule() async throws {
        // The prompt a user found: round 1 added the abstention rule, round 2's refusal cluster then proposed
        // "decline only what is unsafe" beside it.
        let prompt =
            "SYSTEM: Help travellers with their questions. Only use the context. "
            + "If the answer is not in the context, say \"I don't know\"."
        let result = try await self.generator.generate(prompt: prompt, cluster: Fixtures.refusalCluster(), count: 3)
        for candidate in result.candidates {
            #expect(
                Self.contradictions(in: candidate.promptText).isEmpty, "\(candidate.strategy): \(candidate.promptText)")
        }
        let narrowed = try #require(result.candidates.first { $0.strategy == "narrow_abstention" })
        #expect(narrowed.operation == .replace)
        let skipped = try #require(result.skipped.first { $0.strategy == "answer_scope" })
        #expect(skipped.reason.contains("contradicts the prompt's abstention instruction"), "\(skipped.reason)")
    }

    @Test func anAbstentionRuleReplacesAnAnswerScopeItContradicts() async throws {
        let scope = "Treat ordinary questions as answerable, and decline only requests that are unsafe."
        let prompt = "SYSTEM: Help travellers with their questions. " + scope
        #expect(Self.contradictions(in: prompt).isEmpty)
        let result = try await self.generator.generate(
            prompt: prompt, cluster: Fixtures.hallucinationCluster(), count: 5)
        for candidate in result.candidates {
            #expect(
                Self.contradictions(in: candidate.promptText).isEmpty, "\(candidate.strategy): \(candidate.promptText)")
        }
        let abstaining = result.candidates.filter {
            InstructionFamily.abstention.isPresent(in: $0.promptText)
        }
        #expect(!abstaining.isEmpty, "\(result.candidates.map(\.strategy)) skipped \(result.skipped)")
        for candidate in abstaining {
            #expect(candidate.operation == .replace && candidate.anchor == scope, "\(candidate.strategy)")
            #expect(candidate.explanation.contains("which it contradicts"), "\(candidate.explanation)")
        }
    }

    @Test func aContradictedClauseSharedWithAnotherInstructionIsNotReplacedAndTheSkipSaysWhy() async throws {
        let prompt = "SYSTEM: Be concise and if unsure say you don't know."
        let result = try await self.generator.generate(prompt: prompt, cluster: Fixtures.refusalCluster(), count: 3)
        for candidate in result.candidates {
            #expect(
                Self.contradictions(in: candidate.promptText).isEmpty,
                "\(candidate.strategy) \(candidate.operation) \(candidate.anchor ?? "-"): \(candidate.promptText)")
        }
        if !result.candidates.contains(where: { $0.strategy == "answer_scope" }) {
            let skipped = try #require(result.skipped.first { $0.strategy == "answer_scope" })
            #expect(skipped.reason.contains("contradicts the prompt's abstention instruction"), "\(skipped.reason)")
        }
    }
}
