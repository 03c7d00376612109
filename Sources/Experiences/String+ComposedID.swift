import Foundation

extension String {
    /// The id in Unicode's composed form (NFC), as the stores keep ids.
    ///
    /// Swift compares strings by canonical equivalence and a database compares bytes, so "café" written with
    /// U+00E9 and with "e" + U+0301 was one id to the importer and the pipeline but two rows to the store, and a
    /// cluster then held two members with one id. Keeping every id composed makes them one id everywhere.
    package var composedID: String {
        if self.utf8.allSatisfy({ $0 < 0x80 }) { return self }
        return self.precomposedStringWithCanonicalMapping
    }
}
