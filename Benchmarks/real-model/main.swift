// The whole loop on a real model, judged on questions it never saw (see Benchmarks/README.md, "Real model"):
//
// 1. Split the questions (the demo world's, or HaluEval dialogue's) by a seeded shuffle into a training pool and a
//    fresh test split that nothing below ever logs, clusters, ranks or trains on.
// 2. Log interactions from the pool under the base prompt through the model, and run the pipeline once (cluster,
//    patch, rank, GRPO, held-out gate) on them.
// 3. Two baselines at the trainer's own rollout budget: the ranker's top-1 in every patched cluster (no search), and
//    random search over the same variant space, scored on the same pool.
// 4. Answer the fresh split under the base prompt and under each method's prompt (the same seed per question for
//    every prompt, so differences are paired), and print reward and every failure-mode rate with 95% intervals,
//    the paired differences from the base prompt, and tokens, rollouts, wall time and throughput.
//
//     Benchmarks/real-model/run.sh [demo|halueval]      (starts SmolLM2 with Scripts/local-model.sh)
//     swift run -c release --package-path Benchmarks RealModelBenchmark --base-url URL --model NAME [--source demo|halueval] [--data FILE]
//         [--train 60] [--test 60] [--steps 6] [--group-size 4] [--batch-size 4] [--seed 1] [--max-tokens 512]
//         [--allocation policy|successive_halving|both] [--evolve template|llm] [--training-reward capped|raw|both]
//         [--gate-null DRAWS] [--verdicts-out FILE]
//
// `--training-reward both` runs the pipeline twice on the same logged pool, once as shipped (a non-answer's training
// reward capped at the logged answer's, `TrainingReward`) and once on the reward itself, and adds the second trainer's
// prompt as a column: the paired measure of what the cap does. `--allocation both` does the same for the trainer's
// allocation (GRPO's policy for the whole budget, then successive halving): the paired measure of the default.
//
// `--verdicts-out FILE` appends one JSON line per fresh-split answer (seed, method, question, reward and failure
// modes), so runs over several seeds can be pooled (Benchmarks/real-model/pool.py).
//
// `--gate-null DRAWS` instead answers each logged question DRAWS more times under the base prompt (unrelated seeds)
// and prints how often the held-out gate's rule would write a version no better than the base prompt
// (`GateCalibration`) on this model's rewards, with the plain and the expanded percentile bootstrap, and with six
// draws or more also the gate with three answers per side; then stops.
import ConcurrencyLimits
import DemoWorld
import Evaluation
import Experiences
import FailureClustering
import Foundation
import LanguageModels
import Logging
import OpenAIClient
import PatchGeneration
import PatchRanking
import Pipeline
import PromptTraining
import Prompts
import RLTraining
import Randomness
import SQLiteStore
import Stages
import Synchronization
import Verification

struct Options {
    var baseURL = ""
    var model = ""
    var source = "demo"
    var data = "../shared/data/halueval_dialogue_data.json"
    var train = 60
    var test = 60
    var steps = 6
    var groupSize = 4
    var batchSize = 4
    var seed: UInt64 = 1
    /// The answer cap's ceiling; questions without a reference answer (HaluEval's) get exactly this.
    var maxTokens = 512
    /// How the trainer spends its rollouts: `policy` (GRPO as before) or `successive_halving` (issue 15); with
    /// `both`, the pipeline runs once with each, in that order.
    var allocations = [AllocationRule.policy]
    /// How candidates evolve during training (issue 15), or `nil` for no evolution.
    var evolve: GenerationMode?
    /// Which training rewards to run the pipeline with: `[true]` (the shipped cap), `[false]` (the reward itself) or
    /// both, in that order.
    var capsNonAnswers = [true]
    /// With a value, the gate-null measurement with this many answers per logged question, and nothing else.
    var gateNullDraws: Int?
    /// Where to append the fresh split's verdicts as JSON lines, if anywhere.
    var verdictsOut: String?
    /// Answers each prompt gives to each held-out experience at the gate; with several, the pipeline runs once with
    /// each, in that order (the same training, a gate with more answers: the paired measure of the setting).
    var heldOutAnswers = [1]

    init(_ arguments: [String]) {
        var arguments = arguments[...]
        while let flag = arguments.popFirst() {
            if flag == "--help" || flag == "-h" { Self.usage(nil) }
            guard let value = arguments.popFirst() else { Self.usage("\(flag) needs a value") }
            switch flag {
            case "--base-url": self.baseURL = value
            case "--model": self.model = value
            case "--source" where ["demo", "halueval"].contains(value): self.source = value
            case "--data": self.data = value
            case "--train": self.train = Self.number(value, flag)
            case "--test": self.test = Self.number(value, flag)
            case "--steps": self.steps = Self.number(value, flag)
            case "--group-size": self.groupSize = Self.number(value, flag)
            case "--batch-size": self.batchSize = Self.number(value, flag)
            case "--seed": self.seed = Self.number(value, flag)
            case "--max-tokens": self.maxTokens = Self.number(value, flag)
            case "--evolve":
                guard let mode = GenerationMode(rawValue: value) else {
                    Self.usage("--evolve takes template or llm, got \(value)")
                }
                self.evolve = mode
            case "--gate-null":
                let draws: Int = Self.number(value, flag)
                if draws < 2 { Self.usage("--gate-null needs at least 2 draws, got \(draws)") }
                self.gateNullDraws = draws
            case "--training-reward":
                switch value {
                case "capped": self.capsNonAnswers = [true]
                case "raw": self.capsNonAnswers = [false]
                case "both": self.capsNonAnswers = [true, false]
                default: Self.usage("--training-reward takes capped, raw or both, got \(value)")
                }
            case "--allocation" where value == "both": self.allocations = [.policy, .successiveHalving]
            case "--allocation":
                guard let rule = AllocationRule(rawValue: value) else {
                    Self.usage("--allocation takes policy, successive_halving or both, got \(value)")
                }
                self.allocations = [rule]
            case "--verdicts-out": self.verdictsOut = value
            case "--held-out-answers":
                let counts = value.split(separator: ",").map { Int($0) }
                guard !counts.isEmpty, counts.allSatisfy({ ($0 ?? 0) >= 1 }) else {
                    Self.usage("--held-out-answers takes counts of at least 1 separated by commas, got \(value)")
                }
                self.heldOutAnswers = counts.compactMap { $0 }
            default: Self.usage("unknown option \(flag) \(value)")
            }
        }
        if self.baseURL.isEmpty || self.model.isEmpty { Self.usage("--base-url and --model are required") }
    }

    /// The trainer setups the pipeline runs with, in order: every allocation with every training reward and every
    /// count of held-out answers.
    var setups: [TrainerSetup] {
        self.allocations.flatMap { allocation in
            self.capsNonAnswers.flatMap { caps in
                self.heldOutAnswers.map {
                    TrainerSetup(allocation: allocation, capsNonAnswers: caps, heldOutAnswers: $0)
                }
            }
        }
    }

    static func number<Number: LosslessStringConvertible>(_ value: String, _ flag: String) -> Number {
        guard let number = Number(value) else { Self.usage("\(flag) takes a number, got \(value)") }
        return number
    }

    /// Prints the usage, after `problem` on standard error and exiting 2, or alone on standard output (`--help`).
    static func usage(_ problem: String?) -> Never {
        (problem == nil ? FileHandle.standardOutput : FileHandle.standardError).write(
            Data(
                """
                \(problem.map { "error: \($0)\n" } ?? "")usage: RealModelBenchmark --base-url URL --model NAME [--source demo|halueval] [--data FILE] [--train 60] \
                [--test 60] [--steps 6] [--group-size 4] [--batch-size 4] [--seed 1] [--max-tokens 512] \
                [--allocation policy|successive_halving|both] [--evolve template|llm] \
                [--training-reward capped|raw|both] [--held-out-answers 1[,3...]] [--gate-null DRAWS] \
                [--verdicts-out FILE]

                """.utf8))
        exit(problem == nil ? 0 : 2)
    }
}

/// One pipeline run's trainer settings, and its column's label among several.
struct TrainerSetup {
    var allocation: AllocationRule
    var capsNonAnswers: Bool
    var heldOutAnswers: Int

    func label(among setups: [TrainerSetup]) -> String {
        var parts: [String] = []
        if Set(setups.map(\.allocation)).count > 1 {
            parts.append(self.allocation == .policy ? "policy" : "halving")
        }
        if Set(setups.map(\.capsNonAnswers)).count > 1 { parts.append(self.capsNonAnswers ? "capped" : "raw reward") }
        if Set(setups.map(\.heldOutAnswers)).count > 1 {
            parts.append("gate \(self.heldOutAnswers) answer\(self.heldOutAnswers == 1 ? "" : "s")")
        }
        return parts.joined(separator: ", ")
    }
}

func log(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let started = ContinuousClock.now
let verifier = try Verifier()

// The model: one output per call (llama.cpp refuses n > 1), answers capped to the data as the CLI does.
var clientConfiguration = OpenAIClientConfiguration(
    baseURL: options.baseURL, model: options.model, maxConcurrentRequests: 4, maxChoicesPerRequest: 1)
clientConfiguration.requestTimeout = .seconds(120)
let client = OpenAIClient(configuration: clientConfiguration, logger: Logger(label: "real-model-benchmark"))
let probe = try await client.probe()
log("model: \(probe.servedModel ?? options.model) at \(options.baseURL)")

// 1. Questions, split once: the test split is never logged.
let world: DemoWorld
switch options.source {
case "halueval":
    world = try HaluEvalDialogue.load(path: options.data, limit: (options.train + options.test) * 2, seed: options.seed)
        .world
default:
    world = DemoWorld.generate(configuration: DemoWorldConfiguration(seed: options.seed))
}
var shuffler = SplitMix64(seed: options.seed ^ 0x5EED_5EED)
var questions = world.questions
questions.shuffle(using: &shuffler)
guard questions.count >= options.train + options.test else {
    Options.usage(
        "the \(options.source) source has \(questions.count) questions; --train + --test is \(options.train + options.test)"
    )
}
// The pool holds more questions than are logged, so logging draws a varied sample; the test split is disjoint.
let testQuestions = Array(questions.suffix(options.test))
let pool = DemoWorld(
    name: world.name, initialPrompt: world.initialPrompt, documents: world.documents,
    questions: Array(questions.dropLast(options.test)))
log("\(world.name): \(pool.questions.count) pool questions, \(testQuestions.count) fresh test questions")

// 2. Log under the base prompt and run the pipeline.
let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("kaizen-real-model-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: workspace) }
let store = try SQLiteExperienceStore(path: workspace.appendingPathComponent("experiences.sqlite").path)
let registry = PromptRegistry(directory: workspace.appendingPathComponent("prompt_registry"))
let base = try registry.create(family: nil, source: "human", text: world.initialPrompt)
let logStart = ContinuousClock.now
let logged = try await pool.logExperiences(
    prompt: (id: base.id.description, text: base.text), round: 1, count: options.train, model: client,
    verifier: verifier, seed: options.seed,
    configuration: InteractionLogConfiguration(maxConcurrency: 4, maxTokens: options.maxTokens, answerTokenScale: 3))
_ = try await store.insert(logged)
let logSeconds = seconds(since: logStart)
log(
    String(
        format: "logged %d interactions in %.0f s (%d failures)", logged.count, logSeconds,
        logged.count { $0.isFailure() }))

if let draws = options.gateNullDraws {
    let start = ContinuousClock.now
    let answers = try await BoundedConcurrency.map(count: logged.count * draws, maxConcurrency: 4) { index in
        let experience = logged[index / draws]
        let request = GenerationRequest(
            systemPrompt: base.text, experience: experience, temperature: 1,
            maxTokens: TokenEstimate.answerCap(
                expected: experience.reference ?? experience.response, scale: 3, ceiling: options.maxTokens),
            seed: FNV1a.hash(experience.id.utf8) ^ options.seed ^ (UInt64(index % draws + 1) &* 0x9E37_79B9_7F4A_7C15))
        let response = try await client.generate(request)
        let output = response.outputs.first ?? ""
        let verdict = try await verifier.scorer(for: experience.scored(underSystemPrompt: base.text))(
            output, finishReason: response.finishReason(of: 0))
        return (verdict: verdict, words: output.split(whereSeparator: \.isWhitespace).count)
    }
    let rewards = answers.map(\.verdict.reward)
    let answers2D = stride(from: 0, to: answers.count, by: draws).map { Array(answers[$0..<($0 + draws)]) }
    let draws2D = answers2D.map { $0.map(\.verdict.reward) }
    log("gate null: \(rewards.count) answers in \(Int(seconds(since: start))) s")
    print("## The gate under the null: \(probe.servedModel ?? options.model), \(world.name) (seed \(options.seed))")
    print("")
    print(
        String(
            format: "%d logged questions x %d answers under the base prompt, mean reward %.3f; 4000 trials per row",
            draws2D.count, draws, rewards.reduce(0, +) / Double(rewards.count)))
    print("")
    // With six draws or more, the gate with three answers per side (`held_out_answers` 3, a real endpoint's
    // default) in another column: each side the mean of three distinct draws.
    let severalAnswers = draws >= 6
    print(
        "| held-out n | plain percentile: writes | expanded percentile: writes | the gate (and sign-flip): writes |"
            + (severalAnswers ? " the gate, 3 answers per side: writes |" : ""))
    print("| ---: | --- | --- | --- |" + (severalAnswers ? " --- |" : ""))
    for n in [20, 24, 40] where n <= draws2D.count {
        let writes = GateCalibration.nullWrites(
            draws: draws2D, heldOut: n, trials: 4000, seed: options.seed ^ UInt64(n))
        func share(_ count: Int) -> String { String(format: "%.4f", Double(count) / Double(writes.trials)) }
        var row =
            "| \(n) | \(share(writes.plain)) (\(writes.plain)) | \(share(writes.expanded)) (\(writes.expanded)) | "
            + "\(share(writes.gate)) (\(writes.gate)) |"
        if severalAnswers {
            let three = GateCalibration.nullWrites(
                draws: draws2D, heldOut: n, trials: 4000, seed: options.seed ^ UInt64(n), answers: 3)
            row += " \(share(three.gate)) (\(three.gate)) |"
        }
        print(row)
    }
    // The guardrails under the same null (`GuardrailCalibration`), held-out part alone, as the simulated table of
    // Benchmarks/README.md ("The guardrails under the null"); with six draws or more also with three answers per side.
    let trainerConfiguration = TrainerConfiguration()
    let guardrailTrials = 1000
    print("")
    print(
        "Guardrails under the same null: \(guardrailTrials) trials per row, 1,000 resamples each; 'blocks' = share of "
            + "trials in which some guardrail blocks (Wilson 95% interval); tolerance "
            + "\(trainerConfiguration.guardrailTolerance) for rates, \(trainerConfiguration.lengthGuardrailTolerance) x "
            + "the mean length for words")
    print("")
    print("| held-out n | answers per side | guardrails: blocks | guardrails that blocked |")
    print("| ---: | ---: | --- | --- |")
    for n in [20, 24, 40] where n <= answers2D.count {
        for perSide in severalAnswers ? [1, 3] : [1] {
            let checks = GuardrailCalibration.nullChecks(
                answers: answers2D, heldOut: n, answersPerSide: perSide, trials: guardrailTrials,
                configuration: trainerConfiguration,
                seed: options.seed ^ 0x6775_6172 ^ UInt64(n) ^ UInt64(perSide) << 32)
            let (blocked, byGuardrail) = GuardrailCalibration.blocks(checks)
            let interval = RateInterval.wilson(blocked, of: guardrailTrials)
            print(
                String(
                    format: "| %d | %d | %.4f [%.4f, %.4f] | %@ |", n, perSide,
                    Double(blocked) / Double(guardrailTrials), interval.low, interval.high,
                    GuardrailCalibration.listed(byGuardrail)))
        }
    }
    exit(0)
}

/// One pipeline run on the logged pool with `setup`'s allocation and training reward (see `--allocation` and
/// `--training-reward`).
func runPipeline(_ setup: TrainerSetup) async throws -> PipelineRun {
    var trainerConfiguration = TrainerConfiguration()
    trainerConfiguration.answerTokenScale = 3
    trainerConfiguration.maxTokens = options.maxTokens
    trainerConfiguration.maxConcurrentRollouts = 4
    trainerConfiguration.heldOutFraction = 0.4
    trainerConfiguration.allocation = setup.allocation
    trainerConfiguration.capsNonAnswers = setup.capsNonAnswers
    trainerConfiguration.heldOutAnswers = setup.heldOutAnswers
    var trainer = PromptTrainer(
        model: client, rewardModel: verifier, store: store, registry: registry, configuration: trainerConfiguration)
    // With --evolve llm the served model reflects on the failing answers, as LLM patch mode asks it for patches.
    trainer.reflectionModel = client
    let clustering = ClusteringStage(store: store, runs: store)
    let patches = PatchStages(
        inputs: StageInputs(registry: registry, clustering: clustering, store: store),
        generator: try PatchGenerator(model: client), ranker: try Ranker(model: client))
    var pipelineConfiguration = PipelineConfiguration()
    pipelineConfiguration.seed = options.seed
    pipelineConfiguration.steps = options.steps
    pipelineConfiguration.groupSize = options.groupSize
    pipelineConfiguration.batchSize = options.batchSize
    pipelineConfiguration.heldOutFraction = 0.4
    pipelineConfiguration.evolve = options.evolve != nil
    pipelineConfiguration.evolveMode = options.evolve
    let pipelineStart = ContinuousClock.now
    log(
        "allocation: \(setup.allocation.rawValue); training reward: "
            + (setup.capsNonAnswers ? "capped (as shipped)" : "the reward itself"))
    let run = try await PipelineRunner(
        backend: LocalBackend(clustering: clustering, patches: patches, trainer: trainer, runs: store),
        configuration: pipelineConfiguration
    ).run(basePromptID: base.id.description) { event in
        if case .stage(let text) = event { log("- \(text)") }
        if case .training(let progress) = event, progress.phase != .training || progress.step > 0 {
            log("  \(progress.phase.rawValue) step \(progress.step)/\(progress.steps), rollouts \(progress.rollouts)")
        }
    }
    log("pipeline: \(run.summary) (\(Int(seconds(since: pipelineStart))) s)")
    if let evolution = run.job?.result?.evolution {
        log("evolution: \(evolution.candidates.count) candidates made, \(evolution.refused.count) refused")
        for candidate in evolution.candidates {
            log(
                "  made \(candidate.patchID) (\(candidate.strategy)) after step \(candidate.step) from \(candidate.parents)"
            )
        }
        for refused in evolution.refused {
            log("  refused (\(refused.strategy)) after step \(refused.step): \(refused.reason)")
        }
    }
    return run
}
let pipelineStart = ContinuousClock.now
var runs: [PipelineRun] = []
let setups = options.setups
for setup in setups {
    runs.append(try await runPipeline(setup))
}
let pipelineSeconds = seconds(since: pipelineStart)
let run = runs[0]
let result = run.job?.result
let trainingRollouts = result?.training.rollouts ?? 0
for other in runs.dropFirst() where other.targets.map(\.ranking.selected) != run.targets.map(\.ranking.selected) {
    log("warning: the second pipeline run targeted other candidates: \(other.targets.map(\.ranking.selected))")
}

// 3. Baselines at the trainer's budget, on the pool's targeted failures and as many logged successes.
let targets = run.targets.map { target in (target, target.generation.candidates) }
let baseText = base.text
let variantPrompt: @Sendable (Variant) -> String = { variant in
    var text = baseText
    for (cluster, choice) in variant.choices.enumerated() where choice != Variant.noPatch {
        let candidate = targets[cluster].1[choice - 1]
        if text.contains(candidate.patchText) { continue }
        text =
            candidate.apply(to: text) ?? PatchOperation.append.apply(candidate.patchText, anchor: nil, to: text) ?? text
    }
    return text
}
let rankerChoice = Variant(
    targets.map { target, candidates in
        (candidates.firstIndex { $0.patchID == target.ranking.selected }).map { $0 + 1 } ?? Variant.noPatch
    })
let memberIDs = Array(
    Set(
        run.targets.flatMap { target in
            run.clustering?.result.clusters.first { $0.clusterID == target.clusterID }?.memberIDs ?? []
        })
).sorted()
let searchFailures = try await store.experiences(ids: memberIDs)
let searchSuccesses = try await store.sampleSuccesses(
    ExperienceQuery(promptID: base.id.description), count: searchFailures.count, seed: options.seed)
let searchData = searchFailures + searchSuccesses
let searchSpent = Mutex((rollouts: 0, tokens: 0))
var randomChoice = Variant(targets.map { _ in Variant.noPatch })
var randomRollouts = 0
if !targets.isEmpty, !searchData.isEmpty, trainingRollouts > 0 {
    let searchStart = ContinuousClock.now
    let outcome = try await Baselines.randomSearch(
        choiceCounts: targets.map { $0.1.count + 1 }, experienceCount: searchData.count,
        configuration: BaselineConfiguration(
            rolloutBudget: trainingRollouts, evaluationsPerVariant: min(12, searchData.count), maxConcurrentRollouts: 4,
            seed: options.seed)
    ) { variant, index in
        let experience = searchData[index]
        let request = GenerationRequest(
            systemPrompt: variantPrompt(variant), experience: experience, temperature: 1,
            maxTokens: TokenEstimate.answerCap(
                expected: experience.reference ?? experience.response, scale: 3, ceiling: options.maxTokens),
            seed: FNV1a.hash(experience.id.utf8) ^ options.seed)
        let response = try await client.generate(request)
        searchSpent.withLock {
            $0.rollouts += 1
            $0.tokens += response.usage.totalTokens
        }
        let verdict = try await verifier.scorer(for: experience.scored(underSystemPrompt: base.text))(
            response.outputs.first ?? "", finishReason: response.finishReason(of: 0))
        return RewardSample(reward: verdict.reward, tokens: response.usage.totalTokens)
    }
    randomChoice = outcome.variant
    randomRollouts = outcome.rollouts
    log("random search: \(outcome.rollouts) rollouts, chose \(outcome.variant) (\(Int(seconds(since: searchStart))) s)")
}

// 4. The fresh split under each prompt, with the same seed per question for every prompt.
/// The trainer's column: its prompt, named by whether the gate wrote it and (with several setups) by its setup.
func trainerMethod(_ result: TrainingResult?, setup: TrainerSetup) -> (name: String, prompt: String) {
    let name = result?.outcome == .written ? "trainer (written)" : "trainer's choice (not written)"
    let label = setup.label(among: setups)
    return (name + (label.isEmpty ? "" : ", " + label), result?.promptText ?? base.text)
}
let methods: [(name: String, prompt: String)] =
    [("base prompt", base.text), trainerMethod(result, setup: setups[0])]
    + [("ranker top-1", variantPrompt(rankerChoice)), ("random search", variantPrompt(randomChoice))]
    + zip(runs, setups).dropFirst().map { trainerMethod($0.job?.result, setup: $1) }
let memo = MemoizingLanguageModel(client)
let evaluationStart = ContinuousClock.now
let evaluationTokens = Mutex(0)
let verdicts = try await BoundedConcurrency.map(count: methods.count * testQuestions.count, maxConcurrency: 4) {
    index in
    let question = testQuestions[index % testQuestions.count]
    let request = GenerationRequest(
        systemPrompt: methods[index / testQuestions.count].prompt, experience: question.unanswered, temperature: 1,
        maxTokens: TokenEstimate.answerCap(expected: question.reference, scale: 3, ceiling: options.maxTokens),
        seed: FNV1a.hash(question.id.utf8) ^ options.seed)
    do {
        let response = try await memo.generate(request)
        evaluationTokens.withLock { $0 += response.usage.totalTokens }
        // Scored as the trainer scores: against the base prompt, whose facts every method's prompt shares.
        return try await verifier.scorer(for: question.unanswered.scored(underSystemPrompt: base.text))(
            response.outputs.first ?? "", finishReason: response.finishReason(of: 0)) as Verdict?
    } catch is GenerationError {
        return nil
    }
}
let evaluationSeconds = seconds(since: evaluationStart)
// Only questions every prompt answered stay, so every comparison is paired.
let kept = testQuestions.indices.filter { question in
    methods.indices.allSatisfy { verdicts[$0 * testQuestions.count + question] != nil }
}
func column(_ method: Int) -> [Verdict] { kept.map { verdicts[method * testQuestions.count + $0]! } }
if let path = options.verdictsOut {
    // One line per kept answer; appended, so a loop over seeds collects them in one file.
    struct Line: Encodable {
        var source: String
        var seed: UInt64
        var method: String
        var question: String
        var reward: Double
        var success: Bool
        var failureModes: [String]

        enum CodingKeys: String, CodingKey {
            case source, seed, method, question, reward, success
            case failureModes = "failure_modes"
        }
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    var text = ""
    for (method, entry) in methods.enumerated() {
        for (question, verdict) in zip(kept, column(method)) {
            let line = Line(
                source: options.source, seed: options.seed, method: entry.name, question: testQuestions[question].id,
                reward: verdict.reward, success: verdict.success, failureModes: verdict.failureModes.map(\.rawValue))
            text += String(decoding: try encoder.encode(line), as: UTF8.self) + "\n"
        }
    }
    if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
    guard let handle = FileHandle(forWritingAtPath: path) else { Options.usage("cannot write \(path)") }
    handle.seekToEndOfFile()
    handle.write(Data(text.utf8))
    handle.closeFile()
}
let bootstrap = BootstrapConfiguration(resamples: 4000, seed: options.seed)
func interval(_ values: [Double]) -> String {
    guard !values.isEmpty else { return "-" }
    let ci = PairedBootstrap.mean(of: values, configuration: bootstrap)
    return String(format: "%.3f [%.3f, %.3f]", ci.estimate, ci.low, ci.high)
}
func difference(_ values: [Double]) -> String {
    guard !values.isEmpty else { return "-" }
    let ci = PairedBootstrap.mean(of: values, configuration: bootstrap)
    return String(format: "%+.3f [%+.3f, %+.3f]", ci.estimate, ci.low, ci.high)
}
let measures: [(name: String, value: (Verdict) -> Double)] = [
    ("mean reward", { $0.reward }),
    ("success", { $0.success ? 1 : 0 }),
    ("hallucination", { $0.failureModes.contains(.hallucination) ? 1 : 0 }),
    ("refusal", { $0.failureModes.contains(.refusal) ? 1 : 0 }),
    ("unanswered", { $0.failureModes.contains(.unanswered) ? 1 : 0 }),
    ("missed abstention", { $0.failureModes.contains(.missedAbstention) ? 1 : 0 }),
    ("incomplete", { $0.failureModes.contains(.incomplete) ? 1 : 0 }),
    ("verbose", { $0.failureModes.contains(.verbose) ? 1 : 0 }),
]

let totalSeconds = seconds(since: started)
let totalTokens = client.usage.totalTokens
print(
    "## Real model: \(probe.servedModel ?? options.model), \(world.name) (seed \(options.seed), answers capped at "
        + "3 x the reference's tokens + 32, at most \(options.maxTokens))")
print("")
print(
    "pool: \(logged.count) logged interactions (\(logged.count { $0.isFailure() }) failures); fresh test split: "
        + "\(testQuestions.count) questions, \(kept.count) answered under every prompt")
print("pipeline: \(run.summary)")
if let result {
    print(
        String(
            format:
                "trainer: %d training rollouts (%d from memory, %d failed), gate on %d held-out: gain %+.3f [%+.3f, %+.3f], outcome %@",
            result.training.rollouts, result.training.cachedRollouts, result.training.failedRollouts,
            result.evaluation.experiences, result.evaluation.gain.estimate, result.evaluation.gain.low,
            result.evaluation.gain.high, result.outcome.rawValue))
}
func patchIDs(_ variant: Variant) -> String {
    zip(targets, variant.choices).map { target, choice in
        choice == Variant.noPatch ? "\(target.0.clusterID): no patch" : target.1[choice - 1].patchID
    }.joined(separator: ", ")
}
print("ranker top-1: \(patchIDs(rankerChoice))")
print("random search (\(randomRollouts) rollouts): \(patchIDs(randomChoice))")
for (other, setup) in zip(runs, setups) {
    let label = setups.count > 1 ? " (\(setup.label(among: setups)))" : ""
    if let result = other.job?.result, runs.count > 1 {
        print(
            String(
                format: "trainer%@: %d training rollouts, gate gain %+.3f [%+.3f, %+.3f], outcome %@", label,
                result.training.rollouts, result.evaluation.gain.estimate, result.evaluation.gain.low,
                result.evaluation.gain.high, result.outcome.rawValue))
    }
    print(
        "trainer\(label): "
            + (other.job?.result.map {
                $0.patchIDs.sorted { $0.key < $1.key }.map { $0.value ?? "\($0.key): no patch" }
                    .joined(separator: ", ")
            } ?? "no training"))
}
for (index, method) in methods.enumerated().dropFirst() where method.prompt == base.text {
    print("note: \(methods[index].name) is the base prompt itself")
}
print("")
print(
    "Fresh split, 95% bootstrap intervals (\(bootstrap.resamples) resamples); differences are paired with the base prompt:"
)
print("")
print("| measure | " + methods.map(\.name).joined(separator: " | ") + " |")
print("| --- |" + String(repeating: " --- |", count: methods.count))
for measure in measures {
    var cells = [interval(column(0).map(measure.value))]
    for method in methods.indices.dropFirst() {
        cells.append(interval(column(method).map(measure.value)))
    }
    print("| \(measure.name) | " + cells.joined(separator: " | ") + " |")
}
for measure in measures.prefix(3) {
    var cells = ["-"]
    for method in methods.indices.dropFirst() {
        cells.append(difference(zip(column(method), column(0)).map { measure.value($0) - measure.value($1) }))
    }
    print("| \(measure.name): change from base | " + cells.joined(separator: " | ") + " |")
}
print("")
print(
    String(
        format:
            "spend: %d tokens in all (%d in the fresh-split evaluation, %d answers from memory); logging %.0f s, pipeline %.0f s, fresh split %.0f s, total %.0f s; %.1f tokens/s overall",
        totalTokens, evaluationTokens.withLock { $0 }, memo.hits, logSeconds, pipelineSeconds, evaluationSeconds,
        totalSeconds, Double(totalTokens) / totalSeconds))
