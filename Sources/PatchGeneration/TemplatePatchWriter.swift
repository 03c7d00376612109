import Experiences
import Foundation
import LanguageModels
import Randomness
import Verification

/// Template mode: drafts one patch per applicable strategy, orders them by relevance to the cluster, and keeps the
/// first `count` that pass the injection guard.
///
/// Relevance of a draft is `Σ_c score(c) · fit(c)` over the cluster's inferred categories; ties (and only ties) are
/// broken by a key derived from the seed, and the seed also picks each strategy's phrasing and the worked example's
/// representative, so the same inputs and seed give the same candidates in the same order.
struct TemplatePatchWriter {
    let prompt: String
    let cluster: ClusterEvidence
    let inference: ModeInference.Result
    let configuration: PatchGeneratorConfiguration
    let seed: UInt64

    /// Relevances closer than this are a tie, broken by the seeded key: sums of the same products in another order
    /// may differ in the last bits.
    static let relevanceTie = 1e-12

    var tuning: TemplatePatchTuning { self.configuration.template }

    struct Draft {
        var strategy: PatchStrategy
        var placement: PromptLayout.Placement
        var fit: [FailureCategory: Double]
        var note: String
        var representativeIDs: [String] = []
    }

    enum DraftOutcome {
        case draft(Draft)
        case skipped(SkippedStrategy)
    }

    /// The candidates, with the drafts rejected by the guard and the strategies skipped.
    func write(
        count: Int
    ) throws -> (
        candidates: [PatchCandidate], rejected: [RejectedPatch], skipped: [SkippedStrategy]
    ) {
        let present = InstructionFamily.present(in: self.prompt)
        let layout = PromptLayout(prompt: self.prompt)
        let guardrail = InjectionGuard(
            representatives: self.cluster.representatives, basePrompt: self.prompt,
            spanLength: self.configuration.injectionSpanTokens)
        let streamSeed = self.seed ^ StableID.hash(self.cluster.clusterID)

        var drafts: [Draft] = []
        var skipped: [SkippedStrategy] = []
        for (index, strategy) in PatchStrategy.allCases.enumerated() {
            var rng = SplitMix64.derived(seed: streamSeed, stream: UInt64(index))
            switch self.draft(strategy, present: present, layout: layout, using: &rng) {
            case .draft(let draft): drafts.append(draft)
            case .skipped(let skip): skipped.append(skip)
            }
        }

        let scored = drafts.map { draft in
            (
                draft: draft, relevance: self.relevance(of: draft),
                key: StableID.hash(String(self.seed), draft.strategy.rawValue)
            )
        }
        .sorted { lhs, rhs in
            if abs(lhs.relevance - rhs.relevance) > Self.relevanceTie { return lhs.relevance > rhs.relevance }
            return lhs.key < rhs.key
        }

        var candidates: [PatchCandidate] = []
        var rejected: [RejectedPatch] = []
        for (draft, relevance, _) in scored where candidates.count < count {
            let text = draft.placement.patchText
            if let violation = guardrail.violation(in: text) {
                rejected.append(RejectedPatch(strategy: draft.strategy.rawValue, patchText: text, reason: violation))
                continue
            }
            guard let patched = draft.placement.operation.apply(text, anchor: draft.placement.anchor, to: self.prompt)
            else {
                skipped.append(
                    SkippedStrategy(strategy: draft.strategy.rawValue, reason: "its anchor is not in the prompt"))
                continue
            }
            candidates.append(
                PatchCandidate(
                    patchID: "\(self.cluster.clusterID)-\(draft.strategy.rawValue)",
                    strategy: draft.strategy.rawValue,
                    operation: draft.placement.operation,
                    anchor: draft.placement.anchor,
                    patchText: text,
                    promptText: patched,
                    targets: self.targets(of: draft).map(\.rawValue),
                    explanation: self.explanation(of: draft, relevance: relevance)))
        }
        if candidates.count < count {
            throw PatchGenerationError.notEnoughCandidates(
                found: candidates.count, requested: count,
                skipped: (skipped.map { "\($0.strategy): \($0.reason)" }
                    + rejected.map { "\($0.strategy): \($0.reason)" }))
        }
        return (candidates, rejected, skipped)
    }

    // MARK: - Drafting

    private func draft(
        _ strategy: PatchStrategy, present: Set<InstructionFamily>, layout: PromptLayout, using rng: inout SplitMix64
    ) -> DraftOutcome {
        func skip(_ reason: String) -> DraftOutcome {
            .skipped(SkippedStrategy(strategy: strategy.rawValue, reason: reason))
        }
        switch strategy {
        case .narrowAbstention:
            return self.narrowAbstention(present: present).map { .draft($0) }
                ?? skip(
                    "the prompt has no abstention clause (without other instructions in it) to narrow")
        case .clarifyClause:
            return self.clarifyClause(present: present).map { .draft($0) }
                ?? skip(
                    "no existing clause implies a fix for the cluster's failure modes without stating it")
        case .workedExample:
            return self.workedExample(present: present, layout: layout, using: &rng).map { .draft($0) }
                ?? skip(
                    "the cluster has no representatives to draw an example from")
        default:
            if let duplicate = strategy.families.first(where: present.contains) {
                return skip(
                    "the prompt already has a \(duplicate.rawValue.replacingOccurrences(of: "_", with: " ")) "
                        + "instruction"
                )
            }
            let phrasings = strategy.phrasings(wordBudget: self.wordBudget, format: self.dominantFormat)
            let text = phrasings[Int(rng.next() % UInt64(phrasings.count))]
            if let contradicted = InstructionFamily.contradictions(adding: strategy.families, to: present).first?
                .present
            {
                if strategy == .answerScope {
                    // narrow_abstention already puts a scope in place of the abstention clause, keeping the
                    // abstention for questions the context cannot answer.
                    return skip(
                        "it contradicts the prompt's \(contradicted.readableName) instruction; narrow abstention "
                            + "replaces that clause instead")
                }
                return self.reconcile(strategy, text: text, contradicting: contradicted).map { .draft($0) }
                    ?? skip(
                        "it contradicts the prompt's \(contradicted.readableName) instruction, which shares its "
                            + "sentence with other instructions and cannot be replaced alone")
            }
            let name = strategy.rawValue.replacingOccurrences(of: "_", with: " ")
            var note = "adds " + ("aeiou".contains(name.first ?? "x") ? "an " : "a ") + name
            if strategy == .lengthBudget || strategy == .balancedLength {
                note += " (budget \(self.wordBudget) words, \(self.budgetSource))"
            }
            if strategy == .formatContract, let format = self.dominantFormat {
                note += " for the \(format) format the representatives ask for"
            }
            return .draft(
                Draft(
                    strategy: strategy, placement: layout.placement(of: text, topics: strategy.topics),
                    fit: strategy.fit, note: note))
        }
    }

    /// A rule that contradicts an instruction the prompt has, placed as a `replace` of the sentence that states that
    /// instruction, so that no version tells the model both things; `nil` when that sentence also carries other
    /// instructions (replacing it would drop them) or cannot be found.
    private func reconcile(_ strategy: PatchStrategy, text: String, contradicting family: InstructionFamily) -> Draft? {
        guard let range = family.matchingSentence(in: self.prompt) else { return nil }
        let clause = String(self.prompt[range])
        guard InstructionFamily.allCases.allSatisfy({ $0 == family || !$0.matches(sentence: clause) }) else {
            return nil
        }
        let name = strategy.rawValue.replacingOccurrences(of: "_", with: " ")
        return Draft(
            strategy: strategy,
            placement: PromptLayout.Placement(operation: .replace, anchor: clause, patchText: text),
            fit: strategy.fit,
            note: "adds " + ("aeiou".contains(name.first ?? "x") ? "an " : "a ") + name + " in place of the "
                + "\(family.readableName) clause \"\(clause)\", which it contradicts")
    }

    /// Replaces an abstention clause, which makes the model refuse answerable questions, with a narrow scope.
    private func narrowAbstention(present: Set<InstructionFamily>) -> Draft? {
        guard present.contains(.abstention), let range = InstructionFamily.abstention.matchingSentence(in: self.prompt)
        else { return nil }
        let clause = String(self.prompt[range])
        let others = InstructionFamily.allCases.filter { $0 != .abstention && $0.matches(sentence: clause) }
        guard others.allSatisfy({ $0 == .grounding }) else { return nil }
        let scope =
            "answer whenever the context supports an answer, and decline just the questions it says nothing about."
        let text =
            others.contains(.grounding)
            ? "Only use the context, and " + scope : scope.prefix(1).uppercased() + scope.dropFirst()
        return Draft(
            strategy: .narrowAbstention,
            placement: PromptLayout.Placement(operation: .replace, anchor: clause, patchText: text),
            fit: PatchStrategy.narrowAbstention.fit,
            note: "replaces the abstention clause \"\(clause)\", which invites refusals of answerable questions")
    }

    /// Makes explicit a clause that implies a family addressing a targeted category without stating it.
    private func clarifyClause(present: Set<InstructionFamily>) -> Draft? {
        for mode in self.inference.modes {
            let families = InstructionFamily.allCases.filter {
                ($0.addresses[mode.mode] ?? 0) >= self.tuning.clarifiableFamilyWeight
            }
            for family in families where !family.isExplicit(in: self.prompt) {
                guard let core = PatchStrategy.clarification(of: family, wordBudget: self.wordBudget) else { continue }
                let range =
                    family.matchingSentence(in: self.prompt)
                    ?? TextNormalization.sentenceRanges(self.prompt).first { range in
                        let words = Set(TextNormalization.words(String(self.prompt[range])))
                        return PatchStrategy.vagueCues(for: mode.mode).contains(where: words.contains)
                    }
                guard let range else { continue }
                let clause = String(self.prompt[range])
                var body = clause
                while let last = body.last, ".!?;:".contains(last) { body.removeLast() }
                let separator = body.contains(":") ? "; " : ": "
                let text = body + separator + core + "."
                var fit = family.addresses
                fit[mode.mode] = max(fit[mode.mode] ?? 0, self.tuning.clarifiedCategoryFit)
                return Draft(
                    strategy: .clarifyClause,
                    placement: PromptLayout.Placement(operation: .replace, anchor: clause, patchText: text),
                    fit: fit,
                    note:
                        "rewrites the existing clause \"\(clause)\" so it states the "
                        + "\(family.rawValue.replacingOccurrences(of: "_", with: " ")) rule explicitly"
                )
            }
        }
        return nil
    }

    /// An example drawn from a representative of the best-supported category, quoting at most a few words.
    private func workedExample(
        present: Set<InstructionFamily>, layout: PromptLayout, using rng: inout SplitMix64
    ) -> Draft? {
        guard !self.cluster.representatives.isEmpty else { return nil }
        let findings = self.inference.findings
        let mode = self.inference.modes.first { mode in findings.contains { $0.flags.contains(mode.mode) } }
        let category = mode?.mode ?? self.inference.modes.first?.mode ?? .hallucination
        let flagged = findings.filter { $0.flags.contains(category) }
        let candidates = self.tuning.exampleCandidates
        let pool = flagged.isEmpty ? Array(findings.prefix(candidates)) : Array(flagged.prefix(candidates))
        let finding = pool[Int(rng.next() % UInt64(pool.count))]
        guard let representative = self.cluster.representatives.first(where: { $0.id == finding.id }) else {
            return nil
        }

        let question = Self.fragment(
            Self.lastUserTurn(of: representative.input), words: self.tuning.quotedQuestionWords)
        let asked = question.isEmpty ? "" : "asked \"\(question)\", "
        let responseWords = TextNormalization.words(representative.response).count
        var text = "Example of a mistake to avoid (case \(representative.id)): "
        switch category {
        case .hallucination:
            let claims = finding.verdict.unsupportedClaims.prefix(self.tuning.quotedClaims).map {
                "\"\(Self.fragment($0, words: self.tuning.quotedClaimWords))\""
            }
            text +=
                asked
                + (claims.isEmpty
                    ? "an answer added details the context does not support"
                    : "an answer added " + claims.joined(separator: " and ") + ", which the context does not support")
            text += "; the right answer keeps to what the context states."
        case .missingAbstention:
            text += asked + "which the context cannot answer, an answer made one up instead of saying so."
        case .numberError:
            let number = finding.unsupportedNumbers.first.map { "\"\($0)\"" } ?? "a number"
            text += asked + "an answer gave \(number), which differs from the figure in the context."
        case .verbosity:
            text +=
                asked + "an answer ran to \(responseWords) words of restatement and background; the fix is the "
                + "direct answer in a sentence or two."
        case .format:
            let format = representative.metadata["format"]?.stringValue.map { "a \($0) " } ?? "a structured "
            text +=
                "\(format)answer came back malformed (an unclosed object, list or fence); the fix is the same "
                + "content in the requested format."
        case .refusal:
            text += asked + "an answerable question, the answer refused; the fix is to answer from the context."
        case .incomplete:
            let needed = representative.reference.map { TextNormalization.words($0).count } ?? 0
            text +=
                asked + "the answer stopped after \(responseWords) words"
                + (needed > 0 ? " of the \(needed) the full answer needs" : "") + "; the fix covers every part."
        }
        // The example's closing rule is left out when the prompt has it, or has an instruction it contradicts.
        if let rule = PatchStrategy.exampleRule(for: category), !present.contains(rule.family),
            InstructionFamily.contradictions(adding: [rule.family], to: present).isEmpty
        {
            text += " " + rule.sentence
        }
        return Draft(
            strategy: .workedExample,
            placement: layout.placement(of: text, topics: PatchStrategy.workedExample.topics),
            fit: [category: self.tuning.workedExampleFit],
            note: "adds a worked example drawn from representative \(representative.id) (\(category.readableName))",
            representativeIDs: [representative.id])
    }

    /// Speaker tags that open a user's turn in a logged conversation ("[Human]: ...", "User: ...").
    static let userTags = ["[human]:", "[user]:", "[customer]:", "human:", "user:", "customer:"]

    /// The user's last turn of a conversation logged as one text ("[Human]: ... [Assistant]: ... [Human]: Who
    /// starred in it?"), without its tag; the whole input when it has no user tag. An example quotes what was asked
    /// last, not the greeting that opened the conversation.
    static func lastUserTurn(of input: String) -> String {
        let lowered = input.lowercased()
        var start: String.Index?
        for tag in Self.userTags {
            if let range = lowered.range(of: tag, options: .backwards), start.map({ range.upperBound > $0 }) ?? true {
                start = range.upperBound
            }
        }
        guard let start else { return input }
        // Lowercasing can change lengths outside ASCII; fall back to the whole input there.
        guard lowered.utf8.count == input.utf8.count else { return input }
        let offset = lowered.utf8.distance(from: lowered.startIndex, to: start)
        var turn = String(input.utf8.dropFirst(offset)) ?? input
        if let next = turn.range(of: "[Assistant]:", options: .caseInsensitive) {
            turn = String(turn[..<next.lowerBound])
        }
        let trimmed = turn.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? input : trimmed
    }

    /// The first `words` words of `text` as a short quotable fragment (letters, digits and spaces only).
    static func fragment(_ text: String, words: Int) -> String {
        TextNormalization.words(text).prefix(words).joined(separator: " ")
    }

    // MARK: - Scoring and explaining

    private func relevance(of draft: Draft) -> Double {
        draft.fit.sorted { $0.key < $1.key }.reduce(0) { $0 + self.inference.score(of: $1.key) * $1.value }
    }

    private func targets(of draft: Draft) -> [FailureCategory] {
        let ordered = draft.fit.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let seen = ordered.filter { self.inference.score(of: $0.key) > 0 }.map(\.key)
        return seen.isEmpty ? ordered.filter { $0.value >= self.tuning.targetFitWithoutEvidence }.map(\.key) : seen
    }

    private func explanation(of draft: Draft, relevance: Double) -> String {
        var parts = [self.cluster.evidenceSummary]
        let targets = self.targets(of: draft)
        if let mode = self.inference.modes.first(where: { targets.contains($0.mode) }) {
            parts.append(ClusterEvidence.modeSentence(mode))
        }
        parts.append("This patch \(draft.note). \(draft.strategy.tradeOff)")
        var ids = draft.representativeIDs
        for mode in self.inference.modes where targets.contains(mode.mode) {
            for id in mode.representativeIDs where !ids.contains(id) { ids.append(id) }
        }
        if !ids.isEmpty {
            parts.append(
                "Representatives: " + ids.prefix(self.tuning.explainedRepresentatives).joined(separator: ", ") + ".")
        }
        if relevance < self.tuning.lowEvidenceRelevance {
            parts.append("Offered as a low-evidence alternative: the cluster shows little of what it targets.")
        }
        return parts.joined(separator: " ")
    }

    // MARK: - Derived settings

    /// The most common `metadata.format` among representatives, if any.
    var dominantFormat: String? {
        let formats = self.cluster.representatives.compactMap { $0.metadata["format"]?.stringValue?.lowercased() }
        let counts = Dictionary(formats.map { ($0, 1) }, uniquingKeysWith: +)
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }

    /// The word budget: the smallest `metadata.length_budget` of a representative; else twice the median reference
    /// length, rounded up to ten and clamped to 20...120 (``TemplatePatchTuning/referenceBudgetFactor``); else the
    /// configured default.
    var wordBudget: Int {
        let budgets = self.cluster.representatives.compactMap { $0.metadata["length_budget"]?.numberValue }
            .filter { $0.isFinite && $0 >= 1 }
        if let smallest = budgets.min() { return Int(smallest) }
        let references = self.cluster.representatives.compactMap(\.reference).filter { !$0.isEmpty }
            .map { TextNormalization.words($0).count }.sorted()
        guard !references.isEmpty else { return self.configuration.defaultWordBudget }
        let median = references[references.count / 2]
        let step = self.tuning.budgetRounding
        let rounded = ((self.tuning.referenceBudgetFactor * median + step - 1) / step) * step
        return min(
            self.tuning.referenceBudgetRange.upperBound, max(self.tuning.referenceBudgetRange.lowerBound, rounded))
    }

    private var budgetSource: String {
        if self.cluster.representatives.contains(where: { $0.metadata["length_budget"]?.numberValue != nil }) {
            return "the representatives' length budget"
        }
        if self.cluster.representatives.contains(where: { !($0.reference ?? "").isEmpty }) {
            return "twice the median reference length"
        }
        return "the default"
    }
}
