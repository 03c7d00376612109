import Foundation
import LanguageModels
import PatchGeneration
import Verification

/// Scores patch candidates on hallucination reduction, clarity, length safety and cluster severity, ranks them and
/// selects the top one.
///
/// Each criterion is in 0...1 (formulas in `Docs/patches.md`, and on ``Clarity``, ``LengthSafety`` and
/// ``ReductionEstimate``); the score is their weighted mean. A candidate is excluded, with reasons, when it grows the
/// prompt past the cap, makes the prompt larger than the size cap, copies a long span of a representative's text,
/// has an empty patch, or does not apply to the base prompt (anchor missing, or its `prompt_text` is not the base
/// prompt with the patch applied). Ties are broken deterministically: higher score, then higher
/// `hallucination_reduction`, then the shorter patch text (UTF-8 bytes), then the smaller `patch_id`. Scores are
/// rounded to 6 decimals before comparing, so float noise cannot reorder equal candidates.
package struct Ranker: Sendable {
    /// The validated configuration.
    package let configuration: RankerConfiguration
    /// The model the measured check asks; `nil` means the built-in simulator.
    package let model: (any LanguageModel)?
    let verifier: Verifier
    /// What the measured check scores outputs with; the verifier unless another reward model is given.
    let rewardModel: any RewardModel
    private let inference: ModeInference
    /// Injection guards already built, by what they were built from (see ``GuardInputs``): at most 32, each from
    /// at most ``largestRememberedText`` bytes of text, so a few megabytes at worst.
    private let guards = BoundedCache<GuardInputs, InjectionGuard>(capacity: 32) {
        $0.textBytes <= Self.largestRememberedText
    }
    /// Base prompts already analysed for ``Clarity``, by their text (an analysis is a pure function of the text):
    /// at most 64 of at most ``largestRememberedText`` bytes.
    private let clarityBases = BoundedCache<String, ClarityBase>(capacity: 64) {
        $0.utf8.count <= Self.largestRememberedText
    }
    /// The most text a remembered guard or clarity base is made from (UTF-8 bytes); larger inputs are analysed
    /// afresh on every rank.
    static let largestRememberedText = 128 * 1024

    /// Creates a ranker.
    ///
    /// - Parameters:
    ///   - configuration: the settings.
    ///   - model: the model that answers in the measured check; `nil` uses ``LanguageModels/Simulator``. Default
    ///     `nil`.
    ///   - rewardModel: scores the measured check's outputs; `nil` uses the verifier built from the configuration.
    ///     Default `nil`.
    /// - Throws: ``RankingError`` or ``Verification/VerificationError`` when the configuration is invalid.
    package init(
        configuration: RankerConfiguration = RankerConfiguration(), model: (any LanguageModel)? = nil,
        rewardModel: (any RewardModel)? = nil
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.model = model
        self.verifier = try Verifier(configuration: configuration.verifier)
        self.rewardModel = rewardModel ?? self.verifier
        self.inference = ModeInference(verifier: self.verifier)
    }

    /// Ranks a request whose `prompt_text` and `cluster` are filled in (the HTTP layer resolves `prompt_id` and
    /// `clustering_id` + `cluster_id` first).
    ///
    /// - Throws: ``RankingError`` (`missingField` when `prompt_text` or `cluster` is absent), see
    ///   ``rank(candidates:cluster:basePrompt:weights:measure:samples:seed:)``.
    package func rank(_ request: RankRequest) async throws -> RankResult {
        guard let prompt = request.promptText else { throw RankingError.missingField("prompt_text") }
        guard let cluster = request.cluster else { throw RankingError.missingField("cluster") }
        return try await self.rank(
            candidates: request.candidates, cluster: cluster, basePrompt: prompt, weights: request.weights,
            measure: request.measure, samples: request.samples, seed: request.seed)
    }

    /// Scores and ranks `candidates` for `cluster`.
    ///
    /// - Parameters:
    ///   - candidates: the patches, each generated against `basePrompt`.
    ///   - cluster: the cluster they target.
    ///   - basePrompt: the prompt before any patch.
    ///   - weights: criterion weights; default the configuration's.
    ///   - measure: run the measured check; default the configuration's.
    ///   - samples: outputs per representative in the measured check; default the configuration's.
    ///   - seed: the measured check's seed; default the configuration's.
    /// - Throws: ``RankingError`` for no candidates, a duplicate `patch_id`, invalid weights, an empty prompt or
    ///   `samples < 1`; what the model throws during the measured check.
    /// - Complexity: O(candidates × (prompt length + patch sentences × prompt sentences)), plus
    ///   `(candidates + 1) × representatives` model calls when measuring.
    package func rank(
        candidates: [PatchCandidate],
        cluster: ClusterEvidence,
        basePrompt: String,
        weights: RankingWeights? = nil,
        measure: Bool? = nil,
        samples: Int? = nil,
        seed: UInt64? = nil
    ) async throws -> RankResult {
        guard !candidates.isEmpty else { throw RankingError.noCandidates }
        let candidateLimit = RankRequestLimits.candidates
        guard candidateLimit.contains(candidates.count) else {
            throw RankingError.outOfRange("candidates", value: candidates.count, allowed: candidateLimit, unit: "items")
        }
        if let samples, !RankRequestLimits.samples.contains(samples) {
            throw RankingError.outOfRange("samples", value: samples, allowed: RankRequestLimits.samples)
        }
        var seen: Set<String> = []
        for candidate in candidates where !seen.insert(candidate.patchID).inserted {
            throw RankingError.duplicatePatchID(candidate.patchID)
        }
        guard !Self.isBlank(basePrompt) else {
            throw RankingError.emptyPrompt
        }
        let weights = weights ?? self.configuration.weights
        try weights.validate()
        let samples = samples ?? self.configuration.samples
        guard samples >= 1 else { throw RankingError.invalidConfiguration("samples must be at least 1") }

        let inferred = self.inference.infer(cluster)
        let categoryWeights = inferred.weights
        let guardInputs = GuardInputs(
            representatives: cluster.representatives, basePrompt: basePrompt,
            spanLength: self.configuration.injectionSpanTokens)
        let guardrail = self.guards.value(for: guardInputs) {
            InjectionGuard(
                representatives: guardInputs.representatives, basePrompt: guardInputs.basePrompt,
                spanLength: guardInputs.spanLength)
        }
        let baseTokens = TokenEstimate.count(basePrompt)

        struct Eligible {
            var candidate: PatchCandidate
            var patched: String
            var growth: Int
            var lengthSafety: Double
        }
        var eligible: [Eligible] = []
        var excluded: [ExcludedCandidate] = []
        for candidate in candidates {
            var reasons: [String] = []
            var growth: Int?
            var lengthScore: Double?
            let patched = candidate.apply(to: basePrompt)
            if Self.isBlank(candidate.patchText) {
                reasons.append("empty patch_text")
            }
            if let patched {
                if patched != candidate.promptText {
                    reasons.append("prompt_text is not the base prompt with this patch applied")
                }
                let tokens = TokenEstimate.count(patched)
                growth = tokens - baseTokens
                lengthScore = LengthSafety.score(
                    growth: tokens - baseTokens, budget: self.configuration.growthBudgetTokens,
                    cap: self.configuration.maxGrowthTokens)
                if lengthScore == nil {
                    reasons.append(
                        "grows the prompt by \(tokens - baseTokens) tokens, over the cap of "
                            + "\(self.configuration.maxGrowthTokens)")
                }
                if tokens > self.configuration.maxPromptTokens {
                    reasons.append(
                        "the patched prompt has \(tokens) tokens, over the cap of \(self.configuration.maxPromptTokens)"
                    )
                }
            } else {
                reasons.append(
                    "its anchor is not in the base prompt, so the \(candidate.operation.rawValue) cannot apply")
            }
            if let violation = guardrail.violation(in: candidate.patchText) { reasons.append(violation) }
            if let patched, let growth, let lengthScore, reasons.isEmpty {
                eligible.append(
                    Eligible(candidate: candidate, patched: patched, growth: growth, lengthSafety: lengthScore))
            } else {
                excluded.append(
                    ExcludedCandidate(
                        patchID: candidate.patchID, strategy: candidate.strategy, reasons: reasons, growthTokens: growth
                    ))
            }
        }

        var notes: [String] = []
        var measurement: Measurement?
        if measure ?? self.configuration.measure, !eligible.isEmpty {
            let replayable = cluster.representatives.filter(\.isReplayable)
                .prefix(self.configuration.maxMeasuredRepresentatives)
            if replayable.isEmpty {
                notes.append("measured check skipped: no representative has a context or reference to replay")
            } else {
                measurement = try await self.measure(
                    basePrompt: basePrompt, patchedPrompts: eligible.map(\.patched), representatives: Array(replayable),
                    samples: samples, seed: seed ?? self.configuration.seed)
            }
        }

        let severity = min(1, max(0, cluster.severity.isFinite ? cluster.severity : 0))
        let alpha = self.configuration.measuredShare
        var scored: [RankedCandidate] = []
        // Only a `replace` leaves a base other than the prompt itself; each base is analysed once.
        let baseFamilies = self.clarityBase(of: basePrompt).families
        for (index, item) in eligible.enumerated() {
            let patchText = item.candidate.patchText
            let patchFamilies = InstructionFamily.present(in: patchText)
            let patchedFamilies =
                item.candidate.operation == .append
                ? InstructionFamily.present(
                    inJoined: item.patched, base: basePrompt, baseFamilies: baseFamilies, patch: patchText,
                    patchFamilies: patchFamilies)
                : InstructionFamily.present(in: item.patched)
            let estimate = ReductionEstimate(
                baseFamilies: baseFamilies, patchedFamilies: patchedFamilies,
                targets: item.candidate.targetCategories, weights: categoryWeights)
            let remaining = Self.removingAnchor(of: item.candidate, from: basePrompt)
            let clarityBase = self.clarityBase(of: remaining)
            let clarity = Clarity.assess(patchText: patchText, base: clarityBase, patchFamilies: patchFamilies)
            var details = CandidateDetails(
                estimatedReduction: Self.rounded(estimate.estimate), coverage: Self.rounded(estimate.coverage),
                growthTokens: item.growth, adds: estimate.adds.map(\.rawValue),
                removes: estimate.removes.map(\.rawValue),
                notes: clarity.notes)
            var reduction = estimate.estimate
            if let measurement {
                let measured = measurement.patched[index]
                let score = measurement.score(of: measured)
                reduction = (1 - alpha) * estimate.estimate + alpha * score
                details.measuredReduction = Self.rounded(score)
                details.patchedReward = Self.rounded(measured.reward)
                details.patchedHallucinationRate = Self.rounded(measured.hallucinationRate)
            }
            let criteria = CriterionScores(
                hallucinationReduction: Self.rounded(reduction), clarity: Self.rounded(clarity.score),
                lengthSafety: Self.rounded(item.lengthSafety),
                clusterSeverity: Self.rounded(severity * estimate.coverage))
            scored.append(
                RankedCandidate(
                    candidate: item.candidate, score: Self.rounded(weights.total(of: criteria)), rank: 0,
                    criteria: criteria, details: details))
        }
        scored.sort(by: Self.ranksBefore)
        for index in scored.indices { scored[index].rank = index + 1 }
        return RankResult(
            ranked: scored, selected: scored.first?.patchID, excluded: excluded, weights: weights,
            modes: inferred.modes, measurement: measurement?.summary, notes: notes)
    }

    /// `text` analysed as a ``Clarity`` base, remembered across ranks.
    private func clarityBase(of text: String) -> ClarityBase {
        self.clarityBases.value(for: text) { ClarityBase(text) }
    }

    /// The documented order: score, then hallucination reduction (both descending), then the shorter patch text,
    /// then the smaller patch id.
    package static func ranksBefore(_ lhs: RankedCandidate, _ rhs: RankedCandidate) -> Bool {
        if lhs.score != rhs.score { return lhs.score > rhs.score }
        if lhs.criteria.hallucinationReduction != rhs.criteria.hallucinationReduction {
            return lhs.criteria.hallucinationReduction > rhs.criteria.hallucinationReduction
        }
        let lhsLength = lhs.candidate.patchText.utf8.count
        let rhsLength = rhs.candidate.patchText.utf8.count
        if lhsLength != rhsLength { return lhsLength < rhsLength }
        return lhs.patchID < rhs.patchID
    }

    /// The base prompt without the clause a `replace` candidate removes (the whole prompt for other operations).
    static func removingAnchor(of candidate: PatchCandidate, from prompt: String) -> String {
        guard candidate.operation == .replace, let anchor = candidate.anchor, !anchor.isEmpty,
            let range = prompt.range(of: anchor)
        else { return prompt }
        return prompt.replacingCharacters(in: range, with: "")
    }

    /// Whether `text` is empty once whitespace and line breaks are trimmed: every scalar is in Foundation's
    /// `whitespacesAndNewlines`, checked without its bridged, locale-aware trimming.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(TextNormalization.isWhiteSpaceOrNewline)
    }

    /// `value` rounded to 6 decimals.
    static func rounded(_ value: Double) -> Double {
        (value * 1_000_000).rounded() / 1_000_000
    }
}
