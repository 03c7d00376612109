import Reporting

/// What a ``DemoSession`` reports while it runs, in order, so the command line can print progress without the
/// library printing anything.
package enum DemoEvent: Sendable {
    /// The first version is written: its id and text, and the data the rounds start from, in words.
    case started(initialPromptID: String, text: String, data: String)
    /// A round begins by replaying the `--data` file's `count` interactions under `promptID`.
    case replayingData(round: Int, count: Int, promptID: String)
    /// A round begins by logging `count` interactions under `promptID`.
    case logging(round: Int, count: Int, promptID: String)
    /// Some of the round's generations failed and were left out (one line: how many, and the first error).
    case generationsFailed(String)
    /// The round's interactions are logged: how many, and how long the model took.
    case logged(count: Int, seconds: Double)
    /// Progress of the round's pipeline run.
    case pipeline(PipelineEvent)
    /// The round is over.
    case roundFinished(DemoRound)
}
