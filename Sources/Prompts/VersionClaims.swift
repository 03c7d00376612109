/// A shared table of claimed version numbers (PostgreSQL's, with a unique constraint), so trainers on several
/// machines writing one registry on shared storage never race for a number, whatever the storage's `link(2)`
/// guarantees.
package protocol VersionClaims: Sendable {
    /// Claims `id`; `false` when it was claimed before, by anyone.
    func claim(_ id: PromptID) async throws -> Bool

    /// Gives a claim back after its file could not be written, so the number is not lost.
    func release(_ id: PromptID) async throws
}
