import Experiences
import Foundation
import LanguageModels
import Verification

/// Infers a cluster's failure categories from three sources of evidence: the members' `failure_type` labels, the
/// cluster's top terms, and the verifier's checks on its representatives.
///
/// For category `c`, each source gives a share in 0...1:
/// - labels: `Σ count(labels naming c) / Σ count(all labels)` (see ``FailureCategory/init(label:)``);
/// - verifier: `#representatives flagged c / #representatives where c can be checked` (hallucination and number
///   errors need a context or reference; missing abstention needs a reference or a `kind`; incompleteness needs a
///   reference; verbosity, format and refusal can always be checked);
/// - terms: the weight share of top terms typical of `c` (e.g. `sorry`, `cannot` for refusal; numbers for number
///   errors).
/// The score is the weighted mean over the sources that have something to say about `c`, with weights labels 0.5,
/// verifier 0.35, terms 0.15: `score_c = Σ_s w_s · share_s(c) / Σ_s w_s`.
package struct ModeInference: Sendable {
    /// The verifier used on representatives.
    package let verifier: Verifier
    /// Each representative's findings, a pure function of the representative and the (immutable) verifier: a
    /// service sees the same cluster's representatives on request after request, and running the verifier on them
    /// was a sixth of a rank (issue 14). At most ``findingsCacheCapacity`` representatives of at most
    /// ``largestRememberedRepresentative`` bytes of text each are kept (a few megabytes at worst).
    private let findingsCache = BoundedCache<ClusterRepresentative, RepresentativeFindings>(
        capacity: Self.findingsCacheCapacity
    ) { $0.textBytes <= Self.largestRememberedRepresentative }

    /// The most representatives whose findings are remembered (a hundred clusters' worth).
    package static let findingsCacheCapacity = 512
    /// The most text (input, response, context and reference, in UTF-8 bytes) of a representative whose findings
    /// are remembered.
    package static let largestRememberedRepresentative = 32 * 1024

    /// Creates an inference with `verifier`.
    package init(verifier: Verifier) {
        self.verifier = verifier
    }

    /// The outcome of ``infer(_:)``.
    package struct Result: Sendable, Hashable {
        /// Every category with a positive score, highest first (ties in ``FailureCategory`` order).
        package var modes: [InferredMode]
        /// Findings per representative, in the cluster's order.
        package var findings: [RepresentativeFindings]
        /// Labels that name no known category, with their counts (reported, not guessed at).
        package var unrecognisedLabels: [String: Int]

        /// The score of `category` (0 when it was not inferred).
        package func score(of category: FailureCategory) -> Double {
            self.modes.first { $0.mode == category }?.score ?? 0
        }

        /// The categories whose score is at least `threshold`; when none is, the best one; when nothing scored,
        /// hallucination (the pipeline's main target), with score 0.
        package func targeted(threshold: Double) -> [InferredMode] {
            let above = self.modes.filter { $0.score >= threshold }
            if !above.isEmpty { return above }
            if let best = self.modes.first { return [best] }
            return [
                InferredMode(
                    mode: .hallucination, score: 0,
                    evidence: ["no label, term or verifier evidence; defaulting to hallucination"])
            ]
        }

        /// The modes' scores normalised to sum to 1 (hallucination 1 when nothing scored).
        package var weights: [FailureCategory: Double] {
            let total = self.modes.reduce(0) { $0 + $1.score }
            guard total > 0 else { return [.hallucination: 1] }
            return Dictionary(uniqueKeysWithValues: self.modes.map { ($0.mode, $0.score / total) })
        }
    }

    private static let sourceWeights = (labels: 0.5, verifier: 0.35, terms: 0.15)

    /// Infers the categories of `cluster`.
    ///
    /// - Complexity: O(representatives × their length + top terms + labels).
    package func infer(_ cluster: ClusterEvidence) -> Result {
        let findings = cluster.representatives.map(self.findings(for:))

        var labelCounts: [FailureCategory: Int] = [:]
        var labelled = 0
        var unrecognised: [String: Int] = [:]
        for (label, count) in cluster.failureTypes where count > 0 {
            labelled += count
            if let category = FailureCategory(label: label) {
                labelCounts[category, default: 0] += count
            } else {
                unrecognised[label, default: 0] += count
            }
        }
        let totalTermWeight = cluster.topTerms.reduce(0) { $0 + max(0, $1.weight) }
        let termWords = cluster.topTerms.map { TextNormalization.words(TextNormalization.normalized($0.term)) }

        var modes: [InferredMode] = []
        for category in FailureCategory.allCases {
            var weighted = 0.0
            var weightSum = 0.0
            var mode = InferredMode(mode: category, score: 0)
            if labelled > 0 {
                let count = labelCounts[category] ?? 0
                let share = Double(count) / Double(labelled)
                mode.labelShare = share
                weighted += Self.sourceWeights.labels * share
                weightSum += Self.sourceWeights.labels
                if count > 0 {
                    mode.evidence.append(
                        "\(count) of \(labelled) labelled members are labelled \(category.readableName)")
                }
            }
            let checkable = findings.filter { $0.checkable.contains(category) }
            if !checkable.isEmpty {
                let flagged = checkable.filter { $0.flags.contains(category) }
                let share = Double(flagged.count) / Double(checkable.count)
                mode.verifierShare = share
                weighted += Self.sourceWeights.verifier * share
                weightSum += Self.sourceWeights.verifier
                mode.representativeIDs = flagged.map(\.id)
                if !flagged.isEmpty {
                    let ids = flagged.prefix(3).map(\.id).joined(separator: ", ")
                    mode.evidence.append(
                        "\(flagged.count) of \(checkable.count) representatives checked show "
                            + "\(category.readableName) (\(ids))"
                    )
                }
            }
            if totalTermWeight > 0 {
                let cues = cluster.topTerms.indices.filter { Self.isCue(words: termWords[$0], for: category) }
                    .map { cluster.topTerms[$0] }
                let share = cues.reduce(0) { $0 + max(0, $1.weight) } / totalTermWeight
                mode.termShare = share
                weighted += Self.sourceWeights.terms * share
                weightSum += Self.sourceWeights.terms
                if !cues.isEmpty {
                    let terms = cues.prefix(4).map { "'\($0.term)'" }.joined(separator: ", ")
                    mode.evidence.append("top terms typical of \(category.readableName): \(terms)")
                }
            }
            mode.score = weightSum > 0 ? weighted / weightSum : 0
            if mode.score > 0 { modes.append(mode) }
        }
        modes.sort { $0.score != $1.score ? $0.score > $1.score : $0.mode < $1.mode }
        return Result(modes: modes, findings: findings, unrecognisedLabels: unrecognised)
    }

    /// Runs the checks on one representative (remembered, see ``findingsCache``).
    package func findings(for representative: ClusterRepresentative) -> RepresentativeFindings {
        self.findingsCache.value(for: representative) { self.checkedFindings(for: representative) }
    }

    /// The checks on one representative, computed afresh.
    private func checkedFindings(for representative: ClusterRepresentative) -> RepresentativeFindings {
        let experience = representative.experience
        let prepared = self.verifier.prepare(experience)
        let (verdict, analysis) = self.verifier.verifyAndAnalyse(output: representative.response, for: prepared)
        let response = TextNormalization.normalized(representative.response)
        let responseWords = TextNormalization.words(representative.response).count
        let reference = representative.reference.flatMap { $0.isEmpty ? nil : $0 }
        let referenceWords = reference.map { TextNormalization.words($0).count }
        let kind = representative.metadata["kind"]?.stringValue?.lowercased()
        let abstains = Self.abstentionPhrases.contains { TextNormalization.containsPhrase(response, $0) }
        let refuses = Self.refusalPhrases.contains { TextNormalization.containsPhrase(response, $0) }

        var checkable: Set<FailureCategory> = [.verbosity, .format, .refusal]
        var flags: Set<FailureCategory> = []
        if representative.isReplayable {
            checkable.formUnion([.hallucination, .numberError])
            if verdict.hallucination { flags.insert(.hallucination) }
            if !analysis.unsupportedNumbers.isEmpty { flags.insert(.numberError) }
        }
        let referenceAbstains = reference.map { reference in
            let normalized = TextNormalization.normalized(reference)
            return Self.abstentionPhrases.contains { TextNormalization.containsPhrase(normalized, $0) }
        }
        if kind != nil || referenceAbstains != nil {
            checkable.insert(.missingAbstention)
            let unanswerable = kind == "unanswerable" || referenceAbstains == true
            if unanswerable && !abstains { flags.insert(.missingAbstention) }
        }
        if let referenceWords, referenceWords >= 5 {
            checkable.insert(.incomplete)
            if !refuses && !abstains && Double(responseWords) <= 0.6 * Double(referenceWords) {
                flags.insert(.incomplete)
            }
        }
        let overLength =
            verdict.parts.length < 1
            || (referenceWords.map { responseWords > 3 * $0 + 20 } ?? false)
        if overLength { flags.insert(.verbosity) }
        if let format = verdict.parts.format, format < 1 {
            flags.insert(.format)
        } else if Self.looksMalformed(representative.response) {
            flags.insert(.format)
        }
        if refuses && !(kind == "unanswerable" || referenceAbstains == true) { flags.insert(.refusal) }

        var notes = [String(format: "verifier reward %.2f", verdict.reward)]
        if representative.isReplayable {
            notes.append(verdict.hallucination ? "flagged as hallucination" : "not flagged as hallucination")
            if !verdict.unsupportedClaims.isEmpty {
                notes.append("unsupported claims: " + verdict.unsupportedClaims.prefix(5).joined(separator: ", "))
            }
        } else {
            notes.append("no context or reference, so grounding was not checked")
        }
        notes.append("\(responseWords) words" + (referenceWords.map { " (reference \($0))" } ?? ""))
        if !flags.isEmpty { notes.append("shows " + flags.sorted().map(\.readableName).joined(separator: ", ")) }
        return RepresentativeFindings(
            id: representative.id, verdict: verdict, unsupportedNumbers: analysis.unsupportedNumbers, flags: flags,
            checkable: checkable, summary: notes.joined(separator: "; "))
    }

    /// Normalised phrases of an abstention ("I don't know").
    static let abstentionPhrases = [
        "i do not know", "not in the context", "does not contain the answer", "not enough information",
        "do not have enough information",
        "cannot be determined", "no information about", "unanswerable", "does not say",
    ]

    /// Normalised phrases of a refusal.
    static let refusalPhrases = [
        "cannot help", "cannot assist", "unable to help", "unable to assist", "cannot provide", "will not help",
        "not able to help", "i must decline", "i refuse", "cannot answer that", "cannot comply",
    ]

    /// Whether a response looks like a broken structured output: an unclosed code fence, or text that starts like
    /// JSON but does not parse.
    static func looksMalformed(_ response: String) -> Bool {
        if TextNormalization.occurrences(of: "```", in: response) % 2 == 1 { return true }
        let trimmed = TextNormalization.trimmed(response)
        guard trimmed.hasPrefix("{") || trimmed.hasPrefix("[") else { return false }
        guard let data = trimmed.data(using: .utf8) else { return true }
        return (try? JSONSerialization.jsonObject(with: data)) == nil
    }

    /// Whether a top term, given as its normalised words (made once per term, not once per category), is typical of
    /// `category`.
    static func isCue(words: [String], for category: FailureCategory) -> Bool {
        switch category {
        case .numberError:
            return words.contains { $0.allSatisfy(\.isNumber) }
        default:
            let cues = Self.termCues[category] ?? []
            return words.contains { word in cues.contains { word == $0 || ($0.count >= 5 && word.hasPrefix($0)) } }
        }
    }

    private static let termCues: [FailureCategory: Set<String>] = [
        .hallucination: ["invented", "fabricated", "reportedly", "allegedly", "rumored", "rumoured", "famous"],
        .missingAbstention: ["unknown", "unclear", "unspecified", "unanswerable"],
        .verbosity: ["additionally", "furthermore", "moreover", "overall", "summary", "restate", "background", "also"],
        .format: ["json", "bullet", "bullets", "format", "markdown", "fence", "code", "object"],
        .refusal: ["sorry", "cannot", "unable", "assist", "request", "policy", "apologize", "apologise", "refuse"],
        .incomplete: ["partial", "truncated", "incomplete", "cut"],
    ]
}
