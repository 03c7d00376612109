import DemoWorld
import Experiences
import Testing

struct RoundSummaryTests {
    @Test func summarisesRatesRewardsAndFailureTypes() {
        let experiences = [
            Experience(
                id: "a", promptID: "p_v1_2", input: "q", response: "r", reward: 0.9, success: true,
                metadata: ["hallucination": false]),
            Experience(
                id: "b", promptID: "p_v1_2", input: "q", response: "r", reward: 0.3, success: false,
                failureType: "hallucination", metadata: ["hallucination": true]),
            Experience(
                id: "c", promptID: "p_v1_2", input: "q", response: "r", reward: 0.6, success: false,
                failureType: "verbosity", metadata: ["hallucination": false]),
            // No verifier flag: the failure type stands in for it.
            Experience(
                id: "d", promptID: "p_v1_1", input: "q", response: "r", reward: 0.2, failureType: "hallucination"),
            Experience(id: "e", promptID: "p_v1_2", input: "q", response: "r", reward: 0.4),
        ]
        let summary = RoundSummary(round: 3, experiences: experiences)
        #expect(summary.round == 3)
        #expect(summary.promptID == "p_v1_2")
        #expect(summary.interactions == 5)
        #expect(summary.hallucinationRate == 0.4)
        #expect(abs(summary.meanReward - 0.48) < 1e-12)
        #expect(summary.failures == 4)
        #expect(summary.failuresByType == ["hallucination": 2, "verbosity": 1, "unlabelled": 1])
    }

    @Test func anEmptyRoundIsAllZeros() {
        let summary = RoundSummary(round: 0, experiences: [])
        #expect(summary.interactions == 0 && summary.hallucinationRate == 0 && summary.meanReward == 0)
        #expect(summary.promptID == nil && summary.failuresByType.isEmpty)
    }
}
