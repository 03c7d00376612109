import Reporting

/// Reports for the tests: a full demo run and an empty one.
enum ReportFixtures {
    static func full(steps: Int = 12, rounds: Int = 3) -> PipelineReport {
        let curve = (1...max(1, steps)).prefix(steps).map { step in
            PipelineReport.CurvePoint(
                step: step, meanReward: 0.6 + 0.01 * Double(step), klDivergence: 0.002 * Double(step),
                zeroSpreadShare: 0.25, rollouts: 64 * step)
        }
        let candidates = [
            PipelineReport.Candidate(
                patchID: "patch_a", strategy: "grounding_rule", patchText: "Only use the context.",
                explanation: "Most failures invent names.",
                criteria: .init(hallucinationReduction: 0.9, clarity: 0.8, lengthSafety: 0.95, clusterSeverity: 0.7),
                score: 0.86, rank: 1, selected: true),
            PipelineReport.Candidate(
                patchID: "patch_b", strategy: "persona", patchText: "You are an expert.", explanation: "Generic.",
                criteria: .init(hallucinationReduction: 0.1, clarity: 0.7, lengthSafety: 0.97, clusterSeverity: 0.1),
                score: 0.3, rank: 2, excludedReason: "addresses nothing"),
        ]
        let cluster = PipelineReport.Cluster(
            id: "cluster_1", size: 40, share: 0.8, severity: 0.75, label: "hallucination: invented names",
            topTerms: ["confirmed", "documented"], failureTypes: ["hallucination": 38, "low_reward": 2],
            representatives: [
                .init(
                    id: "e1", input: "Who runs the <b>store</b>?",
                    response: "<script>alert(1)</script> Elena Lindqvist confirmed this in 1986.", distance: 0.2)
            ],
            candidates: candidates)
        return PipelineReport(
            title: "Demo & run", generatedAt: "2025-12-10T14:22:00Z",
            basePrompt: .init(id: "p_v1_1", text: "SYSTEM: Answer the question."),
            model: .init(name: "kaizen-simulator", simulated: true), data: "50 simulated interactions, 40 failures",
            clusters: [cluster],
            training: .init(
                curve: curve, stopReason: "completed", rollouts: 64 * steps, tokens: 120_000,
                policy: [
                    .init(
                        clusterID: "cluster_1",
                        choices: [
                            .init(patchID: nil, probability: 0.1), .init(patchID: "patch_a", probability: 0.85),
                            .init(patchID: "patch_b", probability: 0.05),
                        ])
                ]),
            evaluation: .init(
                heldOut: 30, baselineReward: 0.62, reward: 0.7,
                gain: .init(estimate: 0.08, low: 0.03, high: 0.12), hallucinationRateBefore: 0.3,
                hallucinationRateAfter: 0.1),
            outcome: .init(
                written: true, promptID: "p_v1_2", path: "prompt_registry/p_v1_2.json",
                promptText: "SYSTEM: Answer the question. Only use the context.", reason: "The gain is above zero."),
            rounds: (1...max(1, rounds)).prefix(rounds).map { round in
                PipelineReport.Round(
                    round: round, promptID: "p_v1_\(round)", interactions: 100,
                    hallucinationRate: 0.3 / Double(round), meanReward: 0.6 + 0.05 * Double(round),
                    failures: ["hallucination": 30 / round, "verbosity": 5],
                    versionWritten: round < rounds ? "p_v1_\(round + 1)" : nil)
            },
            notes: ["seed 7"])
    }

    static let empty = PipelineReport(
        title: "Nothing learned", generatedAt: "2025-12-10T15:00:00Z",
        basePrompt: .init(id: "p_v2_4", text: "SYSTEM: Answer."), model: .init(name: "llama-3", simulated: false),
        data: "12 interactions", training: .init(curve: [], stopReason: "token_budget", rollouts: 0, tokens: 0),
        outcome: .init(written: false, reason: "The token budget was spent before the first step."))
}
