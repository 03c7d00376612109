import Experiences
import Foundation
import LanguageModels

/// Scores an output for an experience: grounding, agreement with the reference, length safety, format, answer
/// relevance and optionally an LLM judge, combined into a reward in 0...1 placed in the band of the outcome (a
/// grounded answer above a correct abstention above a refusal above a hallucination), with the failure modes and a
/// hallucination flag (see `Docs/verifier.md`). The default ``RewardModel``.
///
/// Deterministic and cheap: one tokenising pass over the output and set look-ups against the experience's support,
/// which ``prepare(_:)`` builds once per experience.
package struct Verifier: Sendable {
    /// The validated configuration.
    package let configuration: VerifierConfiguration

    /// Creates a verifier.
    ///
    /// - Throws: ``VerificationError`` when the configuration is invalid (see ``VerifierConfiguration/validate()``).
    package init(configuration: VerifierConfiguration = VerifierConfiguration()) throws {
        try configuration.validate()
        self.configuration = configuration
    }

    /// Tokenises the experience's input, context and reference once, for scoring many outputs.
    package func prepare(_ experience: Experience) -> PreparedExperience {
        PreparedExperience(experience, configuration: self.configuration)
    }

    /// Scores the experience's own logged response, as cut by a token cap when its `metadata.finish_reason` is
    /// `length`.
    package func verify(_ experience: Experience) -> Verdict {
        self.verify(
            output: experience.response, finishReason: experience.loggedFinishReason, for: self.prepare(experience))
    }

    /// Scores `output` as an answer to `experience`; `finishReason` is why the model stopped writing it, when known.
    package func verify(output: String, finishReason: FinishReason? = nil, for experience: Experience) -> Verdict {
        self.verify(output: output, finishReason: finishReason, for: self.prepare(experience))
    }

    /// Scores `output` against a prepared experience (no judge part). An output the token cap cut
    /// (`finishReason` ``FinishReason/length``) is `incomplete` however it ends.
    ///
    /// - Complexity: O(n) in the output's length.
    package func verify(
        output: String, finishReason: FinishReason? = nil, for prepared: PreparedExperience
    ) -> Verdict {
        self.verdict(output: output, finishReason: finishReason, prepared: prepared, judge: nil)
    }

    /// The grounding analysis of `output`: its claims, which are unsupported, its features and the hallucination
    /// risk.
    package func analyse(output: String, for prepared: PreparedExperience) -> GroundingAnalysis {
        GroundingAnalysis(
            tokens: Tokenizer.tokens(of: output), prepared: prepared, model: self.configuration.groundingModel)
    }

    /// The comparison forms of `text`'s words (lowercased, lightly stemmed; numbers as written), as the verifier
    /// matches them against the support. Fitting scripts use it to build a vocabulary from knowledge texts.
    ///
    /// - Complexity: O(n) in the text's length.
    package static func comparisonForms(of text: String) -> [String] {
        Tokenizer.tokens(of: text).map(\.normalized)
    }

    /// The verdict on `output` and the grounding analysis it was reached with, for a caller that needs both (the
    /// mode inference): ``verify(output:for:)`` and ``analyse(output:for:)`` in turn tokenise and analyse twice.
    package func verifyAndAnalyse(
        output: String, for prepared: PreparedExperience
    ) -> (
        verdict: Verdict, analysis: GroundingAnalysis
    ) {
        self.verdictAndAnalysis(output: output, prepared: prepared, judge: nil)
    }

    func verdict(
        output: String, finishReason: FinishReason? = nil, prepared: PreparedExperience, judge: Double?
    ) -> Verdict {
        self.verdictAndAnalysis(output: output, finishReason: finishReason, prepared: prepared, judge: judge).verdict
    }

    func verdictAndAnalysis(
        output: String, finishReason: FinishReason? = nil, prepared: PreparedExperience, judge: Double?
    ) -> (
        verdict: Verdict, analysis: GroundingAnalysis
    ) {
        let tokens = Tokenizer.tokens(of: output)
        let analysis = GroundingAnalysis(tokens: tokens, prepared: prepared, model: self.configuration.groundingModel)
        var parts = RewardParts(
            grounding: 1 - analysis.risk,
            reference: prepared.referenceTokens.map { ReferenceAgreement.f1(response: tokens, reference: $0) },
            length: self.lengthScore(words: tokens.count, budget: prepared.lengthBudget),
            format: prepared.formatRule?.score(output),
            judge: judge)
        // The wrong answer to a comparison the context decides: a wrong pick, or "No" where it says both share it.
        let wrongChoice =
            !self.configuration.flagWrongChoices
            ? nil
            : prepared.offeredChoice?.wrongPick(in: tokens)
                ?? (prepared.sharedAttribute?.deniedBy(tokens) == true ? tokens[0].text : nil)
                ?? prepared.offeredChoice?.neitherNamed(in: tokens)
        // A one-sentence answer to one open question naming what the context does not, or what only the question's
        // first step passes through: its name is its answer. A bare name adds nothing to a question that offers it
        // ("Mark Shields" to "Who is older, Mark Hollis or Kevin Shields?"), so it is no claim sentence, yet one.
        let oneSentence =
            analysis.claimSentences == 1
            || (analysis.claimSentences == 0 && !tokens.dropFirst().contains(where: \.startsSentence))
        let inventedAnswer =
            self.configuration.flagInventedAnswers && prepared.inputAsksOpenQuestion && oneSentence
            ? Self.answerToAnotherQuestion(output: output, tokens: tokens, analysis: analysis, prepared: prepared) : nil
        // An answer to a single question that adds words the context and input do not state (a tenth of its own).
        let unsupportedAnswerWords = analysis.unsupportedContentWords - analysis.qualifierWords
        let unsupportedAnswer =
            prepared.inputIsOneQuestion && unsupportedAnswerWords > 0
            && self.configuration.unsupportedAnswerShare.map {
                Double(unsupportedAnswerWords) >= $0 * Double(analysis.contentWords)
            } == true
        let hallucination =
            unsupportedAnswer || analysis.risk >= self.configuration.hallucinationThreshold
            || (self.configuration.flagConflictingNumbers && analysis.features.conflictingNumber > 0)
            || (self.configuration.flagFabricatedClaims && analysis.fabricatedSentences > 0)
            || wrongChoice != nil
            || inventedAnswer != nil
        let diagnosis = FailureDiagnosis(
            output: output, tokens: tokens, prepared: prepared, parts: parts, hallucination: hallucination,
            cutAtTokenCap: finishReason == .length, rules: self.configuration.failureRules)
        parts.relevance = diagnosis.relevance
        if let grounding = Self.nonAnswerGrounding(
            output: output, verdict: diagnosis.verdictSentence, prepared: prepared,
            model: self.configuration.groundingModel)
        {
            parts.grounding = grounding
        }
        var unsupportedClaims =
            analysis.unsupportedClaims + (wrongChoice.map { [$0] } ?? [])
            + (inventedAnswer.map { analysis.unsupportedEntities.contains($0) || diagnosis.kind != .answer ? [] : [$0] }
                ?? [])
        if unsupportedAnswer && unsupportedClaims.isEmpty { unsupportedClaims = analysis.unsupportedWords }
        let band = self.configuration.bands.band(kind: diagnosis.kind, failures: diagnosis.failures)
        let verdict = Verdict(
            id: prepared.experience.id.isEmpty ? nil : prepared.experience.id,
            reward: RewardBands.place(parts.reward(weights: self.configuration.weights), in: band),
            failureModes: diagnosis.failures,
            responseKind: diagnosis.kind,
            parts: parts,
            hallucination: hallucination && diagnosis.kind == .answer,
            unsupportedClaims: unsupportedClaims)
        return (verdict, analysis)
    }

    /// What makes a one-sentence answer to one open question an answer to another question, the first that applies:
    /// a name nothing supports, a name stitched from the context's name words or a title with its ending swapped, a
    /// name of the question's first step or one the context pairs with another relation (``AnswerHop``), or a kind,
    /// number or echo that cannot answer what is asked (``AnswerKind``). Written as steps, not one `??` chain, which the
    /// release build could not type-check in reasonable time.
    static func answerToAnotherQuestion(
        output: String, tokens: [Token], analysis: GroundingAnalysis, prepared: PreparedExperience
    ) -> String? {
        if let name = analysis.unsupportedAnswerNames.first { return name }
        if let joins = prepared.nameJoins, let name = joins.stitchedName(in: tokens) ?? joins.swappedTitle(in: tokens) {
            return name
        }
        if let hop = prepared.answerHop,
            let name = hop.strayName(in: tokens, sentences: prepared.sentences, question: prepared.inputSupport)
                ?? hop.unpairedObject(in: tokens, sentences: prepared.sentences, question: prepared.inputSupport)
        {
            return name
        }
        let finished = output.last { !$0.isWhitespace }.map { ".!".contains($0) } ?? false
        return prepared.answerKind?.mismatch(in: tokens, finished: finished, question: prepared.inputSupport)
    }

    /// The grounding of a non-answer without its verdict sentence, when that sentence only talks about the question
    /// and the sources (no number, no unsupported name, every unsupported word a ``NonAnswerPhrases/metaWords`` word
    /// or one of the question's in another form):
    /// "I could not find that in the documents." and "Nothing in the context answers that." then score the same,
    /// and what the response says besides is scored as usual. `nil` keeps the grounding of the whole response.
    static func nonAnswerGrounding(
        output: String, verdict: Substring?, prepared: PreparedExperience, model: GroundingModel
    ) -> Double? {
        guard let verdict else { return nil }
        let tokens = Tokenizer.tokens(of: String(verdict))
        let claimsNothing = tokens.allSatisfy { token in
            guard !token.isNumber else { return false }
            if prepared.support.supports(token) || !token.isContentWord { return true }
            guard !(token.isCapitalised && !token.startsSentence) else { return false }
            return NonAnswerPhrases.metaWords.contains(token.normalized) || Self.sharesStem(token, with: prepared)
        }
        guard claimsNothing, let range = output.range(of: verdict) else { return nil }
        let rest = output.replacingCharacters(in: range, with: "")
        return 1 - GroundingAnalysis(tokens: Tokenizer.tokens(of: rest), prepared: prepared, model: model).risk
    }

    /// Whether a word is one of the input's in another form ("designer" for "designed"): both at least four letters,
    /// one the start of the other.
    static func sharesStem(_ token: Token, with prepared: PreparedExperience) -> Bool {
        let word = token.normalized
        guard word.utf8.count >= 4 else { return false }
        return prepared.inputSupport.words.contains { $0.utf8.count >= 4 && (word.hasPrefix($0) || $0.hasPrefix(word)) }
    }

    /// 1 within the budget `B`, then falling linearly to 0 at `B × (1 + tolerance)`.
    func lengthScore(words: Int, budget: Int) -> Double {
        guard words > budget else { return 1 }
        let over = Double(words - budget) / (Double(budget) * self.configuration.lengthTolerance)
        return max(0, 1 - over)
    }
}
