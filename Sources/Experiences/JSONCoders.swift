import Foundation

extension JSONEncoder {
    /// Key-sorted JSON with RFC 3339 dates: the bytes stored runs and content-derived ids are made of.
    package static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    /// Reads what ``JSONEncoder/sorted`` writes.
    package static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
