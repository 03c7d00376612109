import Foundation
import Randomness

/// Ids for stored runs, derived from their content: the same request on the same data gets the same id in a fresh
/// store, so pipeline outputs that name runs are reproducible; a repeat in the same store gets `-2`, `-3`, ...
/// (``RunStore/create(_:activeStates:)`` picks the free one as it stores the run).
package enum RunIDs {
    /// FNV-1a, 64 bits, as 16 hex digits.
    package static func hash(_ data: Data) -> String {
        let hex = String(FNV1a.hash(data), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
