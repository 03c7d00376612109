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
        guard !statistics.hasInteractions(under: promptID) else { return nil }
        let registered = (try? environment.registry.version(named: promptID)) != nil
        let known =
            registered
            ? "it is in the registry, but nothing has served it yet"
            : "it is not in the registry either"
        return CommandFailure(
            "no interactions are logged under prompt \(promptID) in \(environment.databaseURL) (\(known); \(statistics.loggedPromptIDs)); "
                + "check the id, or import its interactions with `kaizen experiences import`")
    }
}
