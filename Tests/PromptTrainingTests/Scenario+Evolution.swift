import Experiences
import LanguageModels
import PromptTraining
import TrainingScenarios

extension Scenario {
    /// No candidate the job starts with fixes both clusters, but a rule none of them holds does: a grounding rule
    /// (any phrasing of the family) all but ends invented facts, yet makes the model refuse more questions about
    /// numbers, which it already refuses often; the answer scope ("decline only what is unsafe", any phrasing of the
    /// family) ends those refusals. The first cluster's candidates are the grounding rule and a polite tone, the
    /// second's a persona and a friendly tone, neither of which does anything. Best reachable without evolution:
    /// grounding alone; with it: grounding plus an evolved answer scope, which only the refusals under the grounding
    /// rule point to.
    ///
    /// 72 experiences: 16 invented answers and 16 refused number questions (the clusters), 40 successes; 30% (22)
    /// held out, enough for the gate.
    static let needsEvolution: Scenario = {
        var groups = Groups(scale: 1)
        let hallucinated = groups.next(.answerable, 16, "ev-c1", failed: true)
        let refused = groups.next(.numeric, 16, "ev-c2", failed: true, type: "refusal")
        let successes =
            groups.next(.answerable, 28, "ev", failed: false) + groups.next(.numeric, 12, "ev", failed: false)
        return Scenario(
            name: "only an evolved candidate fixes both clusters",
            table: EffectTable(
                base: [.hallucination: -0.5, .verbosity: -3, .format: -4, .refusal: -4, .incomplete: -2.5],
                kinds: [
                    "answerable": .init(answerable: true),
                    "numeric": .init(answerable: true, logits: [.hallucination: 0.5, .refusal: 3.5]),
                ],
                instructions: [
                    .init(
                        name: "grounding", effects: [.hallucination: -3, .incomplete: 0.2],
                        kindEffects: ["numeric": [.refusal: 1]]),
                    .init(name: "answer_scope", effects: [.refusal: -3.5]),
                    .init(name: "persona", triggers: ["you are an expert"], effects: [:]),
                    .init(name: "tone", triggers: ["warm, friendly tone", "polite and patient"], effects: [:]),
                ]),
            experiences: hallucinated + refused + successes,
            clusters: [
                cluster(
                    "cluster_1", label: "invented facts", members: hallucinated,
                    candidates: [
                        candidate(
                            "cluster_1-strict", "Quote the context word for word; never invent facts.", score: 0.8),
                        candidate("cluster_1-polite", "Be polite and patient.", score: 0.78),
                    ]),
                cluster(
                    "cluster_2", label: "refused number questions", members: refused,
                    candidates: [
                        candidate("cluster_2-persona", "You are an expert.", score: 0.8),
                        candidate("cluster_2-tone", "Use a warm, friendly tone.", score: 0.75),
                    ]),
            ])
    }()
}
