import ArgumentParser
import Configuration
import LanguageModels
import OpenAIClient
import Verification

/// The LLM judge as a reward part (Docs/verifier.md, "Reward models"): off unless a judge model is named, since
/// every distinct answer then costs one more model call.
struct JudgeOptions: ParsableArguments {
    @Option(
        help:
            "Judge model: adds its 0-10 rating of how well the knowledge supports each answer to the reward (KAIZEN_JUDGE_MODEL). Default: no judge."
    )
    var judgeModel: String?

    @Option(
        help:
            "The judge's OpenAI-compatible base URL (KAIZEN_JUDGE_BASE_URL). Default: the model endpoint's (KAIZEN_LLM_BASE_URL)."
    )
    var judgeBaseURL: String?

    /// Whether either option is on the command line (the environment's settings are not options).
    var isGiven: Bool { self.judgeModel != nil || self.judgeBaseURL != nil }

    /// The reward model the command scores with: the verifier, plus the judge part when a judge model is named.
    ///
    /// Keys (under `kaizen.`): `judge.model`, `judge.baseURL`; with its own base URL the judge reads its client
    /// limits and key under `judge.` (`KAIZEN_JUDGE_API_KEY`, `KAIZEN_JUDGE_TIMEOUT`, ...), on the model endpoint's
    /// URL it shares that endpoint's (`llm.`). The judge answers one cheap call before any work, as
    /// ``ModelOptions/makeCheckedModel(reader:)`` asks of the model, so a wrong URL or name fails at once.
    /// - Parameter models: the command's model options, when it has them (`--llm-base-url`).
    /// - Throws: ``CommandFailure`` for a judge without an endpoint, or one that does not answer.
    func makeRewardModel(reader: ConfigReader, models: ModelOptions? = nil) async throws -> any RewardModel {
        let verifier = try Verifier()
        let settings = reader.scoped(to: "judge")
        let ownURL = self.judgeBaseURL ?? settings.string(forKey: "baseURL")
        guard let name = self.judgeModel ?? settings.string(forKey: "model"), !name.isEmpty else {
            if ownURL != nil {
                throw CommandFailure(
                    "--judge-base-url (KAIZEN_JUDGE_BASE_URL) needs --judge-model (KAIZEN_JUDGE_MODEL)")
            }
            return verifier
        }
        let llm = reader.scoped(to: "llm")
        guard let baseURL = ownURL ?? models?.llmBaseURL ?? llm.string(forKey: "baseURL") else {
            throw CommandFailure(
                "the judge model '\(name)' needs an endpoint: --judge-base-url (KAIZEN_JUDGE_BASE_URL), or "
                    + (models == nil ? "KAIZEN_LLM_BASE_URL" : "--llm-base-url (KAIZEN_LLM_BASE_URL)")
                    + " to share the model's")
        }
        let judge = try RemoteModelFactory.make(
            baseURL: baseURL, model: name, reader: ownURL != nil ? settings : llm)
        try await checkAnswers(judge, role: "judge")
        return JudgedRewardModel(verifier: verifier, judge: judge)
    }
}
