import Foundation
import Prompts
import ServiceLifecycle

/// The deployment agent's side of the registry: the newest version of a family under an entity tag, and a long poll
/// that answers as soon as a version newer than the one the agent holds exists.
///
/// Versions are immutable and never overwritten, so a version's id is a strong entity tag for "the newest version
/// of this family". The wait reads the registry folder's listing every `interval` rather than watching the file
/// system, because versions may be written by another process (the trainer of `kaizen serve rl-trainer` in another
/// process, or `kaizen prompts add`); a listing is cheap, and the agent makes one request per new version.
struct LatestPromptWatch: Sendable {
    /// The longest `wait` a request may ask for, in seconds: below the usual idle timeout of proxies.
    static let maximumWait = 60

    let registry: PromptRegistry
    /// How often a waiting request reads the registry's listing.
    let interval: Duration
    /// The version files already read, and the folder's listing while the folder is unchanged (``PromptFileCache``).
    let files = PromptFileCache()

    /// `"p_v1_2"`: the entity tag of a version.
    static func entityTag(_ id: PromptID) -> String { "\"\(id)\"" }

    /// Whether an `If-None-Match` value (a list of tags, weak or strong, or `*`) names `tag`.
    static func header(_ ifNoneMatch: String, matches tag: String) -> Bool {
        ifNoneMatch.split(separator: ",").contains { part in
            let candidate = part.trimmingCharacters(in: .whitespaces)
            if candidate == "*" { return true }
            return (candidate.hasPrefix("W/") ? String(candidate.dropFirst(2)) : candidate) == tag
        }
    }

    /// The newest readable version of `family` (or of the newest family), waiting up to `wait` for one that
    /// `ifNoneMatch` does not name; when the wait ends without one, the version as it is then (`nil` for none).
    /// Newer version files that cannot be read are skipped and returned, so one corrupt file does not stop the
    /// deployment agent from getting the newest good version.
    func latest(
        family: Int?, ifNoneMatch: String?, wait: Duration
    ) async throws -> (version: PromptFileCache.Entry?, skipped: [UnreadableVersion]) {
        let clock = ContinuousClock()
        let deadline = clock.now + wait
        while true {
            let latest = try self.registry.latestReadable(family: family, cache: self.files)
            let isNew =
                latest.entry.map { entry in
                    ifNoneMatch.map { !Self.header($0, matches: Self.entityTag(entry.version.id)) } ?? true
                } ?? false
            let remaining = deadline - clock.now
            // A stopping service answers what it has (304 for an unchanged version) rather than holding SIGTERM for
            // up to a minute; the agent asks again, of this service once it is back or of another.
            if isNew || remaining <= .zero || Task.isShuttingDownGracefully { return (latest.entry, latest.skipped) }
            try await Task.sleep(for: min(self.interval, remaining))
        }
    }
}
