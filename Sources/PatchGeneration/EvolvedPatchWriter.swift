import LanguageModels

/// Template mode's evolution step: a new candidate for a cluster from the failures its best variant still shows
/// during training, its patch combined with the rule strategy the failures point to (refusals → the answer scope,
/// invented facts → the grounding rule, ...), or, when the parent already states every rule they point to, the
/// parent's rule said in another of its phrasings. The candidate passes the same ``PatchAdmission`` as the
/// generator's, so evolution cannot carry logged text, an address or an over-long patch into a prompt.
package struct EvolvedPatchWriter: Sendable {
    let admission: PatchAdmission
    let wordBudget: Int

    /// What a proposal gave: a candidate, or the reason admission refused the one it made.
    package enum Proposal: Sendable, Hashable {
        case admitted(PatchCandidate, strategy: PatchStrategy)
        case refused(reason: String, strategy: PatchStrategy)
    }

    /// - Parameters:
    ///   - prompt: the base prompt candidates are written against.
    ///   - representatives: the cluster's logged failures, whose text a patch may not copy.
    package init(
        prompt: String, representatives: [ClusterRepresentative],
        configuration: PatchGeneratorConfiguration = PatchGeneratorConfiguration()
    ) {
        self.admission = PatchAdmission(prompt: prompt, representatives: representatives, configuration: configuration)
        self.wordBudget = configuration.defaultWordBudget
    }

    /// The rule strategy that fixes a failure category.
    package static func strategy(for category: FailureCategory) -> PatchStrategy {
        switch category {
        case .hallucination: .groundingRule
        case .missingAbstention: .abstentionRule
        case .numberError: .numbersCheck
        case .verbosity: .lengthBudget
        case .format: .formatContract
        case .refusal: .answerScope
        case .incomplete: .completenessRule
        }
    }

    /// A candidate from the parent's failures: the most frequent finding whose strategy adds a family the parent's
    /// prompt lacks without contradicting one it has, phrased as the strategy's `number`-th phrasing (cycling) and
    /// appended to the parent's patch (or appended alone when the parent left the cluster unpatched). When no finding
    /// points to a missing rule, the most frequent one whose rule the parent's patch states in one of the strategy's
    /// phrasings gets that rule rephrased (``rephrase(patchID:number:parent:categories:evidence:)``).
    ///
    /// - Parameters:
    ///   - patchID: the new candidate's id.
    ///   - parent: the cluster's patch in the parent variant; `nil` for "no patch".
    ///   - parentPrompt: the parent variant's whole prompt (every cluster's patch applied).
    ///   - findings: the findings on the parent's failing rollouts, with counts.
    ///   - evidence: the sentence that says where the failures were seen, for the explanation.
    /// - Returns: the proposal, or `nil` when no finding points to a rule the parent lacks.
    package func propose(
        patchID: String, number: Int, parent: PatchCandidate?, parentPrompt: String, findings: [String: Int],
        evidence: String
    ) -> Proposal? {
        let present = InstructionFamily.present(in: parentPrompt)
        let categories = findings.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .compactMap { FailureCategory(rawValue: $0.key) ?? FailureCategory(label: $0.key) }
        for category in categories {
            let strategy = Self.strategy(for: category)
            guard !Set(strategy.families).isSubset(of: present),
                InstructionFamily.contradictions(adding: strategy.families, to: present).isEmpty
            else { continue }
            let phrasings = strategy.phrasings(wordBudget: self.wordBudget, format: nil)
            let rule = phrasings[number % phrasings.count]
            return self.proposal(
                parent.map { $0.patchText + " " + rule } ?? rule, patchID: patchID,
                name: "evolved_\(strategy.rawValue)",
                strategy: strategy, fixing: category, parent: parent
            ) { families in
                "Evolved during training from \(parent?.patchID ?? "no patch"): \(evidence). It adds the "
                    + "\(families) rule (\(strategy.rawValue)) to it. \(strategy.tradeOff)"
            }
        }
        return parent.flatMap {
            self.rephrase(patchID: patchID, number: number, parent: $0, categories: categories, evidence: evidence)
        }
    }

    /// The parent's patch with the rule of its most frequent finding said another way: the variant still fails under
    /// that rule, and wording matters to a real model, so the trainer gets to measure another phrasing of it. Only a
    /// rule the patch states in one of the strategy's own phrasings is rephrased (the phrasing is swapped for the
    /// strategy's `number`-th other one, cycling); `nil` when no finding's rule is stated so.
    private func rephrase(
        patchID: String, number: Int, parent: PatchCandidate, categories: [FailureCategory], evidence: String
    ) -> Proposal? {
        for category in categories {
            let strategy = Self.strategy(for: category)
            let phrasings = strategy.phrasings(wordBudget: self.wordBudget, format: nil)
            guard let used = phrasings.firstIndex(where: { parent.patchText.contains($0) }) else { continue }
            let others = phrasings.indices.filter { $0 != used }
            guard !others.isEmpty else { continue }
            return self.proposal(
                parent.patchText.replacing(phrasings[used], with: phrasings[others[number % others.count]]),
                patchID: patchID, name: "evolved_rephrased_\(strategy.rawValue)", strategy: strategy,
                fixing: category, parent: parent
            ) { families in
                "Rephrased during training from \(parent.patchID): \(evidence). Its \(families) rule "
                    + "(\(strategy.rawValue)) is already there, so this candidate says it in other words."
            }
        }
        return nil
    }

    /// `text` as the parent's patch for the cluster (appended when the parent left it unpatched), through
    /// ``PatchAdmission``: the candidate named `name`, explained by `explanation` (given the strategy's families in
    /// words), or admission's refusal.
    private func proposal(
        _ text: String, patchID: String, name: String, strategy: PatchStrategy, fixing category: FailureCategory,
        parent: PatchCandidate?, explanation: (String) -> String
    ) -> Proposal {
        let operation = parent?.operation ?? .append
        let targets = Array(Set((parent?.targetCategories ?? []) + [category])).sorted()
        switch self.admission.admit(text, operation: operation, anchor: parent?.anchor, targets: targets) {
        case .failure(let refusal):
            return .refused(reason: refusal.reason, strategy: strategy)
        case .success(let promptText):
            let families = strategy.families.map(\.readableName).joined(separator: " and ")
            return .admitted(
                PatchCandidate(
                    patchID: patchID, strategy: name, operation: operation, anchor: parent?.anchor, patchText: text,
                    promptText: promptText, targets: targets.map(\.rawValue), explanation: explanation(families)),
                strategy: strategy)
        }
    }
}
