import Foundation
import Randomness

extension SplitMix64 {
    /// A standard normal draw (Box–Muller, from two uniform draws), for the tests' noisy rewards and random logits.
    mutating func nextStandardNormal() -> Double {
        let u1 = max(self.nextUnitDouble(), 1e-300)
        let u2 = self.nextUnitDouble()
        return Foundation.sqrt(-2 * Foundation.log(u1)) * Foundation.cos(2 * Double.pi * u2)
    }
}
