import PromptTraining

/// Why an evaluation cannot run; each says what to change.
package enum EvaluationError: Error, Equatable, CustomStringConvertible {
    case noPrompts
    case duplicatePrompt(String)
    case noExperiences
    case unknownPrompt(String)
    case emptyOutput(experienceID: String)
    case answersOutOfRange(Int)

    package var description: String {
        switch self {
        case .noPrompts: return "name at least one prompt version to evaluate"
        case .duplicatePrompt(let id): return "prompt version \(id) is named twice; name each version once"
        case .noExperiences: return "the test set holds no experiences"
        case .unknownPrompt(let id): return "\(id) is not among the evaluated versions"
        case .emptyOutput(let id): return "the model returned no output for experience \(id)"
        case .answersOutOfRange(let count):
            let range = TrainingRequestLimits.heldOutAnswers
            return "answers per experience must be \(range.lowerBound)-\(range.upperBound), not \(count)"
        }
    }
}
