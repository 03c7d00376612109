/// What `kaizen eval` shows in its HTML page: prompt versions scored side by side on one test set, the pairwise
/// differences, and the CI check's outcome. Built by the Evaluation target; rendered by
/// ``HTMLReport/render(_:)-(PromptComparisonReport)``.
package struct PromptComparisonReport: Sendable, Hashable, Codable {
    package var title: String
    package var generatedAt: String
    package var model: PipelineReport.Model
    package var rewardModel: String
    /// Where the test set came from, for people.
    package var data: String
    package var experiences: Int
    /// The failure modes, in the order the tables show them.
    package var failureModes: [String]
    package var versions: [Version]
    package var differences: [Difference]
    /// The `--fail-if-worse-than` check, when one was asked for.
    package var gate: Gate?
    /// Experiences on which the versions' verdicts differ, for reading (a sample).
    package var disagreements: [Disagreement]
    package var notes: [String]

    package init(
        title: String, generatedAt: String, model: PipelineReport.Model, rewardModel: String, data: String,
        experiences: Int, failureModes: [String], versions: [Version], differences: [Difference], gate: Gate?,
        disagreements: [Disagreement], notes: [String]
    ) {
        self.title = title
        self.generatedAt = generatedAt
        self.model = model
        self.rewardModel = rewardModel
        self.data = data
        self.experiences = experiences
        self.failureModes = failureModes
        self.versions = versions
        self.differences = differences
        self.gate = gate
        self.disagreements = disagreements
        self.notes = notes
    }

    /// A figure and its 95% interval.
    package struct Estimate: Sendable, Hashable, Codable {
        package var value: Double
        package var low: Double
        package var high: Double

        package init(value: Double, low: Double, high: Double) {
            self.value = value
            self.low = low
            self.high = high
        }
    }

    /// One version's figures.
    package struct Version: Sendable, Hashable, Codable {
        package var id: String
        package var text: String
        package var meanReward: Estimate
        /// Rate per failure mode.
        package var failureRates: [String: Estimate]

        package init(id: String, text: String, meanReward: Estimate, failureRates: [String: Estimate]) {
            self.id = id
            self.text = text
            self.meanReward = meanReward
            self.failureRates = failureRates
        }
    }

    /// `candidate − baseline`, paired.
    package struct Difference: Sendable, Hashable, Codable {
        package var baseline: String
        package var candidate: String
        package var reward: Estimate
        package var failureRates: [String: Estimate]

        package init(baseline: String, candidate: String, reward: Estimate, failureRates: [String: Estimate]) {
            self.baseline = baseline
            self.candidate = candidate
            self.reward = reward
            self.failureRates = failureRates
        }
    }

    /// The CI check: which version was the reference, and a sentence per version significantly worse than it.
    package struct Gate: Sendable, Hashable, Codable {
        package var reference: String
        package var regressions: [String]

        package init(reference: String, regressions: [String]) {
            self.reference = reference
            self.regressions = regressions
        }
    }

    /// One experience and each version's answer to it.
    package struct Disagreement: Sendable, Hashable, Codable {
        package var experienceID: String
        package var input: String
        package var answers: [Answer]

        package init(experienceID: String, input: String, answers: [Answer]) {
            self.experienceID = experienceID
            self.input = input
            self.answers = answers
        }

        package struct Answer: Sendable, Hashable, Codable {
            package var promptID: String
            package var output: String
            package var reward: Double
            package var failureModes: [String]

            package init(promptID: String, output: String, reward: Double, failureModes: [String]) {
                self.promptID = promptID
                self.output = output
                self.reward = reward
                self.failureModes = failureModes
            }
        }
    }
}
