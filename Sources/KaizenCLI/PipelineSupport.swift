import ArgumentParser
import FailureClustering
import Foundation
import LanguageModels
import PatchGeneration
import PatchRanking
import Pipeline
import PromptTraining
import RLTraining
import Reporting
import Stages
import Synchronization
import Verification

/// Options shared by `kaizen pipeline run` and `kaizen demo`: what to fix and how hard to train.
///
/// Defaults and limits are read from ``PipelineConfiguration``, the trainer's ``TrainerConfiguration`` and
/// ``TrainingRequestLimits`` and the generator's configuration, not restated, so the CLI and the services agree.
struct PipelineOptions: ParsableArguments {
    private static let defaults = PipelineConfiguration()
    private static let trainerDefaults = TrainerConfiguration()
    /// The candidate counts the patch generator accepts.
    static let patchCounts = PatchGeneratorConfiguration().allowedCounts

    @Option(help: "Random seed for every stage.")
    var seed: UInt64 = Self.defaults.seed

    @Option(
        name: .short,
        help:
            "Number of clusters (default: chosen by silhouette over \(Self.defaults.clusterCountRange.lowerBound)...\(Self.defaults.clusterCountRange.upperBound))."
    )
    var k: Int?

    @Option(help: "What clusters follow: failure_mode (what went wrong, then the topic) or topic (the text alone).")
    var clusterEncoding = Self.defaults.clusterEncoding

    @Option(help: "Clusters below this severity are not patched.")
    var severityThreshold = Self.defaults.severityThreshold

    @Option(help: "At most this many clusters are patched per run.")
    var maxClusters = Self.defaults.maxClusters

    @Option(help: "Candidate patches per cluster (\(Self.patchCounts.lowerBound)-\(Self.patchCounts.upperBound)).")
    var patches = Self.defaults.patchCount

    @Option(help: "GRPO steps (trainer default \(Self.trainerDefaults.steps)).")
    var steps: Int?

    @Option(help: "Variants sampled per experience (trainer default \(Self.trainerDefaults.groupSize)).")
    var groupSize: Int?

    @Option(help: "Cap on training rollouts.")
    var rolloutBudget: Int?

    @Option(help: "Cap on model tokens for training.")
    var tokenBudget: Int?

    // Unconditional, so a negative bound reads as a value (`--min-gain -0.01`), not as an unknown option.
    @Option(
        parsing: .unconditional,
        help:
            "A version is written only when the held-out gain's 95% interval lies above this (trainer default \(Self.trainerDefaults.minGain.shortText))."
    )
    var minGain: Double?

    @Option(
        help:
            "Share of the experiences held out for the gate, between \(TrainingRequestLimits.heldOutFraction.above.shortText) and \(TrainingRequestLimits.heldOutFraction.below.shortText) (trainer default \(Self.trainerDefaults.heldOutFraction.shortText))."
    )
    var heldOutFraction: Double?

    @Option(
        help:
            "Answers each prompt gives to each held-out experience, \(TrainingRequestLimits.heldOutAnswers.lowerBound)-\(TrainingRequestLimits.heldOutAnswers.upperBound); the gate compares their means, so more answers narrow its interval by the sampling noise (default \(Self.trainerDefaults.heldOutAnswers) with the simulator, \(realEndpointHeldOutAnswers) with --llm-base-url)."
    )
    var heldOutAnswers: Int?

    @Flag(help: "Let candidates evolve during training from the failures the best variant still shows (default off).")
    var evolve = false

    @Option(
        help:
            "With --evolve: the most candidates evolution may add, \(TrainingRequestLimits.evolvedCandidates.lowerBound)-\(TrainingRequestLimits.evolvedCandidates.upperBound) (trainer default \(Self.trainerDefaults.maxEvolvedCandidates))."
    )
    var maxEvolvedCandidates: Int?

    @Option(
        help:
            "With --evolve: how candidates evolve, template (the rule the failures point to) or llm (the endpoint reflects on the failing answers; needs --llm-base-url). Default template."
    )
    var evolveMode: GenerationMode?

    @Option(
        help:
            "Which variants training samples: policy (GRPO's policy for the whole budget) or successive_halving (clearly worse choices stop being sampled). Default \(Self.trainerDefaults.allocation.rawValue)\(Self.trainerDefaults.allocation == .policy ? "" : ", or policy with --evolve")."
    )
    var allocation: AllocationRule?

    @Flag(help: "Let the ranker also measure each patch on the cluster's representatives.")
    var measure = Self.defaults.measure

    var configuration: PipelineConfiguration {
        var configuration = PipelineConfiguration()
        configuration.seed = self.seed
        configuration.clusterCount = self.k
        configuration.clusterEncoding = self.clusterEncoding
        configuration.severityThreshold = self.severityThreshold
        configuration.maxClusters = self.maxClusters
        configuration.patchCount = self.patches
        configuration.steps = self.steps
        configuration.groupSize = self.groupSize
        configuration.rolloutBudget = self.rolloutBudget
        configuration.tokenBudget = self.tokenBudget
        configuration.minGain = self.minGain
        configuration.heldOutFraction = self.heldOutFraction
        configuration.heldOutAnswers = self.heldOutAnswers
        configuration.measure = self.measure
        configuration.evolve = self.evolve
        configuration.maxEvolvedCandidates = self.maxEvolvedCandidates
        configuration.evolveMode = self.evolveMode
        configuration.allocation = self.allocation
        return configuration
    }

    func validate() throws {
        try requireInRange(self.patches, Self.patchCounts, option: "--patches")
        if self.maxClusters < 1 { throw ValidationError("--max-clusters must be at least 1") }
        // The trainer's and the clusterer's own bounds, checked before any work (a bad --steps used to surface only
        // after clustering had run) and as a mistake in the command line.
        for (option, value, bounds) in [
            ("--steps", self.steps, TrainingRequestLimits.steps),
            ("--group-size", self.groupSize, TrainingRequestLimits.groupSize),
            ("--rollout-budget", self.rolloutBudget, TrainingRequestLimits.rollouts),
            ("--token-budget", self.tokenBudget, TrainingRequestLimits.tokens),
            ("--held-out-answers", self.heldOutAnswers, TrainingRequestLimits.heldOutAnswers),
            ("-k", self.k, ClusteringLimits.clusterCount),
        ] {
            if let value { try requireInRange(value, bounds, option: option) }
        }
        let evolvedBounds = TrainingRequestLimits.evolvedCandidates
        if let count = self.maxEvolvedCandidates {
            guard self.evolve else { throw ValidationError("--max-evolved-candidates needs --evolve") }
            guard evolvedBounds.contains(count) else {
                throw ValidationError(
                    "--max-evolved-candidates must be between \(evolvedBounds.lowerBound) and \(evolvedBounds.upperBound)"
                )
            }
        }
        if self.evolveMode != nil && !self.evolve { throw ValidationError("--evolve-mode needs --evolve") }
        if self.evolve, let allocation = self.allocation, allocation != .policy {
            throw ValidationError("--evolve needs --allocation policy (or no --allocation)")
        }
        if let gain = self.minGain, !gain.isFinite { throw ValidationError("--min-gain must be a number") }
        let bounds = TrainingRequestLimits.heldOutFraction
        if let fraction = self.heldOutFraction, !(fraction > bounds.above && fraction < bounds.below) {
            throw ValidationError(
                "--held-out-fraction must be between \(bounds.above.shortText) and \(bounds.below.shortText)")
        }
    }
}

/// How many times the expected answer's tokens a real model may write (`TokenEstimate.answerCap`): its time goes
/// into tokens, while the simulator's answers cost nothing and keep their full length.
func answerTokenScale(for model: any LanguageModel) -> Double? {
    model is Simulator ? nil : 3
}

/// Answers each prompt gives to each held-out experience on a real endpoint: there nine tenths of the spread of a
/// paired difference is sampling noise (SmolLM2 at temperature 1, Benchmarks/README.md, "Answers per held-out
/// experience"), and three answers take most of it out for three times the gate's calls. The simulator keeps the
/// trainer's default of one: the demo's and the tests' gate figures were measured with it, and more answers change
/// which simulated versions are written (more partial fixes pass, more guardrail rises block).
let realEndpointHeldOutAnswers = 3

/// The trainer's defaults for `model`: on a real endpoint, answers capped to the data (``answerTokenScale(for:)``)
/// and ``realEndpointHeldOutAnswers`` answers per held-out experience.
func trainerConfiguration(for model: any LanguageModel) -> TrainerConfiguration {
    var configuration = TrainerConfiguration()
    configuration.answerTokenScale = answerTokenScale(for: model)
    if !(model is Simulator) { configuration.heldOutAnswers = realEndpointHeldOutAnswers }
    return configuration
}

/// The model that reflects when a job evolves in LLM mode: the configured endpoint, as LLM patch mode uses it; none
/// for the simulator, which answers questions but cannot write patches.
func reflectionModel(for model: any LanguageModel) -> (any LanguageModel)? {
    model is Simulator ? nil : model
}

/// The in-process backend on the configured store, registry and model; training scores with `rewardModel` (the
/// verifier, or the verifier with a judge: ``JudgeOptions``). The ranker's measured check keeps the verifier alone.
func makeLocalBackend(
    environment: KaizenEnvironment, model: any LanguageModel, rewardModel: any RewardModel
) throws -> LocalBackend {
    let store = try environment.openStore()
    let clustering = ClusteringStage(store: store, runs: store)
    let patches = PatchStages(
        inputs: StageInputs(registry: environment.registry, clustering: clustering, store: store),
        generator: try PatchGenerator(model: model), ranker: try Ranker(model: model))
    var trainer = PromptTrainer(
        model: model, rewardModel: rewardModel, store: store, registry: environment.trainingRegistry(sharing: store),
        configuration: trainerConfiguration(for: model))
    trainer.reflectionModel = reflectionModel(for: model)
    return LocalBackend(clustering: clustering, patches: patches, trainer: trainer, runs: store)
}

/// Prints pipeline progress to standard error: stage lines and a training progress bar with rollouts and tokens per
/// second and the time left.
///
/// On a terminal the bar redraws in place; otherwise (a log, a pipe) it prints a line every tenth of the run.
final class ProgressPrinter: Sendable {
    let prefix: String
    let interactive: Bool
    /// When the current training job started (its first progress event), for the rates and the time left.
    private let trainingStart = Mutex<ContinuousClock.Instant?>(nil)

    init(prefix: String = "") {
        self.prefix = prefix
        self.interactive = isatty(STDERR_FILENO) == 1
    }

    func handle(_ event: PipelineEvent) {
        switch event {
        case .stage(let text):
            printError("\(self.prefix)- \(text)")
        case .clustered(let clusters, let failures):
            printError("\(self.prefix)  \(failures) failures in \(clusters) cluster\(clusters == 1 ? "" : "s")")
        case .patched(let clusterID, let candidates, let selected):
            printError("\(self.prefix)  \(clusterID): \(candidates) candidates, ranker's choice \(selected ?? "none")")
        case .training(let progress):
            // The plan, once per job: with the loaded data, or with the first event that carries it (a remote job is
            // polled, and its loading event can pass between two polls).
            if let planned = progress.plannedRollouts,
                progress.phase == .loading || self.trainingStart.withLock({ $0 == nil })
            {
                self.trainingStart.withLock { $0 = .now }
                let guardrails = progress.guardrailRollouts.map {
                    ", and up to \($0) more for the guardrails if the gain passes"
                }
                printError(
                    "\(self.prefix)  planned: about \(planned) rollouts (training and the held-out gate)\(guardrails ?? "")"
                )
            }
            if progress.phase == .loading { return }
            let width = 30
            let done = progress.steps == 0 ? 0 : min(width, width * progress.step / progress.steps)
            let bar = String(repeating: "=", count: done) + String(repeating: " ", count: width - done)
            let reward =
                progress.curve.last.map { String(format: "reward %.3f  KL %.4f", $0.meanReward, $0.klDivergence) } ?? ""
            let line =
                "\(self.prefix)  [\(bar)] \(progress.phase.rawValue) step \(progress.step)/\(progress.steps)  rollouts \(progress.rollouts)  \(reward)"
                + self.rates(progress)
            if self.interactive {
                FileHandle.standardError.write(Data(("\r" + line).utf8))
                if progress.phase != .training {
                    FileHandle.standardError.write(Data("\n".utf8))
                }
            } else if progress.phase != .training || progress.step % max(1, progress.steps / 10) == 0 {
                printError(line)
            }
        case .finished(let summary):
            printError("\(self.prefix)= \(summary)")
        }
    }

    /// "  1.8 rollouts/s  212 tokens/s  ~3m10s left" since the job's training began; empty before the first step.
    private func rates(_ progress: TrainingProgress) -> String {
        guard let start = self.trainingStart.withLock({ $0 }), progress.rollouts > 0 else { return "" }
        let seconds = Self.seconds(ContinuousClock.now - start)
        guard seconds > 0 else { return "" }
        let perSecond = Double(progress.rollouts) / seconds
        var text = String(format: "  %.1f rollouts/s  %.0f tokens/s", perSecond, Double(progress.tokens) / seconds)
        if progress.phase == .training, let planned = progress.plannedRollouts, planned > progress.rollouts {
            text += "  ~" + Self.duration(Double(planned - progress.rollouts) / perSecond) + " left"
        }
        return text
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// "45s", "3m10s", "1h05m".
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60)
    }
}

/// Prints what a run did, for people.
struct PipelineSummary {
    var run: PipelineRun

    func rendered() -> String {
        var lines: [String] = []
        if let clustering = self.run.clustering {
            lines.append("clusters (\(clustering.clusteringID), \(clustering.result.failureCount) failures):")
            lines.append(
                Table(
                    headers: ["cluster", "size", "severity", "label", "patched with"],
                    rows: clustering.result.clusters.map { cluster in
                        let target = self.run.targets.first { $0.clusterID == cluster.clusterID }
                        let chosen = self.run.job?.result?.patchIDs[cluster.clusterID].flatMap { $0 }
                        let status: String
                        if let chosen {
                            status =
                                chosen
                                + (chosen == target?.ranking.selected
                                    ? " (ranker's top-1)"
                                    : " (trained; ranker preferred \(target?.ranking.selected ?? "-"))")
                        } else if target != nil {
                            status = "no patch (training kept the base wording)"
                        } else {
                            status = self.run.skipped.first { $0.clusterID == cluster.clusterID }?.reason ?? "-"
                        }
                        return [
                            cluster.clusterID, "\(cluster.size)", String(format: "%.3f", cluster.severity),
                            cluster.label, status,
                        ]
                    }
                ).rendered())
        }
        if let result = self.run.job?.result {
            let evaluation = result.evaluation
            lines.append("")
            lines.append(
                Table(
                    headers: ["held-out (\(evaluation.experiences))", "before", "after", "change (95% interval)"],
                    rows: [
                        [
                            "mean reward", String(format: "%.3f", evaluation.baselineReward),
                            String(format: "%.3f", evaluation.reward),
                            String(
                                format: "%+.3f [%+.3f, %+.3f]", evaluation.gain.estimate, evaluation.gain.low,
                                evaluation.gain.high),
                        ],
                        [
                            "hallucination rate", String(format: "%.3f", evaluation.hallucinationRateBefore),
                            String(format: "%.3f", evaluation.hallucinationRateAfter),
                            String(
                                format: "%+.3f", evaluation.hallucinationRateAfter - evaluation.hallucinationRateBefore),
                        ],
                    ]
                ).rendered())
            lines.append(
                String(
                    format:
                        "training: %d rollouts (%d answered from memory, %d failed), %d tokens, stopped: %@, zero-spread groups %d of %d",
                    result.training.rollouts, result.training.cachedRollouts, result.training.failedRollouts,
                    result.training.tokens, result.training.stopReason.rawValue, result.training.zeroSpreadGroups,
                    result.training.groups))
            if evaluation.failedGenerations > 0 {
                lines.append(
                    "held-out: \(evaluation.failedGenerations) experiences left out because the model failed on them")
            }
        }
        lines.append("")
        if let job = self.run.job, job.result != nil {
            lines.append("training job \(job.jobID); its held-out set: `kaizen eval ... --held-out-of \(job.jobID)`")
        }
        lines.append(self.run.summary)
        return lines.joined(separator: "\n")
    }
}

/// Writes the HTML report beside the registry and returns its path.
func writeReport(_ report: PipelineReport, registryPath: String, name: String) throws -> String {
    let folder = URL(fileURLWithPath: registryPath).deletingLastPathComponent().appendingPathComponent("reports")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(HTMLReport.render(report).utf8).write(to: url, options: .atomic)
    return url.path
}

extension AllocationRule: ExpressibleByArgument {}
