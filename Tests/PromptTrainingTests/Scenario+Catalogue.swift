import Experiences
import LanguageModels
import PromptTraining
import TrainingScenarios

/// The scenarios the tests train on: each is ``Scenario/table(_:)``'s shared base behaviour with its own
/// instructions.
extension Scenario {
    /// The ranker's favourite is wrong in both clusters: in the hallucination cluster a soft grounding rule
    /// outscores the strict one that works far better, and in the padding cluster a rule that invites padding
    /// outscores the brevity rule. Best: strict grounding + brevity; the ranker ships soft grounding + padding.
    static let rankerMisled = rankerMisled(scale: 1)

    /// ``rankerMisled`` with `scale` copies of each group of experiences (40 × `scale` in all).
    static func rankerMisled(scale: Int) -> Scenario {
        var groups = Groups(scale: scale)
        let hallucinated =
            groups.next(.answerable, 8, "rm-c1", failed: true) + groups.next(.numeric, 4, "rm-c1", failed: true)
        let padded = groups.next(.answerable, 8, "rm-c2", failed: true, type: "verbosity")
        let successes =
            groups.next(.answerable, 14, "rm", failed: false) + groups.next(.numeric, 6, "rm", failed: false)
        return Scenario(
            name: "ranker's favourite is not the best",
            table: table([
                .init(
                    name: "strict_grounding", triggers: ["quote the context word for word"],
                    effects: [.hallucination: -2.5, .incomplete: 0.3]),
                .init(
                    name: "soft_grounding", triggers: ["prefer information from the context"],
                    effects: [.hallucination: -0.7]),
                .init(name: "tone", triggers: ["warm, friendly tone"], effects: [:]),
                .init(
                    name: "brevity", triggers: ["keep answers under fifty words"],
                    effects: [.verbosity: -2.5, .incomplete: 0.3]),
                .init(
                    name: "elaborate", triggers: ["explain your reasoning at length"],
                    effects: [.verbosity: 1.0, .incomplete: -0.5]),
            ]),
            experiences: hallucinated + padded + successes,
            clusters: [
                cluster(
                    "cluster_1", label: "invented facts", members: hallucinated,
                    candidates: [
                        candidate("cluster_1-soft", "Prefer information from the context.", score: 0.86),
                        candidate("cluster_1-tone", "Use a warm, friendly tone.", score: 0.80),
                        candidate("cluster_1-strict", "Quote the context word for word; never add facts.", score: 0.72),
                    ]),
                cluster(
                    "cluster_2", label: "padded answers", members: padded,
                    candidates: [
                        candidate("cluster_2-elaborate", "Explain your reasoning at length.", score: 0.84),
                        candidate("cluster_2-brevity", "Keep answers under fifty words.", score: 0.78),
                    ]),
            ])
    }

    /// A patch that helps the failures it targets but hurts the successes: a broad abstention rule fixes hallucinated
    /// answers to unanswerable questions but makes the model refuse answerable ones, which are most of the traffic; a
    /// narrow one fixes less but costs almost nothing. Likewise a "be thorough" rule fixes incomplete answers but
    /// invites padding everywhere, so "no patch" is best for that cluster. Best: narrow abstention + the numbers
    /// rule + no patch; the ranker ships broad abstention + numbers + thorough.
    static let abstentionTradeOff = abstentionTradeOff(scale: 1)

    /// ``abstentionTradeOff`` with `scale` copies of each group of experiences (56 × `scale` in all).
    static func abstentionTradeOff(scale: Int) -> Scenario {
        var groups = Groups(scale: scale)
        let unanswerable = groups.next(.unanswerable, 12, "at-c1", failed: true)
        let numeric = groups.next(.numeric, 8, "at-c2", failed: true)
        let incomplete = groups.next(.answerable, 8, "at-c3", failed: true, type: "incomplete")
        let successes =
            groups.next(.answerable, 22, "at", failed: false) + groups.next(.numeric, 6, "at", failed: false)
        return Scenario(
            name: "a patch helps failures but hurts successes",
            table: table([
                .init(
                    name: "broad_abstention", triggers: ["if you are not completely sure, say you don't know"],
                    kindEffects: [
                        "unanswerable": [.hallucination: -2.5], "answerable": [.refusal: 4.5],
                        "numeric": [.refusal: 4.5],
                    ]),
                .init(
                    name: "narrow_abstention", triggers: ["when the context does not contain the answer, say so"],
                    kindEffects: [
                        "unanswerable": [.hallucination: -2.0], "answerable": [.refusal: 0.4],
                        "numeric": [.refusal: 0.4],
                    ]),
                .init(
                    name: "numbers", triggers: ["copy every number exactly as written"],
                    kindEffects: ["numeric": [.hallucination: -2.0]]),
                .init(name: "meticulous", triggers: ["you are a meticulous assistant"], effects: [:]),
                .init(
                    name: "thorough", triggers: ["cover every detail you can find"],
                    effects: [.incomplete: -1.0, .verbosity: 1.5]),
                .init(
                    name: "related", triggers: ["mention every related fact"],
                    effects: [.incomplete: -0.5, .verbosity: 1.2]),
            ]),
            experiences: unanswerable + numeric + incomplete + successes,
            clusters: [
                cluster(
                    "cluster_1", label: "answers to unanswerable questions", members: unanswerable,
                    candidates: [
                        candidate(
                            "cluster_1-broad", "If you are not completely sure, say you don't know.", score: 0.84),
                        candidate(
                            "cluster_1-narrow", "When the context does not contain the answer, say so.", score: 0.78),
                    ]),
                cluster(
                    "cluster_2", label: "wrong numbers", members: numeric,
                    candidates: [
                        candidate(
                            "cluster_2-numbers", "Copy every number exactly as written in the context.", score: 0.80),
                        candidate("cluster_2-meticulous", "You are a meticulous assistant.", score: 0.70),
                    ]),
                cluster(
                    "cluster_3", label: "incomplete answers", members: incomplete,
                    candidates: [
                        candidate("cluster_3-thorough", "Cover every detail you can find.", score: 0.85),
                        candidate("cluster_3-related", "Mention every related fact.", score: 0.70),
                    ]),
            ])
    }

    /// Nothing to gain: every candidate's instruction does nothing, so every variant answers exactly as the base
    /// prompt does (same seeds, same outputs).
    static let nothingToGain = oneCluster(
        name: "nothing to gain", tag: "ng",
        instructions: [
            .init(name: "tone", triggers: ["warm, friendly tone"], effects: [:]),
            .init(name: "persona", triggers: ["you are an expert"], effects: [:]),
        ],
        candidates: [
            candidate("cluster_1-tone", "Use a warm, friendly tone.", score: 0.8),
            candidate("cluster_1-persona", "You are an expert.", score: 0.7),
        ])

    /// Only harmful candidates: each makes the model refuse or pad more, so the base prompt is best.
    static let onlyHarmful = oneCluster(
        name: "only harmful candidates", tag: "oh",
        instructions: [
            .init(name: "refuse", triggers: ["decline anything sensitive"], effects: [.refusal: 6.0]),
            .init(name: "pad", triggers: ["always add background"], effects: [.verbosity: 4.0]),
        ],
        candidates: [
            candidate("cluster_1-refuse", "Decline anything sensitive.", score: 0.8),
            candidate("cluster_1-pad", "Always add background.", score: 0.7),
        ])

    /// Eight answerable failures in one cluster (ids tagged `<tag>-c1`) and eight successes (tagged `tag`).
    private static func oneCluster(
        name: String, tag: String, instructions: [EffectTable.Instruction], candidates: [RankedChoice]
    ) -> Scenario {
        let failures = (0..<8).map { experience(.answerable, $0, tag: "\(tag)-c1", failed: true) }
        let successes = (8..<16).map { experience(.answerable, $0, tag: tag, failed: false) }
        return Scenario(
            name: name, table: table(instructions), experiences: failures + successes,
            clusters: [cluster("cluster_1", label: "invented facts", members: failures, candidates: candidates)])
    }

    /// One cluster of `failures` invented facts and `successes` answers that went well, on a table where nothing else
    /// fails much (hallucination logit `hallucination`), and one candidate whose grounding rule moves that logit by
    /// `effect`. Experience ids start with `idPrefix`, so two scenarios built here draw different answers.
    static func groundingRule(
        name: String, idPrefix: String, hallucination: Double, effect: Double, failures: Int = 40, successes: Int
    ) -> Scenario {
        var groups = Groups(scale: 1)
        let failed = groups.next(.answerable, failures, "\(idPrefix)-c1", failed: true)
        let succeeded = groups.next(.answerable, successes, idPrefix, failed: false)
        return Scenario(
            name: name,
            table: EffectTable(
                base: [.hallucination: hallucination, .verbosity: -4, .format: -6, .refusal: -4, .incomplete: -4],
                kinds: ["answerable": .init(answerable: true)],
                instructions: [
                    .init(
                        name: "grounding", triggers: ["quote the context word for word"],
                        effects: [.hallucination: effect])
                ]),
            experiences: failed + succeeded,
            clusters: [
                cluster(
                    "cluster_1", label: "invented facts", members: failed,
                    candidates: [candidate("cluster_1-strict", "Quote the context word for word.", score: 0.9)])
            ])
    }
}
