import PromptTraining
import Testing

/// A candidate without a ranker score starts GRPO at `max(0, 1 − step · index)`: the list's order as a gentle
/// preference, with the step a named setting (0.1 by default).
struct UnscoredPriorTests {
    @Test func theDefaultStepLeansTowardsTheTopOfTheList() {
        let configuration = TrainerConfiguration()
        #expect(configuration.unscoredPriorStep == 0.1)
        #expect(abs(configuration.unscoredPrior(at: 0) - 1) < 1e-12)
        #expect(abs(configuration.unscoredPrior(at: 3) - 0.7) < 1e-12)
        #expect(configuration.unscoredPrior(at: 11) == 0)
    }

    @Test func anotherStepGivesAnotherPrior() {
        var configuration = TrainerConfiguration()
        configuration.unscoredPriorStep = 0.25
        #expect((0..<6).map(configuration.unscoredPrior(at:)) == [1, 0.75, 0.5, 0.25, 0, 0])
        configuration.unscoredPriorStep = 0
        #expect((0..<3).map(configuration.unscoredPrior(at:)) == [1, 1, 1])
    }
}
