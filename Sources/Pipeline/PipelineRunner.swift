import Experiences
import FailureClustering
import Foundation
import PatchGeneration
import PatchRanking
import PromptTraining
import Stages

/// The whole loop for one base prompt: cluster its failures, patch and rank each cluster worth fixing, train over
/// the candidates, and (through the trainer's gate) write a new version or say why not.
package struct PipelineRunner: Sendable {
    let backend: any PipelineBackend
    let configuration: PipelineConfiguration
    let now: @Sendable () -> Date

    package init(
        backend: any PipelineBackend, configuration: PipelineConfiguration = PipelineConfiguration(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.backend = backend
        self.configuration = configuration
        self.now = now
    }

    /// Runs every stage once.
    /// - Throws: A stage's error when a stage cannot run (a bad base prompt id, a model that keeps failing).
    ///   "Nothing to fix" is not an error: the run says so and writes nothing.
    /// - Parameters:
    ///   - basePromptID: The version to improve.
    ///   - existingClustering: A stored clustering to use instead of clustering again (`kaizen train`).
    ///   - clusterIDs: Only these clusters (still subject to the severity threshold and the cap); all when `nil`.
    package func run(
        basePromptID: String, existingClustering: ClusteringRun? = nil, clusterIDs: Set<String>? = nil,
        progress: @escaping @Sendable (PipelineEvent) -> Void = { _ in }
    ) async throws -> PipelineRun {
        let configuration = self.configuration
        var run = PipelineRun(
            basePromptID: basePromptID, seed: configuration.seed, startedAt: self.now(), finishedAt: self.now(),
            clustering: nil, targets: [], skipped: [], job: nil, summary: "")
        func finish(_ summary: String) -> PipelineRun {
            run.summary = summary
            run.finishedAt = self.now()
            progress(.finished(summary))
            return run
        }

        let clustering: ClusteringRun
        if let existingClustering {
            clustering = existingClustering
        } else {
            progress(.stage("clustering failures of \(basePromptID)"))
            let clusterRequest = ClusterRequest(
                promptID: basePromptID,
                configuration: FailureClusterer.Configuration(
                    encoding: configuration.clusterEncoding, text: configuration.clusterText,
                    clusterCount: configuration.clusterCount,
                    clusterCountRange: configuration.clusterCountRange, seed: configuration.seed))
            do {
                clustering = try await self.backend.cluster(clusterRequest)
            } catch let error as FailureClusteringError {
                return finish("nothing to fix: \(error.description); nothing written")
            } catch let error as RemoteStageError where error.status == 422 {
                return finish("nothing to fix: \(error.detail); nothing written")
            }
        }
        run.clustering = clustering
        progress(.clustered(clusters: clustering.result.clusters.count, failures: clustering.result.failureCount))
        guard clustering.result.failureCount >= configuration.minimumFailures else {
            return finish(
                "nothing to fix: \(clustering.result.failureCount) failure(s), fewer than \(configuration.minimumFailures); nothing written"
            )
        }

        // Clusters worth fixing: the most severe ones above the threshold.
        var chosen: [FailureCluster] = []
        for cluster in clustering.result.clusters.sorted(by: {
            ($0.severity, $1.clusterID) > ($1.severity, $0.clusterID)
        }) {
            if let clusterIDs, !clusterIDs.contains(cluster.clusterID) {
                run.skipped.append(.init(clusterID: cluster.clusterID, reason: "not requested"))
            } else if cluster.severity < configuration.severityThreshold {
                run.skipped.append(
                    .init(
                        clusterID: cluster.clusterID,
                        reason: String(
                            format: "severity %.3f below %.3f", cluster.severity, configuration.severityThreshold)))
            } else if chosen.count >= configuration.maxClusters {
                run.skipped.append(
                    .init(clusterID: cluster.clusterID, reason: "beyond the \(configuration.maxClusters) most severe"))
            } else {
                chosen.append(cluster)
            }
        }
        guard !chosen.isEmpty else { return finish("nothing to fix: no cluster is severe enough; nothing written") }

        var choices: [ClusterChoices] = []
        for cluster in chosen {
            progress(.stage("patching \(cluster.clusterID) (\(cluster.label))"))
            let generation: PatchGenerationResult
            do {
                generation = try await self.backend.generatePatches(
                    GeneratePatchesRequest(
                        generation: PatchGenerationRequest(
                            promptID: basePromptID, clusterID: cluster.clusterID, mode: .template,
                            count: configuration.patchCount, seed: configuration.seed),
                        clusteringID: clustering.clusteringID))
            } catch let error as PatchGenerationError where error.isInvalidRequest {
                run.skipped.append(.init(clusterID: cluster.clusterID, reason: error.description))
                continue
            } catch let error as RemoteStageError where error.status == 422 {
                run.skipped.append(.init(clusterID: cluster.clusterID, reason: error.detail))
                continue
            }
            let evidence = try ClusterEvidence(clusterJSONOf: cluster)
            let ranking = try await self.backend.rank(
                RankRequest(
                    promptID: basePromptID, cluster: evidence, candidates: generation.candidates,
                    measure: configuration.measure, seed: configuration.seed))
            progress(
                .patched(
                    clusterID: cluster.clusterID, candidates: generation.candidates.count, selected: ranking.selected))
            run.targets.append(.init(clusterID: cluster.clusterID, generation: generation, ranking: ranking))
            guard !ranking.ranked.isEmpty else {
                run.skipped.append(
                    .init(clusterID: cluster.clusterID, reason: "every candidate was excluded by the ranker"))
                continue
            }
            var trainingCluster = evidence
            trainingCluster.memberIDs = cluster.memberIDs
            choices.append(
                ClusterChoices(
                    cluster: trainingCluster,
                    candidates: ranking.ranked.map { RankedChoice(candidate: $0.candidate, score: $0.score) }))
        }
        guard !choices.isEmpty else { return finish("nothing to fix: no cluster got a usable patch; nothing written") }

        progress(.stage("training over \(choices.count) cluster(s)"))
        let budget =
            configuration.rolloutBudget == nil && configuration.tokenBudget == nil
            ? nil : TrainingBudget(rollouts: configuration.rolloutBudget, tokens: configuration.tokenBudget)
        let job = try await self.backend.train(
            TrainingRequest(
                basePromptID: basePromptID, clusters: choices, seed: configuration.seed,
                groupSize: configuration.groupSize,
                batchSize: configuration.batchSize, steps: configuration.steps, budget: budget,
                heldOutFraction: configuration.heldOutFraction, minGain: configuration.minGain,
                evolve: configuration.evolve ? true : nil,
                maxEvolvedCandidates: configuration.evolve ? configuration.maxEvolvedCandidates : nil,
                evolveMode: configuration.evolve ? configuration.evolveMode : nil, allocation: configuration.allocation,
                heldOutAnswers: configuration.heldOutAnswers),
            progress: { progress(.training($0)) })
        run.job = job
        guard let result = job.result else {
            return finish("training \(job.state.rawValue): \(job.error ?? "no result"); nothing written")
        }
        return finish(result.message)
    }
}
