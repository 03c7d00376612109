// The RL trainer's benchmark (see Benchmarks/README.md, "RL trainer"):
//
// 1. On ten simulator scenarios whose best variant is known exactly, GRPO with successive halving against GRPO as
//    before, the ranker's top-1, random search, every variant with the budget split evenly and successive halving
//    over whole variants, at equal rollout budgets over many seeds: how often each finds the best variant, its
//    exact regret, and the rollouts it used.
// 2. Throughput: a whole training job against a fake OpenAI-compatible endpoint (Hummingbird, in process) that
//    answers after 50 ms, through `OpenAIClient`, with at most 16 calls in flight (ideal: 320 calls per second).
// 3. `--only gate-null`: how often the held-out gate's rule would write a version no better than the base prompt,
//    with the plain and the expanded percentile bootstrap; how often its guardrails would block a version that
//    changes nothing; and one rate guardrail's power against a true rise (`GateNull`).
//
//     swift run -c release --package-path Benchmarks TrainingBenchmark [--seeds N] [--first-seed S] [--budgets 320,1280,5000] [--scenarios 1,2,...] [--only comparison|throughput|gate-null]
import AsyncHTTPClient
import Evaluation
import Foundation
import LanguageModels
import Logging
import NIOCore
import OpenAIClient
import RLTraining
import TrainingScenarios
import Verification

var seedCount = 20
// Seeds S...S+N-1; a constant chosen on the table's seeds (1...20) is checked on others (say, 1001...1200).
var firstSeed: UInt64 = 1
var budgets = [320, 1280, 5000]
var only: String?
var scenarioFilter: Set<Int>?
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    switch (flag, arguments.popFirst()) {
    case ("--seeds", let value?) where (Int(value) ?? 0) > 0: seedCount = Int(value)!
    case ("--first-seed", let value?) where UInt64(value) != nil: firstSeed = UInt64(value)!
    case ("--budgets", let value?): budgets = value.split(separator: ",").compactMap { Int($0) }
    case ("--scenarios", let value?): scenarioFilter = Set(value.split(separator: ",").compactMap { Int($0) })
    case ("--only", let value?) where ["comparison", "throughput", "gate-null"].contains(value): only = value
    default:
        FileHandle.standardError.write(
            Data(
                "usage: TrainingBenchmark [--seeds N] [--first-seed S] [--budgets 320,1280,5000] [--scenarios 1,2,...] [--only comparison|throughput|gate-null]\n"
                    .utf8))
        exit(2)
    }
}
guard case (let end, false) = firstSeed.addingReportingOverflow(UInt64(seedCount)) else {
    FileHandle.standardError.write(Data("--first-seed S: S + N must fit in 64 bits\n".utf8))
    exit(2)
}
let seeds = Array(firstSeed..<end)

func format(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }
func signed(_ value: Double) -> String { String(format: "%+.3f", value) }

if only == "gate-null" {
    try GateNull(trials: 4000, sizes: [20, 24, 40, 80]).run()
    exit(0)
}
if only != "throughput" {
    print("## Method comparison (SIMULATED: every figure below comes from the built-in simulator, not a real model)")
    print(
        "seeds \(seeds.first!)...\(seeds.last!) per scenario; 'found best' = chose the variant with the highest exact expected reward"
    )
    print("(from the effect table and the verifier), with Wilson's 95% interval; regret = that reward minus the chosen")
    print("variant's exact expected reward: median over seeds with its order-statistic interval (>= 95%).")
    let verifier = try Verifier()
    typealias Method = MethodComparison.Method
    // medians[budget][scenario][method]
    var medians: [Int: [String: [Method: Double]]] = [:]
    var foundCounts: [Int: [String: [Method: Int]]] = [:]
    for (number, compared) in ComparedScenario.catalogue.enumerated() where scenarioFilter?.contains(number + 1) ?? true
    {
        let scenario = compared.scenario
        let values = try VariantValues(scenario, verifier: verifier)
        let base = Variant(Array(repeating: 0, count: scenario.clusters.count))
        print("")
        print(
            "### \(number + 1). \(compared.name): \(values.ranked.count) variants, \(scenario.experiences.count) experiences; "
                + "best \(values.best) (ranker's favourite \(scenario.rankerFavourite)); exact reward base "
                + "\(format(values.value(of: base))), best \(format(values.bestValue)), margin over runner-up "
                + "\(format(values.margin, 4)) (runner-up \(values.ranked[1].variant))")
        let comparison = try MethodComparison(
            compared, verifier: verifier, finalists: (best: values.best, runnerUp: values.ranked[1].variant))
        // Two seeds at a time (the machine has two cores); results are placed by seed.
        var perSeed = [[Int: [Method: MethodComparison.Outcome]]?](repeating: nil, count: seeds.count)
        try await withThrowingTaskGroup(of: (Int, [Int: [Method: MethodComparison.Outcome]]).self) { group in
            var next = 0
            func add() {
                let index = next
                next += 1
                group.addTask { (index, try await comparison.run(seed: seeds[index], budgets: budgets)) }
            }
            for _ in 0..<min(2, seeds.count) { add() }
            while let (index, result) = try await group.next() {
                perSeed[index] = result
                if next < seeds.count { add() }
            }
        }
        for budget in budgets {
            print("")
            print(
                "budget \(budget) rollouts; exact gain of the best variant \(signed(values.bestValue - values.value(of: base)))"
            )
            print("| method | found best [95% CI] | median regret [95% CI] | mean regret | rollouts (mean) |")
            print("| --- | --- | --- | ---: | ---: |")
            for method in Method.allCases {
                let outcomes = perSeed.map { $0![budget]![method]! }
                let found = outcomes.count { $0.variant == values.best }
                let regrets = outcomes.map { values.bestValue - values.value(of: $0.variant) }
                let share = RateInterval.wilson(found, of: outcomes.count)
                let median = Intervals.median(regrets)
                medians[budget, default: [:]][compared.name, default: [:]][method] = median.median
                foundCounts[budget, default: [:]][compared.name, default: [:]][method] = found
                print(
                    "| \(method.rawValue) | \(found)/\(outcomes.count) [\(format(share.low, 2)), \(format(share.high, 2))] | "
                        + "\(format(median.median)) [\(format(median.low)), \(format(median.high))] | "
                        + "\(format(regrets.reduce(0, +) / Double(regrets.count))) | "
                        + "\(format(Double(outcomes.map(\.rollouts).reduce(0, +)) / Double(outcomes.count), 0)) |")
            }
        }
    }
    print("")
    print("### Targets (issue 15): new trainer's median regret <= the best baseline's; at 320 also < GRPO as before")
    print(
        "| budget | scenarios where new <= best baseline | at 320: new < GRPO as before | found best at 320: new / GRPO as before / oracle pair |"
    )
    print("| ---: | --- | --- | --- |")
    for budget in budgets {
        let byScenario = medians[budget] ?? [:]
        let met = byScenario.filter { _, methods in
            let best = methods.filter { $0.key.isBaseline }.map(\.value).min() ?? .infinity
            return (methods[.grpoHalving] ?? .infinity) <= best + 1e-12
        }.count
        let beatsGRPO = byScenario.filter { ($0.value[.grpoHalving] ?? .infinity) < ($0.value[.grpo] ?? 0) }.count
        let found = (foundCounts[budget] ?? [:]).sorted { $0.key < $1.key }.map {
            "\($0.key) \($0.value[.grpoHalving] ?? 0)/\($0.value[.grpo] ?? 0)/\($0.value[.oraclePair] ?? 0)"
        }
        print(
            "| \(budget) | \(met) of \(byScenario.count) | \(beatsGRPO) of \(byScenario.count) | "
                + "\(budget == 320 ? found.joined(separator: "; ") : "") |")
    }
    // The count compares unrounded medians, so a tie at three decimals may be a loss: name the losses in full.
    print("")
    print("Where the new trainer's median regret is above the best baseline's (unrounded, new against best):")
    for budget in budgets {
        let losses = (medians[budget] ?? [:]).sorted { $0.key < $1.key }.compactMap { name, methods -> String? in
            let best = methods.filter { $0.key.isBaseline }.map(\.value).min() ?? .infinity
            let new = methods[.grpoHalving] ?? .infinity
            return new <= best + 1e-12 ? nil : "\(name) \(format(new, 6)) > \(format(best, 6))"
        }
        print("- \(budget): \(losses.isEmpty ? "none" : losses.joined(separator: "; "))")
    }
    print("")
}

if only != "comparison" {
    print("## Throughput (50 ms per call, at most 16 in flight: ideal 320 calls/s)")
    let steps = 30
    let logger = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
    let runs = try await FakeChatServer.withServer(delay: .milliseconds(50)) { baseURL in
        var results: [Throughput] = []
        for connections in [16, 8] {
            var httpConfiguration = HTTPClient.Configuration()
            httpConfiguration.connectionPool = .init(
                idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
            let client = OpenAIClient(
                configuration: OpenAIClientConfiguration(
                    baseURL: baseURL, model: "fake-50ms", maxConcurrentRequests: 16),
                httpClient: http, logger: logger)
            // Warm-up: open the connections before timing.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<32 {
                    group.addTask {
                        _ = try await client.generate(
                            GenerationRequest(systemPrompt: "warm-up", userTurn: "ping \(index)", maxTokens: 8))
                    }
                }
                try await group.waitForAll()
            }
            let label = "OpenAIClient -> Hummingbird fake (HTTP pool \(connections) connections/host)"
            do {
                if connections == 16 {
                    results.append(
                        try await Throughput.measureModelAlone(
                            model: client, label: "no trainer, client alone: " + label, calls: 1920))
                }
                results.append(try await Throughput.measure(model: client, label: "trainer: " + label, steps: steps))
                if connections == 16 {
                    results.append(
                        try await Throughput.measure(
                            model: client, label: "trainer, B = 16: " + label, steps: steps / 2, batchSize: 16))
                    results.append(
                        try await Throughput.measure(
                            model: client, label: "trainer, B = 32: " + label, steps: steps / 4, batchSize: 32))
                }
            } catch {
                try await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
        return results
    }
    let stand = try await Throughput.measure(
        model: SleepingModel(delay: .milliseconds(50)),
        label: "trainer: SleepingModel (no HTTP; trainer overhead only)",
        steps: steps)
    print(
        "| model | training rollouts | training s | training calls/s | % of 320 | whole job calls | job s | job calls/s |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for run in runs + [stand] {
        print(
            "| \(run.label) | \(run.trainingRollouts) | \(format(run.trainingSeconds, 2)) | \(format(run.trainingRate, 1)) | "
                + "\(format(100 * run.trainingRate / 320, 1))% | \(run.jobCalls) | \(format(run.jobSeconds, 2)) | "
                + "\(format(run.jobRate, 1)) |")
    }
}
