import ArgumentParser
import Experiences
import Foundation
import LanguageModels
import PatchGeneration
import PatchRanking
import Stages

/// Options naming the prompt and the cluster that `kaizen patches` and `kaizen rank` work on.
struct PatchTargetOptions: ParsableArguments {
    @Option(help: "Prompt version to patch, e.g. p_v1_1.")
    var prompt: String

    @Option(help: "Clustering run id (from `kaizen cluster`).")
    var clustering: String

    @Option(help: "Cluster id within the run, e.g. cluster_1.")
    var cluster: String

    @Option(help: "Random seed.")
    var seed: UInt64 = 0
}

extension GenerationMode: ExpressibleByArgument {}

/// Builds the patch stages on the configured store, registry and model.
///
/// The generator gets no model when only the simulator is configured: the simulator cannot write the JSON that LLM
/// mode asks for, so `mode llm` fails at once saying a model is needed, instead of after retries with "the answer
/// contains no JSON object".
func makePatchStages(
    environment: KaizenEnvironment, models: ModelOptions, creatingStore: Bool = false
) throws -> PatchStages {
    let store = try environment.openStore(creating: creatingStore)
    let model = try models.makeModel(reader: environment.reader)
    return PatchStages(
        inputs: StageInputs(
            registry: environment.registry, clustering: ClusteringStage(store: store, runs: store), store: store),
        generator: try PatchGenerator(model: model is Simulator ? nil : model),
        ranker: try Ranker(model: model))
}

/// `kaizen patches`: candidate patches for one cluster.
struct PatchesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patches", abstract: "Propose 3-5 explained candidate patches for a failure cluster.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: PatchTargetOptions
    @OptionGroup var models: ModelOptions

    @Option(help: "How many candidates (3-5).")
    var count = 3

    func validate() throws {
        try requireInRange(self.count, PipelineOptions.patchCounts, option: "--count")
    }

    @Option(help: "template (offline) or llm (needs --llm-base-url).")
    var mode = GenerationMode.template

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let environment = try KaizenEnvironment(options: self.global)
        let stages = try makePatchStages(environment: environment, models: self.models)
        let request = GeneratePatchesRequest(
            generation: PatchGenerationRequest(
                promptID: self.target.prompt, clusterID: self.target.cluster, mode: self.mode, count: self.count,
                seed: self.target.seed),
            clusteringID: self.target.clustering)
        let result = try await reportingStageErrors { try await stages.generate(request) }
        if self.json {
            print(try jsonString(result))
            return
        }
        print(
            "cluster \(result.clusterID): modes "
                + result.modes.map { "\($0.mode.rawValue) (\(String(format: "%.2f", $0.score)))" }.joined(
                    separator: ", "))
        for candidate in result.candidates {
            print("")
            print(
                "\(candidate.patchID)  [\(candidate.strategy), \(candidate.operation.rawValue)] targets \(candidate.targets.joined(separator: ", "))"
            )
            print("  patch: \(candidate.patchText)")
            print("  why:   \(candidate.explanation)")
        }
    }
}

/// `kaizen rank`: score candidates (generated on the spot, or from a file) and pick the top-1.
struct RankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank candidate patches on hallucination reduction, clarity, length safety and cluster severity.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: PatchTargetOptions
    @OptionGroup var models: ModelOptions

    @Option(help: "Candidates as `kaizen patches --json` wrote them; default: generate them now.")
    var candidates: String?

    @Option(help: "Candidates to generate when --candidates is not given (3-5).")
    var count = 3

    func validate() throws {
        try requireInRange(self.count, PipelineOptions.patchCounts, option: "--count")
    }

    @Flag(help: "Also measure: replay the cluster's representatives with and without each patch.")
    var measure = false

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let environment = try KaizenEnvironment(options: self.global)
        let stages = try makePatchStages(environment: environment, models: self.models)
        let generated: PatchGenerationResult
        if let path = self.candidates {
            let data = try InputFile.read(path, option: "--candidates")
            do {
                generated = try JSONDecoder().decode(PatchGenerationResult.self, from: data)
            } catch let error as DecodingError {
                let problem = DecodingProblem(error)
                throw CommandFailure(
                    "--candidates \(path) is not the output of `kaizen patches --json`: "
                        + (problem.isMalformed ? "not valid JSON" : problem.sentence))
            }
        } else {
            generated = try await reportingStageErrors {
                try await stages.generate(
                    GeneratePatchesRequest(
                        generation: PatchGenerationRequest(
                            promptID: self.target.prompt, clusterID: self.target.cluster, count: self.count,
                            seed: self.target.seed),
                        clusteringID: self.target.clustering))
            }
        }
        let result = try await reportingStageErrors {
            try await stages.rank(
                RankRequest(
                    promptID: self.target.prompt, clusteringID: self.target.clustering, clusterID: self.target.cluster,
                    candidates: generated.candidates, measure: self.measure, seed: self.target.seed))
        }
        if self.json {
            print(try jsonString(result))
            return
        }
        print(RankReport(result: result).rendered())
    }
}

/// The ranking as a table.
struct RankReport {
    var result: RankResult

    func rendered() -> String {
        var lines = [
            Table(
                headers: ["rank", "patch", "strategy", "score", "halluc.", "clarity", "length", "severity"],
                rows: self.result.ranked.map { ranked in
                    [
                        "\(ranked.rank)" + (ranked.patchID == self.result.selected ? " *" : ""), ranked.patchID,
                        ranked.candidate.strategy, String(format: "%.3f", ranked.score),
                        String(format: "%.3f", ranked.criteria.hallucinationReduction),
                        String(format: "%.3f", ranked.criteria.clarity),
                        String(format: "%.3f", ranked.criteria.lengthSafety),
                        String(format: "%.3f", ranked.criteria.clusterSeverity),
                    ]
                }
            ).rendered()
        ]
        for excluded in self.result.excluded {
            lines.append("excluded \(excluded.patchID): \(excluded.reasons.joined(separator: "; "))")
        }
        lines.append("selected: \(self.result.selected ?? "none")")
        return lines.joined(separator: "\n")
    }
}

/// Runs a stage call, adding the CLI's own hint when LLM mode has no model. Every other stage error is a one-line
/// message of its own (`CustomStringConvertible`), which argument-parser prints after `error: `.
func reportingStageErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as PatchGenerationError where error == .modelNotConfigured {
        throw CommandFailure(
            "--mode llm needs a language model endpoint: pass --llm-base-url URL and --llm-model NAME "
                + "(or set KAIZEN_LLM_BASE_URL and KAIZEN_LLM_MODEL), or use --mode template")
    }
}

/// A value outside the bounds an option's stage accepts is a mistake in the command line (exit 64 with the usage),
/// not a failure of the work: "--steps must be between 1 and 2000, got 0".
func requireInRange(_ value: Int, _ bounds: ClosedRange<Int>, option: String) throws {
    guard bounds.contains(value) else {
        throw ValidationError("\(option) must be between \(bounds.lowerBound) and \(bounds.upperBound), got \(value)")
    }
}
