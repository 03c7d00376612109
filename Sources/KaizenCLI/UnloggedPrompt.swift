import Experiences
import Foundation
import Prompts

/// A prompt id under which the store holds no interactions: a typo, another database, or a version nothing has
/// served yet. Clustering or a pipeline run on it would report "too few failures" or "nothing to fix", which hides
/// the mistake; this says what is wrong instead.
enum UnloggedPrompt {
    /// `nil` when interactions are logged under `promptID`; otherwise the error to report.
    static func check(_ promptID: String, environment: KaizenEnvironment) async throws -> CommandFailure? {
        let statistics = try await environment.openStore().statistics(
            failureThreshold: Experience.defaultFailureThreshold)
        guard (statistics.byPromptID[promptID]?.total ?? 0) == 0 else { return nil }
        let logged = statistics.byPromptID.keys.filter { $0 != ExperienceStatistics.noPromptID }.sorted()
        let registered = (try? environment.registry.version(named: promptID)) != nil
        let known =
            registered
            ? "it is in the registry, but nothing has served it yet"
            : "it is not in the registry either"
        let others =
            logged.isEmpty
            ? "the store holds no interactions with a prompt id"
            : "logged: " + logged.prefix(10).joined(separator: ", ")
        return CommandFailure(
            "no interactions are logged under prompt \(promptID) in \(environment.databaseURL) (\(known); \(others)); "
                + "check the id, or import its interactions with `kaizen experiences import`")
    }
}
