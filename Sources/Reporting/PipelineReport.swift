/// Everything a person needs to understand one pipeline run (and, for `kaizen demo`, its rounds): what data went
/// in, which failure clusters were found, which patches were proposed and ranked, how training went, what the
/// held-out check said, and whether a new prompt version was written.
///
/// JSON is snake_case. ``HTMLReport/render(_:)`` turns it into one self-contained page. When ``model`` says the
/// figures came from the simulator, the page says so prominently: they exercise the machinery and are not evidence
/// that a real model improved.
package struct PipelineReport: Sendable, Hashable, Codable {
    /// The page's title, e.g. `Kaizen pipeline run job_3f2a`.
    package var title: String
    /// When the report was made (RFC 3339, e.g. `2025-12-10T14:22:00Z`); shown as written.
    package var generatedAt: String
    /// The prompt version the run started from.
    package var basePrompt: Prompt
    /// The model that produced the outputs behind the figures.
    package var model: Model
    /// A sentence on the data, e.g. `600 interactions from the demo world, 212 failures`.
    package var data: String
    /// The failure clusters, each with its patch candidates. Default empty.
    package var clusters: [Cluster]
    /// The training run, if one ran.
    package var training: Training?
    /// The held-out comparison of the result against the base prompt, if it ran.
    package var evaluation: Evaluation?
    /// Whether a new version was written, and where or why not.
    package var outcome: Outcome
    /// The demo's rounds, oldest first; empty for a single run. Default empty.
    package var rounds: [Round]
    /// Free remarks shown at the end (seeds, settings, caveats). Default empty.
    package var notes: [String]

    /// Creates a report.
    package init(
        title: String,
        generatedAt: String,
        basePrompt: Prompt,
        model: Model,
        data: String,
        clusters: [Cluster] = [],
        training: Training? = nil,
        evaluation: Evaluation? = nil,
        outcome: Outcome,
        rounds: [Round] = [],
        notes: [String] = []
    ) {
        self.title = title
        self.generatedAt = generatedAt
        self.basePrompt = basePrompt
        self.model = model
        self.data = data
        self.clusters = clusters
        self.training = training
        self.evaluation = evaluation
        self.outcome = outcome
        self.rounds = rounds
        self.notes = notes
    }

    /// A prompt version: its id and text.
    package struct Prompt: Sendable, Hashable, Codable {
        /// The prompt id, e.g. `p_v1_1`.
        package var id: String
        /// The full prompt text.
        package var text: String

        /// Creates a prompt.
        package init(id: String, text: String) {
            self.id = id
            self.text = text
        }
    }

    /// The model behind the figures.
    package struct Model: Sendable, Hashable, Codable {
        /// The model's name, e.g. `kaizen-simulator` or an endpoint's model id.
        package var name: String
        /// Whether the built-in simulator produced the outputs.
        package var simulated: Bool

        /// Creates a model description.
        package init(name: String, simulated: Bool) {
            self.name = name
            self.simulated = simulated
        }
    }

    enum CodingKeys: String, CodingKey {
        case title
        case generatedAt = "generated_at"
        case basePrompt = "base_prompt"
        case model, data, clusters, training, evaluation, outcome, rounds, notes
    }

    /// Decodes a report; `clusters`, `rounds` and `notes` may be left out (empty).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.title = try container.decode(String.self, forKey: .title)
        self.generatedAt = try container.decode(String.self, forKey: .generatedAt)
        self.basePrompt = try container.decode(Prompt.self, forKey: .basePrompt)
        self.model = try container.decode(Model.self, forKey: .model)
        self.data = try container.decode(String.self, forKey: .data)
        self.clusters = try container.decodeIfPresent([Cluster].self, forKey: .clusters) ?? []
        self.training = try container.decodeIfPresent(Training.self, forKey: .training)
        self.evaluation = try container.decodeIfPresent(Evaluation.self, forKey: .evaluation)
        self.outcome = try container.decode(Outcome.self, forKey: .outcome)
        self.rounds = try container.decodeIfPresent([Round].self, forKey: .rounds) ?? []
        self.notes = try container.decodeIfPresent([String].self, forKey: .notes) ?? []
    }
}
