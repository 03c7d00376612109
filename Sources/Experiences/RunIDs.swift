import Foundation
import Randomness

/// Ids for stored runs, derived from their content: the same request on the same data gets the same id in a fresh
/// store, so pipeline outputs that name runs are reproducible; a repeat in the same store gets `-2`, `-3`, ...
package enum RunIDs {
    /// `<prefix>-<16 hex digits of FNV-1a of content>`, with a suffix when that id is taken.
    package static func next(prefix: String, content: Data, kind: String, in store: any RunStore) async throws -> String
    {
        let base = "\(prefix)-\(Self.hash(content))"
        var candidate = base
        var counter = 1
        while try await store.run(kind: kind, id: candidate) != nil {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        return candidate
    }

    /// FNV-1a, 64 bits, as 16 hex digits.
    package static func hash(_ data: Data) -> String {
        let hex = String(FNV1a.hash(data), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
