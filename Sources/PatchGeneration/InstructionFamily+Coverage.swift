import LanguageModels

/// What a rule of each instruction family is for, in the generator's and the ranker's failure categories: the
/// detector lives in `LanguageModels` (the simulator uses it too), the categories here.
extension InstructionFamily {
    /// How strongly a new instruction of this family addresses each failure category (0...1).
    ///
    /// These are the coverage weights the ranker's estimate uses; they mirror the default effect table's signs
    /// (e.g. abstention fixes hallucination on unanswerable inputs, grounding cuts unsupported claims).
    package var addresses: [FailureCategory: Double] {
        switch self {
        case .grounding: [.hallucination: 1, .numberError: 0.6, .missingAbstention: 0.5]
        case .abstention: [.missingAbstention: 1, .hallucination: 0.6]
        case .concision: [.verbosity: 1]
        case .formatContract: [.format: 1]
        case .completeness: [.incomplete: 1]
        case .numbersCheck: [.numberError: 1, .hallucination: 0.3]
        case .answerScope: [.refusal: 1]
        case .alwaysAnswer: [.refusal: 0.6]
        }
    }

    /// How strongly *removing* an instruction of this family addresses each category (e.g. dropping an abstention
    /// rule stops unneeded refusals).
    package var removalAddresses: [FailureCategory: Double] {
        switch self {
        case .abstention: [.refusal: 1]
        case .completeness: [.verbosity: 0.5]
        case .concision: [.incomplete: 0.5]
        default: [:]
        }
    }
}
