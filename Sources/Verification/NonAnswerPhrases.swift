import Foundation
import LanguageModels

/// The phrases that mark a response as an abstention or a refusal, matched case-insensitively (curly apostrophes
/// straightened) in the response's first sentence, where a response puts its verdict.
///
/// A phrase alone is not enough: a first sentence that also gives the context's facts (more than
/// ``NonAnswerPhrases/maximumEvidence`` distinct words or numbers the context supports and the input does not) is an
/// answer that hedges ("I'm not sure, but it opened in 2010"), not a non-answer.
package enum NonAnswerPhrases {
    /// Declining to help.
    package static let refusal = [
        "i can't help", "i cannot help", "i can't assist", "i cannot assist", "i'm unable to", "i am unable to",
        "i won't be able to", "i will not be able to", "i can't answer", "i cannot answer", "i'm not able to",
        "i am not able to", "i can't provide", "i cannot provide", "i can't share", "i cannot share", "i must decline",
        "i can't do that", "i cannot do that", "not able to help", "unable to provide", "unable to assist",
        "refer to the context", "refer to the provided", "refer to the documents", "refer to the information",
        "check the context", "check the documents", "consult the documents", "answer might be in the context",
        "answer is in the context", "can be found in the context", "can be found in the documents",
    ]

    /// Saying the information is missing.
    package static let abstention = [
        "i don't know", "i do not know", "i'm not sure", "i am not sure", "not enough information",
        "does not contain", "doesn't contain", "does not mention", "doesn't mention", "does not say",
        "doesn't say", "does not specify", "doesn't specify", "does not provide", "doesn't provide",
        "not mentioned", "isn't mentioned", "not specified", "not stated", "no information", "cannot be determined",
        "can't be determined", "there is no mention", "i have no information", "i don't have information",
        "i do not have information", "don't have that information", "do not have that information",
        "don't have any information", "do not have any information", "don't have the information",
        "do not have the information", "i have no idea", "could not find", "couldn't find", "can't find",
        "cannot find", "unable to find", "did not find", "didn't find", "information is not available",
        "information isn't available", "not in the context", "not in the provided", "not in the information",
        "not in the documents", "not in the text", "does not include details", "doesn't include details",
        "does not include information", "doesn't include information", "does not include any",
        "doesn't include any", "does not state", "doesn't state", "documents do not say", "documents don't say",
        "not listed", "not given", "not provided", "not clear from", "unclear from", "cannot say", "can't say",
        "nothing in the context", "no details", "is unknown", "are unknown", "remains unknown",
    ]

    /// Words a non-answer sentence uses to talk about the question and the sources rather than the world
    /// (comparison forms): the phrases' own words and their like. A verdict sentence whose unsupported words are all
    /// of these claims nothing ("I could not find that in the documents."), so the reward of an abstention does not
    /// depend on how it is worded; one with any other unsupported word ("I don't know, but it was a local designer")
    /// is scored as written.
    static let metaWords: Set<String> = {
        let listed = [
            "information", "info", "detail", "document", "data", "source", "record", "article", "passage",
            "knowledge", "database", "question", "request", "topic", "specific", "exact", "precise", "currently",
            "moment", "access", "unfortunately", "afraid", "sorry", "apologize", "apologise", "able", "unable",
            "sure", "certain", "know", "find", "found", "say", "said", "state", "mention", "specify", "provide",
            "include", "list", "give", "available", "clear", "unclear", "unknown", "determine", "idea", "answer",
            "context", "text", "help", "assist", "share", "decline", "refer", "check", "consult", "anything", "any",
            "mentioned", "specified", "provided", "included", "listed", "given", "stated", "contain", "contained",
            "enough", "regard", "regarding", "about", "concern", "concerning", "relate", "related", "there",
        ]
        let phraseWords = (Self.refusal + Self.abstention).flatMap { $0.split(separator: " ").map(String.init) }
        return Set((listed + phraseWords).map(Tokenizer.normalize))
    }()

    /// The most context-evidence words a non-answer may have (see the type's comment).
    package static let maximumEvidence = 1

    /// The kind the wording alone suggests: refusal, abstention, or answer when neither phrase list matches.
    package static func kind(of text: String) -> ResponseKind {
        var lowered = text.lowercased()
        if lowered.unicodeScalars.contains("\u{2019}") { lowered = lowered.replacing("\u{2019}", with: "'") }
        switch Self.index.firstGroup(in: lowered) {
        case 0: return .refusal
        case 1: return .abstention
        default: return .answer
        }
    }

    /// The refusal phrases (group 0) and the abstention phrases (group 1), searched in one pass: phrase by phrase
    /// they were a tenth of a clustering's CPU (issue 14).
    static let index = PhraseIndex(groups: [Self.refusal, Self.abstention])
}
