import Randomness
import Testing

/// The expected values are NumPy 2.4's, e.g.
/// `python3 -c "import numpy as np; print(list(np.random.RandomState(1).random_sample(3)))"`.
struct MersenneTwisterTests {
    @Test func rawOutputsMatchTheReferenceImplementation() {
        // init_genrand(5489), the reference seed of Matsumoto and Nishimura's mt19937ar.c.
        var generator = MersenneTwister(seed: UInt32(5489))
        #expect(generator.next32() == 3_499_211_612)
        #expect(generator.next32() == 581_869_302)
    }

    @Test(arguments: [
        (UInt64(0), [0.5488135039273248, 0.7151893663724195, 0.6027633760716439]),
        (UInt64(1), [0.417022004702574, 0.7203244934421581, 0.00011437481734488664]),
        (UInt64(5489), [0.8147236863931789, 0.9057919370756192, 0.12698681629350606]),
        (UInt64(4_294_967_295), [0.0976320289940138, 0.9123828453026218, 0.78903530185164]),
    ])
    func unitDoublesMatchNumPysRandomSample(seed: UInt64, expected: [Double]) {
        var generator = MersenneTwister(seed: seed)
        #expect((0..<3).map { _ in generator.nextUnitDouble() } == expected)
    }

    @Test func aStreamLongerThanOneStateBlockStaysInStep() {
        // 700 doubles use 1,400 outputs: the state is regenerated twice.
        var generator = MersenneTwister(seed: UInt64(0))
        let values = (0..<700).map { _ in generator.nextUnitDouble() }
        #expect(values.suffix(2) == [0.5181498137911743, 0.8427768626848423])
    }

    @Test func keyedSeedingMatchesNumPysArraySeed() {
        // np.random.RandomState([5, 1]): init_by_array; a 64-bit seed 2^32 + 5 uses the same two words.
        var keyed = MersenneTwister(key: [5, 1])
        #expect([keyed.nextUnitDouble(), keyed.nextUnitDouble()] == [0.15727238718789782, 0.2824866316461999])
        var wide = MersenneTwister(seed: UInt64(1) << 32 | 5)
        #expect(wide.nextUnitDouble() == 0.15727238718789782)
    }
}
