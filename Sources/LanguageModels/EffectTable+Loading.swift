import Experiences
import Foundation

extension EffectTable {
    /// Reads and validates a table from a JSON file (the CLI's `--simulator-effects FILE`).
    ///
    /// - Throws: ``EffectTableError`` naming the path and what was wrong: an unreadable file, invalid JSON, a
    ///   missing or unknown key (with its location, e.g. `instructions[1].effects`), or an invalid table.
    package static func load(from url: URL) throws -> EffectTable {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw EffectTableError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try self.decode(from: data, path: url.path)
    }

    /// Decodes and validates a table from JSON bytes; `path` only labels errors.
    ///
    /// - Throws: ``EffectTableError``.
    package static func decode(from data: Data, path: String? = nil) throws -> EffectTable {
        let table: EffectTable
        do {
            table = try JSONDecoder().decode(EffectTable.self, from: data)
        } catch let error as DecodingError {
            throw EffectTableError.malformed(path: path, reason: Self.describe(error))
        } catch {
            throw EffectTableError.malformed(path: path, reason: "not JSON")
        }
        try table.validate(path: path)
        return table
    }

    /// The table as pretty-printed JSON with sorted keys (what `load` reads back).
    package func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// Checks what decoding cannot: unique, non-empty instruction names, at least one non-empty trigger or pattern
    /// per instruction not named after an ``InstructionFamily`` (the family detector finds those), patterns that
    /// compile, finite logits and a non-empty default kind.
    ///
    /// - Throws: ``EffectTableError/invalid(path:reason:)``.
    package func validate(path: String? = nil) throws {
        func fail(_ reason: String) -> EffectTableError { .invalid(path: path, reason: reason) }
        if self.defaultKind.isEmpty { throw fail("default_kind is empty") }
        var logitSets: [(String, FailureLogits)] = [("base", self.base)]
        logitSets += self.kinds.map { ("kinds.\($0.key).logits", $0.value.logits) }
        var names: Set<String> = []
        for (index, instruction) in self.instructions.enumerated() {
            let place = "instructions[\(index)]"
            if instruction.name.isEmpty { throw fail("\(place): name is empty") }
            if !names.insert(instruction.name).inserted {
                throw fail("\(place): duplicate instruction name '\(instruction.name)'")
            }
            if instruction.triggers.isEmpty && instruction.patterns.isEmpty
                && InstructionFamily(rawValue: instruction.name) == nil
            {
                let families = InstructionFamily.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail(
                    "\(place) ('\(instruction.name)'): needs at least one trigger or pattern, or a family name (\(families))"
                )
            }
            if instruction.triggers.contains(where: { $0.isEmpty })
                || instruction.patterns.contains(where: { $0.isEmpty })
            {
                throw fail("\(place) ('\(instruction.name)'): empty trigger or pattern")
            }
            for pattern in instruction.patterns {
                do {
                    _ = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
                } catch {
                    throw fail("\(place) ('\(instruction.name)'): invalid pattern '\(pattern)': \(error)")
                }
            }
            logitSets.append(("\(place).effects", instruction.effects))
            logitSets += instruction.kindEffects.map { ("\(place).kind_effects.\($0.key)", $0.value) }
        }
        for (place, logits) in logitSets where logits.values.values.contains(where: { !$0.isFinite }) {
            throw fail("\(place): logits must be finite numbers")
        }
    }

    /// A one-line account of a decoding error: where (`instructions[1].effects`) and what, in the words the HTTP
    /// layer and the importer use (``Experiences/DecodingProblem``): no Swift type names.
    static func describe(_ error: DecodingError) -> String {
        if case .keyNotFound(let key, let context) = error {
            return
                "at \(DecodingProblem.fieldPath(context.codingPath) ?? "top level"): missing key '\(key.stringValue)'"
        }
        let problem = DecodingProblem(error)
        if problem.isMalformed {
            if case .dataCorrupted(let context) = error, let underlying = context.underlyingError {
                return "invalid JSON: \(underlying)"
            }
            return "invalid JSON: \(problem.message)"
        }
        return "at \(problem.field ?? "top level"): \(problem.message)"
    }
}
