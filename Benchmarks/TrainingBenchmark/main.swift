// The RL trainer's benchmark (see Benchmarks/README.md, "RL trainer"):
//
// 1. On simulator scenarios whose best variant is known exactly, GRPO against the ranker's top-1, random search and
//    every variant with the budget split evenly, at equal rollout budgets over many seeds: how often each finds the
//    best variant, its held-out reward gain over the base prompt (fresh seeds), and the rollouts it used.
// 2. Throughput: a whole training job against a fake OpenAI-compatible endpoint (Hummingbird, in process) that
//    answers after 50 ms, through `OpenAIClient`, with at most 16 calls in flight (ideal: 320 calls per second).
//
//     swift run -c release --package-path Benchmarks TrainingBenchmark [--seeds N] [--budgets 320,640,1280] [--only comparison|throughput]
import AsyncHTTPClient
import Foundation
import LanguageModels
import Logging
import NIOCore
import OpenAIClient
import RLTraining
import TrainingScenarios
import Verification

var seedCount = 20
var budgets = [320, 640, 1280]
var only: String?
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    switch (flag, arguments.popFirst()) {
    case ("--seeds", let value?) where Int(value) != nil: seedCount = Int(value)!
    case ("--budgets", let value?): budgets = value.split(separator: ",").compactMap { Int($0) }
    case ("--only", let value?) where ["comparison", "throughput"].contains(value): only = value
    default:
        FileHandle.standardError.write(
            Data("usage: TrainingBenchmark [--seeds N] [--budgets 320,640,1280] [--only comparison|throughput]\n".utf8))
        exit(2)
    }
}

func format(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }
func signed(_ value: Double) -> String { String(format: "%+.3f", value) }
func padded(_ text: String, _ width: Int) -> String {
    text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
}

if only != "throughput" {
    print("## Method comparison (SIMULATED: every figure below comes from the built-in simulator, not a real model)")
    print("seeds 1...\(seedCount) per scenario; held-out gain = mean over the held-out 30% x 4 fresh seeds of")
    print("reward(chosen variant) - reward(base prompt), paired; 'found best' = chose the variant with the highest")
    print("exact expected reward (from the effect table and the verifier); exact regret = that reward minus the")
    print("chosen variant's exact expected reward.")
    let verifier = try Verifier()
    for scenario in [Scenario.rankerMisled(scale: 3), Scenario.abstentionTradeOff(scale: 3), Scenario.wide(scale: 3)] {
        let values = try VariantValues(scenario, verifier: verifier)
        let base = Variant(Array(repeating: 0, count: scenario.clusters.count))
        print("")
        print(
            "### \(scenario.name): \(values.ranked.count) variants, \(scenario.experiences.count) experiences; best "
                + "\(values.best) (ranker's favourite \(scenario.rankerFavourite)); exact reward base "
                + "\(format(values.value(of: base))), best \(format(values.bestValue)), margin over runner-up "
                + "\(format(values.margin, 4)) (runner-up \(values.ranked[1].variant))")
        let comparison = try MethodComparison(scenario: scenario, verifier: verifier)
        for budget in budgets {
            var found: [MethodComparison.Method: Int] = [:]
            var gains: [MethodComparison.Method: [Double]] = [:]
            var rollouts: [MethodComparison.Method: [Int]] = [:]
            var regrets: [MethodComparison.Method: [Double]] = [:]
            for seed in 1...UInt64(seedCount) {
                for (method, outcome) in try await comparison.run(seed: seed, budget: budget) {
                    found[method, default: 0] += outcome.variant == values.best ? 1 : 0
                    gains[method, default: []].append(outcome.heldOutGain)
                    rollouts[method, default: []].append(outcome.rollouts)
                    regrets[method, default: []].append(values.bestValue - values.value(of: outcome.variant))
                }
            }
            print("")
            print(
                "budget \(budget) rollouts; exact gain of the best variant \(signed(values.bestValue - values.value(of: base)))"
            )
            print("| method | found best | exact regret (mean) | held-out gain (mean ± sd) | rollouts (mean) |")
            print("| --- | --- | --- | --- | --- |")
            for method in MethodComparison.Method.allCases {
                let gain = gains[method] ?? []
                let mean = gain.reduce(0, +) / Double(max(gain.count, 1))
                let sd = (gain.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(gain.count - 1, 1)))
                    .squareRoot()
                let used = rollouts[method] ?? []
                let regret = (regrets[method] ?? []).reduce(0, +) / Double(seedCount)
                print(
                    "| \(padded(method.rawValue, 25)) | \(found[method] ?? 0)/\(seedCount) | \(format(regret)) | "
                        + "\(signed(mean)) ± \(format(sd)) | "
                        + "\(format(Double(used.reduce(0, +)) / Double(max(used.count, 1)), 0)) |")
            }
        }
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
