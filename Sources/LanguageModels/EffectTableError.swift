/// Why an effect table could not be loaded or used: the file, and what was wrong with it.
///
/// A struct over a private enum, so cases can be added without breaking callers.
package struct EffectTableError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case unreadable
        case malformed
        case invalid
    }

    private let code: Code
    /// The file's path, or `nil` for a table built in code.
    package let path: String?
    /// What was wrong, e.g. `at instructions[2].effects: unknown failure mode 'halucination'`.
    package let reason: String

    private init(code: Code, path: String?, reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    /// The file could not be read.
    package static func unreadable(path: String, reason: String) -> EffectTableError {
        EffectTableError(code: .unreadable, path: path, reason: reason)
    }

    /// The file is not JSON of the table's shape.
    package static func malformed(path: String?, reason: String) -> EffectTableError {
        EffectTableError(code: .malformed, path: path, reason: reason)
    }

    /// The table's shape is right but its content is not usable (duplicate names, a bad regex, no triggers).
    package static func invalid(path: String?, reason: String) -> EffectTableError {
        EffectTableError(code: .invalid, path: path, reason: reason)
    }

    package var description: String {
        let subject = self.path.map { "effect table \($0)" } ?? "effect table"
        switch self.code {
        case .unreadable: return "\(subject): cannot read the file: \(self.reason)"
        case .malformed: return "\(subject): not a valid effect table: \(self.reason)"
        case .invalid: return "\(subject): \(self.reason)"
        }
    }
}
