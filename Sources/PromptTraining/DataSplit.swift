import Experiences
import Randomness

/// A seeded train / held-out split that keeps the failure share of both parts close to the whole's.
struct DataSplit {
    var train: [Experience]
    var heldOut: [Experience]
    /// How many of `train` are targeted failures (they come first).
    var trainFailures: Int

    init(failures: [Experience], successes: [Experience], heldOutFraction: Double, seed: UInt64) {
        func split(_ items: [Experience], stream: UInt64) -> (train: [Experience], heldOut: [Experience]) {
            var shuffled = items.sorted { $0.id < $1.id }
            var rng = SplitMix64.derived(seed: seed, stream: stream)
            shuffled.shuffle(using: &rng)
            let heldOutCount = items.count < 2 ? 0 : max(1, Int((Double(items.count) * heldOutFraction).rounded()))
            return (Array(shuffled.dropFirst(heldOutCount)), Array(shuffled.prefix(heldOutCount)))
        }
        let failureSplit = split(failures, stream: 1)
        let successSplit = split(successes, stream: 2)
        self.train = failureSplit.train + successSplit.train
        self.heldOut = failureSplit.heldOut + successSplit.heldOut
        self.trainFailures = failureSplit.train.count
    }
}
