import Experiences
import Foundation
import LanguageModels
import PatchGeneration
import PromptTraining
import Prompts
import RLTraining
import Verification

/// A synthetic training job whose best variant is known: a simulator effect table whose instructions are triggered by
/// distinctive phrases in the candidate patches, logged experiences (targeted failures plus successes under the base
/// prompt), and 2-3 clusters with ranked candidates.
///
/// The store holds exactly `failures × successRatio` successes under the base prompt id, so `PromptTrainer` samples
/// all of them whatever the seed, and the data a job trains and evaluates on is the scenario's experiences, split by
/// the job's seed. ``VariantValues`` computes every variant's expected reward on those experiences exactly.
package struct Scenario: Sendable {
    package var name: String
    package var table: EffectTable
    package var basePrompt: String = Scenario.defaultBasePrompt
    /// The targeted failures (the clusters' members) and the successes, all served by ``basePromptID``.
    package var experiences: [Experience]
    package var clusters: [ClusterChoices]

    package init(
        name: String, table: EffectTable, basePrompt: String = Scenario.defaultBasePrompt, experiences: [Experience],
        clusters: [ClusterChoices]
    ) {
        self.name = name
        self.table = table
        self.basePrompt = basePrompt
        self.experiences = experiences
        self.clusters = clusters
    }

    package static let basePromptID = "p_v1_1"
    package static let defaultBasePrompt =
        "You are the support assistant for Northwind devices. Answer the customer's question using the provided context."
    package static let createdAt = Date(timeIntervalSince1970: 1_765_000_000)

    /// A simulator that follows the scenario's table.
    package func simulator() throws -> Simulator {
        try Simulator(configuration: SimulatorConfiguration(effects: self.table))
    }

    /// The system prompt of `variant`: the chosen patches applied in cluster order (all test patches append).
    package func prompt(for variant: Variant) -> String {
        var text = self.basePrompt
        for (cluster, choice) in variant.choices.enumerated() where choice != Variant.noPatch {
            let candidate = self.clusters[cluster].candidates[choice - 1].candidate
            if text.contains(candidate.patchText) { continue }  // as the trainer does: say an instruction once
            text = candidate.apply(to: text) ?? PatchOperation.append.apply(candidate.patchText, anchor: nil, to: text)!
        }
        return text
    }

    /// `TrainingResult.patchIDs` for `variant`.
    package func patchIDs(for variant: Variant) -> [String: String?] {
        var ids: [String: String?] = [:]
        for (cluster, choice) in variant.choices.enumerated() {
            let choices = self.clusters[cluster]
            ids[choices.cluster.clusterID] =
                choice == Variant.noPatch ? String?.none : choices.candidates[choice - 1].candidate.patchID
        }
        return ids
    }

    /// Per cluster, the number of choices ("no patch" plus its candidates).
    package var choiceCounts: [Int] { self.clusters.map { $0.candidates.count + 1 } }

    /// The variant the ranker would ship: its highest-scored candidate in every cluster.
    package var rankerFavourite: Variant {
        Variant(
            self.clusters.map { choices in
                1 + choices.candidates.indices.max {
                    choices.candidates[$0].score ?? 0 < choices.candidates[$1].score ?? 0
                }!
            })
    }

    /// A job over this scenario: a fresh registry in `directory` holding the base prompt as `p_v1_1`, an in-memory
    /// store with the scenario's experiences, the simulator and the default verifier.
    package func trainer(
        registryDirectory directory: URL, configuration: TrainerConfiguration = TrainerConfiguration()
    ) async throws -> PromptTrainer {
        let registry = PromptRegistry(directory: directory)
        let base = try registry.create(family: 1, source: "human", text: self.basePrompt, now: Self.createdAt)
        precondition(base.id.description == Self.basePromptID)
        return PromptTrainer(
            model: try self.simulator(), rewardModel: try Verifier(), store: InMemoryExperienceStore(self.experiences),
            registry: registry, configuration: configuration)
    }

    /// A request over all the scenario's clusters.
    package func request(seed: UInt64, steps: Int, rolloutBudget: Int) -> TrainingRequest {
        TrainingRequest(
            basePromptID: Self.basePromptID, clusters: self.clusters, seed: seed, groupSize: 8, batchSize: 8,
            steps: steps, budget: TrainingBudget(rollouts: rolloutBudget))
    }
}

// MARK: - Building blocks

extension Scenario {
    /// The kinds of input the tables know (`metadata.kind`).
    package enum Kind: String, Sendable {
        case answerable, unanswerable, numeric
    }

    private static let products = [
        "Orion router", "Vega smart plug", "Lyra camera", "Atlas hub", "Nova speaker", "Pulse thermostat",
        "Helix doorbell", "Zephyr fan", "Cobalt charger", "Quartz lamp", "Ember heater", "Drift scooter",
    ]

    /// One logged interaction about a made-up product, with context and reference, served by the base prompt.
    ///
    /// - Parameters:
    ///   - tag: makes ids unique across groups (e.g. `c1`).
    ///   - failed: a targeted failure (`success == false`, with a failure type) or a success.
    package static func experience(
        _ kind: Kind, _ index: Int, tag: String, failed: Bool, failureType: String = "hallucination"
    )
        -> Experience
    {
        let series = index / Self.products.count
        let product = Self.products[index % Self.products.count] + (series == 0 ? "" : " series \(series + 1)")
        let ports = 2 + index % 5
        let months = 12 + 6 * (index % 4)
        let hours = 8 + index % 7
        let context =
            "The \(product) has \(ports) ports. Its warranty lasts \(months) months. Its battery lasts \(hours) hours."
        let input: String
        let reference: String
        switch kind {
        case .answerable:
            input = "How many ports does the \(product) have?"
            reference = "The \(product) has \(ports) ports."
        case .numeric:
            input = "How many months does the warranty on the \(product) last?"
            reference = "The warranty on the \(product) lasts \(months) months."
        case .unanswerable:
            input = "Which colours does the \(product) come in?"
            reference = "I don't know: the provided information does not contain the answer."
        }
        return Experience(
            id: "\(tag)-\(kind.rawValue)-\(failed ? "failure" : "success")-\(index)",
            createdAt: Self.createdAt.addingTimeInterval(Double(index)),
            promptID: Self.basePromptID,
            input: input,
            context: context,
            response: failed ? "The \(product) was designed by Elena Varga in 1987." : reference,
            reference: reference,
            success: !failed,
            failureType: failed ? failureType : nil,
            metadata: ["kind": .string(kind.rawValue)])
    }

    /// Consecutive groups of experiences with running indices, each group `scale` times its base count, so a
    /// scenario can be built at several sizes with ids that stay unique.
    package struct Groups {
        private let scale: Int
        private var index = 0

        package init(scale: Int) {
            self.scale = scale
        }

        /// The next `count × scale` experiences of `kind` (see ``Scenario/experience(_:_:tag:failed:failureType:)``).
        package mutating func next(
            _ kind: Kind, _ count: Int, _ tag: String, failed: Bool, type: String = "hallucination"
        ) -> [Experience] {
            defer { self.index += count * self.scale }
            return (self.index..<self.index + count * self.scale).map {
                Scenario.experience(kind, $0, tag: tag, failed: failed, failureType: type)
            }
        }
    }

    /// The tables' shared base behaviour, with `instructions`: a model that hallucinates often, pads sometimes, and
    /// hallucinates far more on unanswerable questions (and somewhat more on numeric ones).
    package static func table(_ instructions: [EffectTable.Instruction]) -> EffectTable {
        EffectTable(
            base: [.hallucination: -0.5, .verbosity: -1.5, .format: -4, .refusal: -4, .incomplete: -2.5],
            kinds: [
                "answerable": .init(answerable: true),
                "numeric": .init(answerable: true, logits: [.hallucination: 0.5]),
                "unanswerable": .init(answerable: false, logits: [.hallucination: 1.5]),
            ],
            instructions: instructions)
    }

    /// A cluster of the given failures with its ranked candidates.
    package static func cluster(
        _ id: String, label: String, members: [Experience], candidates: [RankedChoice]
    )
        -> ClusterChoices
    {
        ClusterChoices(
            cluster: ClusterEvidence(
                clusterID: id, size: members.count, share: 0, severity: 0.5, label: label,
                memberIDs: members.map(\.id)),
            candidates: candidates)
    }

    /// A candidate that appends `text` (which carries an instruction's trigger phrase), with the ranker's `score`.
    package static func candidate(_ patchID: String, _ text: String, score: Double) -> RankedChoice {
        RankedChoice(
            candidate: PatchCandidate(
                patchID: patchID, strategy: "test_rule", operation: .append, patchText: text,
                promptText: PatchOperation.append.apply(text, anchor: nil, to: Self.defaultBasePrompt)!,
                targets: ["hallucination"], explanation: "test candidate"),
            score: score)
    }
}
