import PromptTraining
import RLTraining
import Testing

/// When one guardrail blocks a version: its rise is confident (interval above 0) and larger than the tolerance
/// (estimate above it), as the demo's headline judges "got worse"; the answer length also asks the sign-flip test.
struct GuardrailRuleTests {
    static let bootstrap = BootstrapConfiguration()

    /// 56 held-out experiences, the size of the default demo's first gate: `rises` more fail under the candidate and
    /// `falls` fewer, the rest alike.
    static func rate(rises: Int, falls: Int, alike: Int = 3, count: Int = 56) -> (before: [Double], after: [Double]) {
        var before = [Double](repeating: 0, count: count)
        var after = [Double](repeating: 0, count: count)
        for index in 0..<rises { after[index] = 1 }
        for index in rises..<(rises + falls) { before[index] = 1 }
        for index in (rises + falls)..<(rises + falls + alike) {
            before[index] = 1
            after[index] = 1
        }
        return (before, after)
    }

    /// The default demo's first round: incomplete 0.071 → 0.161 on 56 held-out experiences, an interval above 0
    /// whose low end is under the 0.02 tolerance. The rule before blocked only an interval wholly above the
    /// tolerance, so the gate wrote the version and the demo's headline then called it "not an improvement".
    @Test func aConfidentRiseLargerThanTheToleranceBlocks() {
        let data = Self.rate(rises: 5, falls: 0, alike: 4)
        let check = GuardrailCheck.paired(
            name: "incomplete", before: data.before, after: data.after, tolerance: 0.02, signFlip: false,
            bootstrap: Self.bootstrap)
        #expect(check.difference.low > 0 && check.difference.low < 0.02, "\(check.difference)")
        #expect(check.difference.estimate > 0.02)
        #expect(check.blocked, "\(check.sentence)")
    }

    @Test func anUncertainRiseDoesNotBlock() {
        let data = Self.rate(rises: 3, falls: 2)
        let check = GuardrailCheck.paired(
            name: "incomplete", before: data.before, after: data.after, tolerance: 0.02, signFlip: false,
            bootstrap: Self.bootstrap)
        #expect(check.difference.low <= 0, "\(check.difference)")
        #expect(!check.blocked, "\(check.sentence)")
    }

    /// With enough experiences a rise of one point is confident, but within the two-point tolerance.
    @Test func aConfidentRiseWithinTheToleranceDoesNotBlock() {
        let data = Self.rate(rises: 30, falls: 0, alike: 0, count: 3000)
        let check = GuardrailCheck.paired(
            name: "refusal", before: data.before, after: data.after, tolerance: 0.02, signFlip: false,
            bootstrap: Self.bootstrap)
        #expect(check.difference.low > 0 && check.difference.estimate < 0.02, "\(check.difference)")
        #expect(!check.blocked, "\(check.sentence)")
    }

    /// Five answers 200 words longer and fifteen 5 words shorter: the interval lies above 0 and the mean rise is
    /// far above the tolerance, but it rests on five experiences, and flipping the signs at random reaches it one
    /// time in 32, above the 2.5% level. The length guardrail asks that test; without it the same data would block.
    @Test func aLengthRiseOnAFewAnswersNeedsTheSignFlipTest() {
        let before = [Double](repeating: 20, count: 20)
        let after = (0..<20).map { $0 < 5 ? 220.0 : 15 }
        let tested = GuardrailCheck.paired(
            name: "mean_words", before: before, after: after, tolerance: 5, signFlip: true, bootstrap: Self.bootstrap)
        #expect(tested.difference.low > 0 && tested.difference.estimate > 5, "\(tested.difference)")
        #expect(!tested.blocked, "\(tested.sentence)")
        let untested = GuardrailCheck.paired(
            name: "mean_words", before: before, after: after, tolerance: 5, signFlip: false, bootstrap: Self.bootstrap)
        #expect(untested.blocked)
        // Twelve answers longer: the sign-flip test agrees.
        let broad = (0..<20).map { $0 < 12 ? 60.0 : 15 }
        let agreed = GuardrailCheck.paired(
            name: "mean_words", before: before, after: broad, tolerance: 5, signFlip: true, bootstrap: Self.bootstrap)
        #expect(agreed.blocked, "\(agreed.sentence)")
    }
}
