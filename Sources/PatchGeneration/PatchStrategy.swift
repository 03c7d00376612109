import LanguageModels

/// A template patch strategy: what it adds to a prompt, which failure categories it fits, and its trade-off.
///
/// Rules (`grounding_rule` ... `answer_scope`) add one instruction family, or two for the combined ones; they are
/// skipped when the prompt already has any of their families (explicitly or in other words), since they would
/// duplicate it. `narrow_abstention` and `clarify_clause` replace an existing clause; `worked_example` describes a
/// representative failure and its fix. Phrasings state their families explicitly, and the simulator finds families
/// with the same detector, so a patch changes simulated behaviour the way its family says (see `Docs/patches.md`).
package enum PatchStrategy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Answer only from the context; do not make up names or numbers.
    case groundingRule = "grounding_rule"
    /// Say you don't know when the context does not contain the answer.
    case abstentionRule = "abstention_rule"
    /// Both: the strict variant.
    case groundedAbstention = "grounded_abstention"
    /// Quote numbers exactly and double-check them.
    case numbersCheck = "numbers_check"
    /// A hard word budget.
    case lengthBudget = "length_budget"
    /// Be concise but answer every part: a budget balanced against incompleteness.
    case balancedLength = "balanced_length"
    /// An explicit output-format contract.
    case formatContract = "format_contract"
    /// Answer every part of the question.
    case completenessRule = "completeness_rule"
    /// Answer whenever the context supports an answer; decline only unsafe requests.
    case answerScope = "answer_scope"
    /// Replace an existing abstention clause (which invites refusals) with a narrow answer scope.
    case narrowAbstention = "narrow_abstention"
    /// Make an existing vague or implicit clause explicit.
    case clarifyClause = "clarify_clause"
    /// A worked example drawn from a representative failure, with the fix.
    case workedExample = "worked_example"

    /// The instruction families a rule adds (empty for the replacing and example strategies, whose families depend
    /// on the clause or the failure).
    package var families: [InstructionFamily] {
        switch self {
        case .groundingRule: [.grounding]
        case .abstentionRule: [.abstention]
        case .groundedAbstention: [.grounding, .abstention]
        case .numbersCheck: [.numbersCheck]
        case .lengthBudget: [.concision]
        case .balancedLength: [.concision, .completeness]
        case .formatContract: [.formatContract]
        case .completenessRule: [.completeness]
        case .answerScope: [.answerScope]
        case .narrowAbstention, .clarifyClause, .workedExample: []
        }
    }

    /// How well the strategy fits each category (0...1); a cluster's relevance for it is
    /// `Σ_c score(c) · fit(c)` over the cluster's inferred categories.
    package var fit: [FailureCategory: Double] {
        switch self {
        case .groundingRule: [.hallucination: 1, .numberError: 0.6, .missingAbstention: 0.5]
        case .abstentionRule: [.missingAbstention: 1, .hallucination: 0.6]
        case .groundedAbstention: [.hallucination: 0.9, .missingAbstention: 0.95, .numberError: 0.5]
        case .numbersCheck: [.numberError: 1, .hallucination: 0.35]
        case .lengthBudget: [.verbosity: 1]
        case .balancedLength: [.verbosity: 0.8, .incomplete: 0.6]
        case .formatContract: [.format: 1]
        case .completenessRule: [.incomplete: 1]
        case .answerScope: [.refusal: 0.8]
        case .narrowAbstention: [.refusal: 1]
        // The replacing and example strategies fit the category of their clause or failure (set when built).
        case .clarifyClause: [:]
        case .workedExample: [:]
        }
    }

    /// The trade-off, for explanations.
    package var tradeOff: String {
        switch self {
        case .groundingRule:
            "Cuts unsupported claims; answers get a little more cautious and occasionally incomplete."
        case .abstentionRule:
            "Fixes invented answers to questions the context cannot answer, but invites unneeded refusals on "
                + "answerable ones."
        case .groundedAbstention:
            "The strictest option: grounding plus abstention cuts hallucination most, at the price of more refusals "
                + "and somewhat less complete answers."
        case .numbersCheck:
            "Targets wrong numbers only; it does nothing for other unsupported claims."
        case .lengthBudget:
            "A hard budget removes padding but makes cut-short answers more likely."
        case .balancedLength:
            "Trims padding while asking for every part, so it loses less completeness than a hard budget but "
                + "trims less padding."
        case .formatContract:
            "Fixes broken formats at little cost; it lengthens the prompt slightly."
        case .completenessRule:
            "Fixes answers that stop early, but invites some padding."
        case .answerScope:
            "Discourages refusals of ordinary questions; it leaves unsafe requests declined."
        case .narrowAbstention:
            "Removes the abstention clause that triggers refusals, so unanswerable questions lose their explicit "
                + "'I don't know' rule."
        case .clarifyClause:
            "Makes an existing clause explicit instead of adding a new one, so the prompt barely grows."
        case .workedExample:
            "Shows the failure and its fix concretely; it adds more text than a one-line rule."
        }
    }

    /// Section-header stems the strategy's text belongs under, for prompts with sections.
    package var topics: [String] {
        switch self {
        case .groundingRule, .abstentionRule, .groundedAbstention, .numbersCheck, .clarifyClause:
            ["ground", "accura", "fact", "source", "context", "knowledge", "truth", "hallucinat"]
        case .lengthBudget, .balancedLength: ["length", "style", "concis", "brevity", "tone"]
        case .formatContract: ["format", "output", "response"]
        case .completenessRule: ["complete", "answer", "style"]
        case .answerScope, .narrowAbstention: ["scope", "refus", "safety"]
        case .workedExample: ["example"]
        }
    }
}
