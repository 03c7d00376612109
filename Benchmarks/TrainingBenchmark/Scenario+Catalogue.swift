import Experiences
import LanguageModels
import PatchGeneration
import PromptTraining
import TrainingScenarios

/// The benchmark's scenarios: the test target's two (scaled up), a wide one with 256 variants, spaces of 3, 30 and
/// 300 variants, and a trade-off between clusters (see ``ComparedScenario/catalogue`` for the noisy ones).
extension Scenario {
    static let instructions: [EffectTable.Instruction] = [
        .init(
            name: "strict_grounding", triggers: ["quote the context word for word"],
            effects: [.hallucination: -2.5, .incomplete: 0.3]),
        .init(
            name: "soft_grounding", triggers: ["prefer information from the context"], effects: [.hallucination: -0.7]),
        .init(name: "tone", triggers: ["warm, friendly tone"], effects: [:]),
        .init(
            name: "brevity", triggers: ["keep answers under fifty words"],
            effects: [.verbosity: -2.5, .incomplete: 0.3]),
        .init(
            name: "elaborate", triggers: ["explain your reasoning at length"],
            effects: [.verbosity: 1.0, .incomplete: -0.5]),
        .init(
            name: "broad_abstention", triggers: ["if you are not completely sure, say you don't know"],
            kindEffects: [
                "unanswerable": [.hallucination: -2.5], "answerable": [.refusal: 4.5], "numeric": [.refusal: 4.5],
            ]),
        .init(
            name: "narrow_abstention", triggers: ["when the context does not contain the answer, say so"],
            kindEffects: [
                "unanswerable": [.hallucination: -2.0], "answerable": [.refusal: 0.4], "numeric": [.refusal: 0.4],
            ]),
        .init(
            name: "numbers", triggers: ["copy every number exactly as written"],
            kindEffects: ["numeric": [.hallucination: -2.0]]),
        .init(
            name: "refuse_numbers", triggers: ["refuse to give a number you cannot verify"],
            kindEffects: ["numeric": [.hallucination: -2.5, .refusal: 2.5]]),
        .init(name: "meticulous", triggers: ["you are a meticulous assistant"], effects: [:]),
        .init(name: "polite", triggers: ["always be polite"], effects: [:]),
        .init(
            name: "thorough", triggers: ["cover every detail you can find"],
            effects: [.incomplete: -1.0, .verbosity: 1.5]),
        .init(
            name: "related", triggers: ["mention every related fact"], effects: [.incomplete: -0.5, .verbosity: 1.2]),
    ]

    static let soft = candidate("soft", "Prefer information from the context.", score: 0.86)
    static let tone = candidate("tone", "Use a warm, friendly tone.", score: 0.80)
    static let strict = candidate("strict", "Quote the context word for word; never add facts.", score: 0.72)
    static let elaborate = candidate("elaborate", "Explain your reasoning at length.", score: 0.84)
    static let brevity = candidate("brevity", "Keep answers under fifty words.", score: 0.78)
    static let broad = candidate("broad", "If you are not completely sure, say you don't know.", score: 0.84)
    static let narrow = candidate("narrow", "When the context does not contain the answer, say so.", score: 0.78)
    static let numbers = candidate("numbers", "Copy every number exactly as written in the context.", score: 0.80)
    static let meticulous = candidate("meticulous", "You are a meticulous assistant.", score: 0.70)
    static let thorough = candidate("thorough", "Cover every detail you can find.", score: 0.85)
    static let related = candidate("related", "Mention every related fact.", score: 0.70)
    static let refuseNumbers = candidate("refuse-numbers", "Refuse to give a number you cannot verify.", score: 0.75)
    static let polite = candidate("polite", "Always be polite.", score: 0.60)

    /// `candidate` with its patch id prefixed by the cluster's and its score replaced.
    static func choice(_ cluster: String, _ base: RankedChoice, score: Double? = nil) -> RankedChoice {
        var choice = base
        choice.candidate.patchID = "\(cluster)-\(base.candidate.patchID)"
        if let score { choice.score = score }
        return choice
    }

    /// The ranker's favourite is wrong in both clusters (see the test target). `scale` copies of each group.
    static func rankerMisled(scale: Int) -> Scenario {
        var groups = Groups(scale: scale)
        let hallucinated =
            groups.next(.answerable, 8, "c1", failed: true) + groups.next(.numeric, 4, "c1", failed: true)
        let padded = groups.next(.answerable, 8, "c2", failed: true, type: "verbosity")
        let successes = groups.next(.answerable, 14, "s", failed: false) + groups.next(.numeric, 6, "s", failed: false)
        return Scenario(
            name: "ranker-misled", table: table(Self.instructions), experiences: hallucinated + padded + successes,
            clusters: [
                cluster(
                    "cluster_1", label: "invented facts", members: hallucinated,
                    candidates: [choice("cluster_1", soft), choice("cluster_1", tone), choice("cluster_1", strict)]),
                cluster(
                    "cluster_2", label: "padded answers", members: padded,
                    candidates: [choice("cluster_2", elaborate), choice("cluster_2", brevity)]),
            ])
    }

    /// Broad abstention fixes its cluster but hurts the successes; "thorough" likewise (see the test target).
    static func abstentionTradeOff(scale: Int) -> Scenario {
        var groups = Groups(scale: scale)
        let unanswerable = groups.next(.unanswerable, 12, "c1", failed: true)
        let numeric = groups.next(.numeric, 8, "c2", failed: true)
        let incomplete = groups.next(.answerable, 8, "c3", failed: true, type: "incomplete")
        let successes = groups.next(.answerable, 22, "s", failed: false) + groups.next(.numeric, 6, "s", failed: false)
        return Scenario(
            name: "abstention-trade-off", table: table(Self.instructions),
            experiences: unanswerable + numeric + incomplete + successes,
            clusters: [
                cluster(
                    "cluster_1", label: "answers to unanswerable questions", members: unanswerable,
                    candidates: [choice("cluster_1", broad), choice("cluster_1", narrow)]),
                cluster(
                    "cluster_2", label: "wrong numbers", members: numeric,
                    candidates: [choice("cluster_2", numbers), choice("cluster_2", meticulous)]),
                cluster(
                    "cluster_3", label: "incomplete answers", members: incomplete,
                    candidates: [choice("cluster_3", thorough), choice("cluster_3", related)]),
            ])
    }

    /// Four clusters with three candidates each (256 variants): the ranker is right about padding, wrong about
    /// invented facts, wrong about numbers (a refusing rule outscores the plain one) and wrong about abstention.
    static func wide(scale: Int) -> Scenario {
        var groups = Groups(scale: scale)
        let hallucinated = groups.next(.answerable, 8, "c1", failed: true)
        let padded = groups.next(.answerable, 6, "c2", failed: true, type: "verbosity")
        let numeric = groups.next(.numeric, 8, "c3", failed: true)
        let unanswerable = groups.next(.unanswerable, 10, "c4", failed: true)
        let successes = groups.next(.answerable, 20, "s", failed: false) + groups.next(.numeric, 8, "s", failed: false)
        return Scenario(
            name: "wide-256", table: table(Self.instructions),
            experiences: hallucinated + padded + numeric + unanswerable + successes,
            clusters: [
                cluster(
                    "cluster_1", label: "invented facts", members: hallucinated,
                    candidates: [choice("cluster_1", soft), choice("cluster_1", tone), choice("cluster_1", strict)]),
                cluster(
                    "cluster_2", label: "padded answers", members: padded,
                    candidates: [
                        choice("cluster_2", brevity, score: 0.86), choice("cluster_2", elaborate, score: 0.80),
                        choice("cluster_2", polite),
                    ]),
                cluster(
                    "cluster_3", label: "wrong numbers", members: numeric,
                    candidates: [
                        choice("cluster_3", refuseNumbers, score: 0.84), choice("cluster_3", meticulous, score: 0.78),
                        choice("cluster_3", numbers, score: 0.74),
                    ]),
                cluster(
                    "cluster_4", label: "answers to unanswerable questions", members: unanswerable,
                    candidates: [
                        choice("cluster_4", broad), choice("cluster_4", narrow),
                        choice("cluster_4", polite, score: 0.55),
                    ]),
            ])
    }

    /// One cluster, two candidates (3 variants): the ranker prefers the soft grounding rule, the strict one is best.
    static func tiny(scale: Int) -> Scenario {
        var groups = Groups(scale: scale)
        let hallucinated = groups.next(.answerable, 10, "c1", failed: true)
        let successes = groups.next(.answerable, 10, "s", failed: false)
        return Scenario(
            name: "tiny-3", table: table(Self.instructions), experiences: hallucinated + successes,
            clusters: [
                cluster(
                    "cluster_1", label: "invented facts", members: hallucinated,
                    candidates: [choice("cluster_1", soft), choice("cluster_1", strict)])
            ])
    }

    /// Two clusters with four and five candidates (30 variants): the ranker is wrong in both.
    static func mid(scale: Int) -> Scenario {
        var groups = Groups(scale: scale)
        let hallucinated =
            groups.next(.answerable, 8, "c1", failed: true) + groups.next(.numeric, 4, "c1", failed: true)
        let padded = groups.next(.answerable, 8, "c2", failed: true, type: "verbosity")
        let successes = groups.next(.answerable, 14, "s", failed: false) + groups.next(.numeric, 6, "s", failed: false)
        return Scenario(
            name: "mid-30", table: table(Self.instructions), experiences: hallucinated + padded + successes,
            clusters: [
                cluster(
                    "cluster_1", label: "invented facts", members: hallucinated,
                    candidates: [
                        choice("cluster_1", soft), choice("cluster_1", tone),
                        choice("cluster_1", meticulous, score: 0.76),
                        choice("cluster_1", strict),
                    ]),
                cluster(
                    "cluster_2", label: "padded answers", members: padded,
                    candidates: [
                        choice("cluster_2", thorough), choice("cluster_2", elaborate), choice("cluster_2", brevity),
                        choice("cluster_2", related), choice("cluster_2", polite),
                    ]),
            ])
    }

    /// Four clusters with 2, 3, 4 and 4 candidates (300 variants): the ranker is right about one.
    static func large(scale: Int) -> Scenario {
        var groups = Groups(scale: scale)
        let hallucinated = groups.next(.answerable, 8, "c1", failed: true)
        let padded = groups.next(.answerable, 6, "c2", failed: true, type: "verbosity")
        let numeric = groups.next(.numeric, 8, "c3", failed: true)
        let unanswerable = groups.next(.unanswerable, 10, "c4", failed: true)
        let successes = groups.next(.answerable, 20, "s", failed: false) + groups.next(.numeric, 8, "s", failed: false)
        return Scenario(
            name: "large-300", table: table(Self.instructions),
            experiences: hallucinated + padded + numeric + unanswerable + successes,
            clusters: [
                cluster(
                    "cluster_1", label: "invented facts", members: hallucinated,
                    candidates: [choice("cluster_1", soft), choice("cluster_1", strict)]),
                cluster(
                    "cluster_2", label: "padded answers", members: padded,
                    candidates: [
                        choice("cluster_2", brevity, score: 0.86), choice("cluster_2", elaborate, score: 0.80),
                        choice("cluster_2", polite),
                    ]),
                cluster(
                    "cluster_3", label: "wrong numbers", members: numeric,
                    candidates: [
                        choice("cluster_3", refuseNumbers, score: 0.84), choice("cluster_3", meticulous, score: 0.78),
                        choice("cluster_3", numbers, score: 0.74), choice("cluster_3", tone, score: 0.70),
                    ]),
                cluster(
                    "cluster_4", label: "answers to unanswerable questions", members: unanswerable,
                    candidates: [
                        choice("cluster_4", broad), choice("cluster_4", narrow),
                        choice("cluster_4", polite, score: 0.55), choice("cluster_4", related, score: 0.5),
                    ]),
            ])
    }

    /// Each cluster's own fix hurts the other's: brevity ends padding but cuts answers short, "thorough" completes
    /// answers but pads them. 9 variants; the best pair is not each cluster's best alone.
    static func clusterTradeOff(scale: Int) -> Scenario {
        var groups = Groups(scale: scale)
        let padded = groups.next(.answerable, 10, "c1", failed: true, type: "verbosity")
        let incomplete = groups.next(.answerable, 10, "c2", failed: true, type: "incomplete")
        let successes = groups.next(.answerable, 16, "s", failed: false)
        var instructions = Self.instructions
        instructions.removeAll { ["brevity", "thorough"].contains($0.name) }
        instructions += [
            .init(
                name: "brevity", triggers: ["keep answers under fifty words"],
                effects: [.verbosity: -2.5, .incomplete: 1.4]),
            .init(
                name: "thorough", triggers: ["cover every detail you can find"],
                effects: [.incomplete: -2.0, .verbosity: 1.6]),
        ]
        var base = table(instructions)
        base.base[.incomplete] = -1.5
        return Scenario(
            name: "cluster-trade-off", table: base, experiences: padded + incomplete + successes,
            clusters: [
                cluster(
                    "cluster_1", label: "padded answers", members: padded,
                    candidates: [choice("cluster_1", brevity, score: 0.86), choice("cluster_1", polite, score: 0.7)]),
                cluster(
                    "cluster_2", label: "incomplete answers", members: incomplete,
                    candidates: [choice("cluster_2", thorough), choice("cluster_2", related)]),
            ])
    }
}
