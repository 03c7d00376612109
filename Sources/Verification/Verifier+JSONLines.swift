import Experiences
import Foundation
import LanguageModels

extension Verifier {
    /// Verifies every line of a JSON Lines text of ``VerificationRecord``s and returns one verdict per record, in
    /// order (blank lines are skipped). This is the library side of `kaizen verify FILE.jsonl`.
    ///
    /// - Throws: ``VerificationError/invalidLine(_:_:)`` with the 1-based line number and what was wrong (not JSON,
    ///   a missing or mistyped field) for the first bad line; nothing is returned then.
    /// - Complexity: O(total length).
    package func verdicts(forJSONLines text: String) throws -> [Verdict] {
        var unreadKeys = UnreadKeys()
        return try self.verdicts(forJSONLines: text, unreadKeys: &unreadKeys)
    }

    /// ``verdicts(forJSONLines:)``, also counting the keys of the lines that no field reads (`knowledge` for
    /// `context`, say), so the command can warn that they were not used.
    package func verdicts(forJSONLines text: String, unreadKeys: inout UnreadKeys) throws -> [Verdict] {
        var verdicts: [Verdict] = []
        try Self.forEachLine(of: text, as: KeyedRecord.self) { keyed in
            unreadKeys.note(keyed.keys)
            verdicts.append(self.verify(keyed.record.experience))
        }
        return verdicts
    }

    /// The records of a JSON Lines text with their 1-based line numbers, in order (blank lines skipped), every line
    /// read before any is scored: the reading of `kaizen verify` with a reward model that calls a judge, so a bad
    /// line fails the command before it spends a call.
    ///
    /// - Throws: ``VerificationError/invalidLine(_:_:)`` for the first bad line, as ``verdicts(forJSONLines:)``.
    package static func records(
        inJSONLines text: String, unreadKeys: inout UnreadKeys
    ) throws -> [(line: Int, experience: Experience)] {
        var records: [(line: Int, experience: Experience)] = []
        try Self.forEachNumberedLine(of: text, as: KeyedRecord.self) { keyed, line in
            unreadKeys.note(keyed.keys)
            records.append((line, keyed.record.experience))
        }
        return records
    }

    /// Decodes every line of `text` that is not blank as `Line`, in order, and hands each to `body`: the reading
    /// `kaizen verify` and `kaizen calibrate` (a record with its label) share.
    ///
    /// - Throws: ``VerificationError/invalidLine(_:_:)`` with the 1-based line number and what was wrong (not JSON,
    ///   a missing or mistyped field) for the first bad line, or what `body` throws.
    package static func forEachLine<Line: Decodable>(
        of text: String, as type: Line.Type, _ body: (Line) throws -> Void
    ) throws {
        try Self.forEachNumberedLine(of: text, as: type) { decoded, _ in try body(decoded) }
    }

    /// ``forEachLine(of:as:_:)``, also handing `body` the line's 1-based number.
    private static func forEachNumberedLine<Line: Decodable>(
        of text: String, as type: Line.Type, _ body: (Line, Int) throws -> Void
    ) throws {
        let decoder = JSONDecoder()
        var lineNumber = 0
        for line in text.jsonLines() {
            lineNumber += 1
            let trimmed = TextNormalization.trimmed(line)
            if trimmed.isEmpty { continue }
            let data = Data(trimmed.utf8)
            let decoded: Line
            do {
                decoded = try decoder.decode(type, from: data)
            } catch let error as DecodingError {
                // A number no double holds (`1e400`) is named first, whatever the decoder tripped on: decoding is
                // lazy, so it may surface as a mistyped field or a nested "not a JSON value" instead.
                let located = UnfittingNumber.outOfRangeLiteral(in: data)
                throw VerificationError.invalidLine(lineNumber, Self.describe(located ?? error))
            } catch {
                throw VerificationError.invalidLine(lineNumber, "not valid JSON")
            }
            try body(decoded, lineNumber)
        }
    }

    /// Encodes verdicts as JSON Lines (sorted keys, one verdict per line, each line ending in `\n`).
    ///
    /// - Throws: an encoding error (not expected for finite rewards).
    package static func jsonLines(_ verdicts: [Verdict]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = ""
        for verdict in verdicts {
            text += String(decoding: try encoder.encode(verdict), as: UTF8.self) + "\n"
        }
        return text
    }

    /// What was wrong with a line, as the importer and the services say it (``DecodingProblem``): the field and its
    /// expected type in words, never a Swift type name.
    private static func describe(_ error: DecodingError) -> String {
        let problem = DecodingProblem(error)
        if problem.isMalformed { return "not valid JSON" }
        guard problem.field != nil else { return "each line must be a JSON object with 'input' and 'response'" }
        return problem.sentence
    }
}

/// A record and the keys its line had, read in one pass of the decoder.
private struct KeyedRecord: Decodable {
    var record: VerificationRecord
    var keys: [String]

    init(from decoder: any Decoder) throws {
        self.record = try VerificationRecord(from: decoder)
        self.keys = try decoder.container(keyedBy: AnyCodingKey.self).allKeys.map(\.stringValue)
    }
}
