import Foundation
import LanguageModels

extension PatchStrategy {
    /// The phrasings of a rule strategy (the seed picks one); each states the strategy's families with one of
    /// their phrases and states no other family.
    ///
    /// - Parameters:
    ///   - wordBudget: the budget the length strategies state.
    ///   - format: the output format the representatives asked for (`json`, `bullets`), if one dominates.
    /// - Returns: the phrasings; empty for the strategies that are not plain rules.
    func phrasings(wordBudget: Int, format: String?) -> [String] {
        switch self {
        case .groundingRule:
            [
                "Only use the context to answer, and do not make up names, numbers or dates that it does not contain.",
                "Answer only from the context: every name, number and date you give must appear in it. Do not "
                    + "invent details.",
                "Stick to the context. Do not make up facts it does not state, even when they seem likely.",
            ]
        case .abstentionRule:
            [
                "If the context does not contain the answer, say you don't know instead of guessing.",
                "If the answer is not in the context, say \"I don't know\" rather than guess.",
                "If you are not sure the context supports an answer, say you don't know.",
            ]
        case .groundedAbstention:
            [
                "Only use the context to answer. If the context does not contain the answer, say you don't know; "
                    + "never guess names or numbers.",
                "Answer only from the context and do not make up details. If the answer is not in the context, say "
                    + "\"I don't know\".",
            ]
        case .numbersCheck:
            [
                "Quote numbers exactly as the context gives them, and double-check numbers before you answer.",
                "Copy numbers, dates and amounts from the context digit for digit; double-check numbers before "
                    + "answering.",
            ]
        case .lengthBudget:
            [
                "Keep answers short: at most \(wordBudget) words, without restating the question or adding "
                    + "background it did not ask for.",
                "Be concise: answer in no more than \(wordBudget) words and stop once the question is answered.",
            ]
        case .balancedLength:
            [
                "Be concise but answer every part of the question: cover each part in a sentence or two, with no "
                    + "padding.",
                "Address every part of the question, and keep answers short: at most \(wordBudget) words in total.",
            ]
        case .formatContract:
            switch format {
            case "json":
                [
                    "Follow the output format exactly: when JSON is requested, respond in JSON with one valid JSON "
                        + "object and no text or code fences around it.",
                    "When the request asks for JSON, reply in JSON only: a single valid JSON object, every brace "
                        + "and quote closed.",
                ]
            case "bullets":
                [
                    "Follow the output format exactly: when bullet points are requested, put each point on its own "
                        + "line starting with \"- \".",
                    "When the request asks for a list, use bullet points: one point per line, each line starting "
                        + "with \"- \".",
                ]
            default:
                [
                    "Follow the output format the request asks for exactly, and close every code fence, quote and "
                        + "bracket you open.",
                    "Check the output format before you finish: follow this format exactly as requested, with "
                        + "every fence and bracket closed.",
                ]
            }
        case .completenessRule:
            [
                "Answer every part of the question, and give the complete answer the context supports before you stop.",
                "Address every part of the question; do not stop before each part has an answer.",
            ]
        case .answerScope:
            [
                "Answer whenever the context supports an answer; decline only requests that are unsafe.",
                "Treat ordinary questions as answerable, and decline only requests that are unsafe.",
            ]
        case .narrowAbstention, .clarifyClause, .workedExample:
            []
        }
    }

    /// The explicit core of a family, appended to a clause that only implies it (``clarifyClause``).
    static func clarification(of family: InstructionFamily, wordBudget: Int) -> String? {
        switch family {
        case .grounding: "only use the context, and do not make up names or numbers"
        case .abstention: "if the context does not contain the answer, say you don't know"
        case .concision: "be concise, at most \(wordBudget) words"
        case .formatContract: "follow the output format exactly"
        case .completeness: "answer every part of the question"
        case .numbersCheck: "quote numbers exactly as the context gives them"
        case .answerScope: "answer whenever the context supports an answer; decline only requests that are unsafe"
        case .alwaysAnswer: nil
        }
    }

    /// Words of a clause that relate to a category without stating a family's rule (e.g. "Be accurate." for
    /// hallucination): candidates for ``clarifyClause``.
    static func vagueCues(for category: FailureCategory) -> [String] {
        switch category {
        case .hallucination: ["accurate", "accuracy", "factual", "truthful", "honest", "correct", "reliable", "facts"]
        case .missingAbstention: ["honest", "uncertain", "unsure", "guess"]
        case .numberError: ["numbers", "figures", "precise", "precision", "exact"]
        case .verbosity: ["short", "brief", "succinct", "length", "direct"]
        case .format: ["format", "structure", "structured", "layout"]
        case .refusal: []
        case .incomplete: ["complete", "comprehensive", "detailed", "thorough", "full"]
        }
    }

    /// The rule sentence a worked example ends with, when the prompt lacks the family that fixes `category`.
    static func exampleRule(for category: FailureCategory) -> (family: InstructionFamily, sentence: String)? {
        switch category {
        case .hallucination: (.grounding, "Do not make up names or numbers.")
        case .missingAbstention: (.abstention, "If the context does not contain the answer, say you don't know.")
        case .numberError: (.numbersCheck, "Quote numbers exactly as the context gives them.")
        case .verbosity: (.concision, "Be concise.")
        case .format: (.formatContract, "Follow the output format exactly.")
        case .refusal: (.answerScope, "Decline only requests that are unsafe.")
        case .incomplete: (.completeness, "Answer every part of the question.")
        }
    }
}
