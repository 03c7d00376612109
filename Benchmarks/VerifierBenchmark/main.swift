// Verifier grounding quality across domains, and speed (run in release mode; see Benchmarks/README.md):
//     swift run -c release --package-path Benchmarks VerifierBenchmark [DIALOGUE.json SUMMARIZATION.jsonl]
//     swift run -c release --package-path Benchmarks VerifierBenchmark --dump-features FEATURES.tsv [DIALOGUE.json SUMMARIZATION.jsonl]
// Data: HaluEval dialogue (context = knowledge, input = dialogue history) and HaluEval summarization (context =
// document, empty input); each record's right and hallucinated response are scored WITHOUT a reference. Each file is
// split in two by a seeded hash of the record index (GroundingFitData.isFitting). The benchmark fits the grounding
// model's logistic weights itself (GroundingModelFit: the same L2-regularised loss as Scripts/fit_grounding_model.py,
// which writes the shipped resource from the --dump-features table, with the same sign constraints) on fitting-half rows only, chooses every method's flag threshold on
// those rows only, and reports on held-out rows only:
//   dialogue → summarization, summarization → dialogue, union → union (both fitting halves → both held-out halves).
import Experiences
import Foundation
import Verification

/// One scored response: label, domain, split, length and features.
struct Row {
    var domain: String
    var fitting: Bool
    var hallucinated: Bool
    var words: Int
    var features: [Double]
    var unsupportedShare: Double
}

/// P(score of a random hallucinated response > score of a right one), ties counting one half.
func auroc(_ scores: [Double], _ labels: [Bool]) -> Double {
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSum = 0.0
    var index = 0
    while index < order.count {
        var end = index
        while end < order.count && scores[order[end]] == scores[order[index]] { end += 1 }
        let rank = Double(index + end + 1) / 2
        for position in index..<end where labels[order[position]] { rankSum += rank }
        index = end
    }
    let n1 = Double(labels.filter { $0 }.count)
    let n0 = Double(labels.count) - n1
    return (rankSum - n1 * (n1 + 1) / 2) / (n1 * n0)
}

/// Balanced accuracy within each decile of response word count (cut at the evaluated set's word-count deciles;
/// equal cuts merge, so there may be fewer than ten bins; a bin without both labels is skipped): (mean, min, bins).
func withinDeciles(_ rows: [Row], _ flagged: [Bool]) -> (mean: Double, min: Double, bins: Int) {
    let sorted = rows.map(\.words).sorted()
    let cuts = Array(Set((1..<10).map { sorted[$0 * sorted.count / 10] })).sorted()
    var bins: [[Int]] = Array(repeating: [], count: cuts.count + 1)
    for (index, row) in rows.enumerated() {
        bins[cuts.firstIndex { row.words <= $0 } ?? cuts.count].append(index)
    }
    let values = bins.compactMap { bin -> Double? in
        let value = GroundingModelFit.balancedAccuracy(bin.map { rows[$0].hallucinated }, bin.map { flagged[$0] })
        return value.isNaN ? nil : value
    }
    return (values.reduce(0, +) / Double(values.count), values.min() ?? .nan, values.count)
}

func format(_ value: Double) -> String { String(format: "%.3f", value) }

// MARK: - Data

var arguments = Array(CommandLine.arguments.dropFirst())
var dumpPath: String?
if let index = arguments.firstIndex(of: "--dump-features"), index + 1 < arguments.count {
    dumpPath = arguments[index + 1]
    arguments.removeSubrange(index...(index + 1))
}
let dataDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")
let dialoguePath =
    arguments.count > 0 ? arguments[0] : dataDirectory.appendingPathComponent("halueval_dialogue_data.json").path
let summarizationPath =
    arguments.count > 1
    ? arguments[1] : dataDirectory.appendingPathComponent("halueval_summarization_sample.jsonl").path
guard let dialogueText = try? String(contentsOfFile: dialoguePath, encoding: .utf8),
    let summarizationText = try? String(contentsOfFile: summarizationPath, encoding: .utf8)
else {
    print("cannot read \(dialoguePath) and \(summarizationPath); pass the two HaluEval files")
    exit(1)
}
let items =
    try GroundingFitData.dialogue(jsonLines: dialogueText)
    + GroundingFitData.summarization(jsonLines: summarizationText)

// Features do not depend on the model; this verifier only computes them (and never reads the shipped resource).
let featureVerifier = try Verifier(
    configuration: VerifierConfiguration(
        groundingModel: GroundingModel(intercept: 0, featureWeights: GroundingFeatures.names.map { _ in 0 }),
        hallucinationThreshold: 0.5))
var rows: [Row] = []
var dump = GroundingFitData.header
var lastExperience = ""
var prepared = featureVerifier.prepare(items[0].experience)
for item in items {
    if item.experience.id != lastExperience {
        prepared = featureVerifier.prepare(item.experience)
        lastExperience = item.experience.id
    }
    let analysis = featureVerifier.analyse(output: item.response, for: prepared)
    rows.append(
        Row(
            domain: item.domain, fitting: item.fitting, hallucinated: item.hallucinated, words: analysis.wordCount,
            features: analysis.features.values, unsupportedShare: analysis.features.unsupportedShare))
    if dumpPath != nil { dump += GroundingFitData.row(item, analysis: analysis) }
}
if let dumpPath {
    try dump.write(toFile: dumpPath, atomically: true, encoding: .utf8)
    print("wrote features of \(rows.count) responses to \(dumpPath)")
    exit(0)
}

// MARK: - Cross-domain table

let experiments: [(name: String, fit: (Row) -> Bool, evaluate: (Row) -> Bool)] = [
    (
        "dialogue → summarization", { $0.domain == "dialogue" && $0.fitting },
        { $0.domain == "summarization" && !$0.fitting }
    ),
    (
        "summarization → dialogue", { $0.domain == "summarization" && $0.fitting },
        { $0.domain == "dialogue" && !$0.fitting }
    ),
    ("union → union (held-out half)", { $0.fitting }, { !$0.fitting }),
]
print(
    "HaluEval dialogue \(rows.filter { $0.domain == "dialogue" }.count / 2) records and summarization "
        + "\(rows.filter { $0.domain == "summarization" }.count / 2) records; right and hallucinated response each, no reference"
)
print(
    "fit rows = fitting half of the source domain(s) (seed \(GroundingFitData.splitSeed)); evaluated rows = held-out "
        + "half of the target; thresholds chosen on fit rows (the union weights each domain equally); 'oracle' rows use "
        + "the threshold best on the evaluated rows and only show ranking quality")
print("| fit → evaluate | method | balanced accuracy | mean within deciles | min within deciles | deciles | AUROC |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
var unionModel: GroundingModel?
for experiment in experiments {
    let fit = rows.filter(experiment.fit)
    let evaluated = rows.filter(experiment.evaluate)
    let fitWeights = GroundingModelFit.domainWeights(fit.map(\.domain))
    let model = GroundingModelFit.fitDirected(
        fit.map(\.features), fit.map(\.hallucinated), weights: fitWeights, l2: GroundingModelFit.l2)
    if experiment.name.hasPrefix("union") { unionModel = model }
    func logit(_ row: Row) -> Double { model.intercept + zip(model.featureWeights, row.features).map(*).reduce(0, +) }
    let lengthSign: Double = {
        let up = GroundingModelFit.bestThreshold(
            fit.map { Double($0.words) }, fit.map(\.hallucinated), weights: fitWeights)
        let down = GroundingModelFit.bestThreshold(
            fit.map { -Double($0.words) }, fit.map(\.hallucinated), weights: fitWeights)
        let upValue = GroundingModelFit.balancedAccuracy(
            fit.map(\.hallucinated), fit.map { Double($0.words) >= up }, weights: fitWeights)
        let downValue = GroundingModelFit.balancedAccuracy(
            fit.map(\.hallucinated), fit.map { -Double($0.words) >= down }, weights: fitWeights)
        return upValue >= downValue ? 1 : -1
    }()
    let methods: [(String, (Row) -> Double)] = [
        ("grounding model", logit),
        ("naive overlap (unsupported share)", { $0.unsupportedShare }),
        (
            lengthSign > 0 ? "length only (longer = flagged)" : "length only (shorter = flagged)",
            { lengthSign * Double($0.words) }
        ),
    ]
    for (name, score) in methods {
        let threshold = GroundingModelFit.bestThreshold(fit.map(score), fit.map(\.hallucinated), weights: fitWeights)
        let scores = evaluated.map(score)
        let labels = evaluated.map(\.hallucinated)
        let oracle = GroundingModelFit.bestThreshold(
            scores, labels, weights: GroundingModelFit.domainWeights(evaluated.map(\.domain)))
        for (label, cut) in [("", threshold), (" [oracle threshold]", oracle)] {
            let flagged = scores.map { $0 >= cut }
            let strata = withinDeciles(evaluated, flagged)
            print(
                "| \(experiment.name) | \(name)\(label) | \(format(GroundingModelFit.balancedAccuracy(labels, flagged))) | "
                    + "\(format(strata.mean)) | \(format(strata.min)) | \(strata.bins) | \(format(auroc(scores, labels))) |"
            )
        }
    }
}

// MARK: - The shipped model, as the verifier uses it

let shipped = GroundingModel.bundled
print(
    "shipped model (grounding-model.json): threshold \(format(shipped.threshold)); max |weight − this run's union fit| = "
        + String(
            format: "%.2g",
            zip(
                shipped.model.featureWeights + [shipped.model.intercept],
                unionModel!.featureWeights + [unionModel!.intercept]
            ).map { abs($0 - $1) }.max()!))
let verifier = try Verifier()
var verdictRows: [(row: Row, flagged: Bool, risk: Double)] = []
for (item, row) in zip(items, rows) where !item.fitting {
    let prepared = verifier.prepare(item.experience)
    let verdict = verifier.verify(output: item.response, for: prepared)
    verdictRows.append((row, verdict.hallucination, verifier.analyse(output: item.response, for: prepared).risk))
}
for domain in ["dialogue", "summarization", "both"] {
    let selected = verdictRows.filter { domain == "both" || $0.row.domain == domain }
    let labels = selected.map(\.row.hallucinated)
    let strata = withinDeciles(selected.map(\.row), selected.map(\.flagged))
    let riskOnly = selected.map { $0.risk >= verifier.configuration.hallucinationThreshold }
    print(
        "verifier flag (risk ≥ threshold, plus the conflicting-number and fabricated-sentence rules), held-out \(domain): "
            + "balanced accuracy \(format(GroundingModelFit.balancedAccuracy(labels, selected.map(\.flagged)))), within deciles mean "
            + "\(format(strata.mean)) min \(format(strata.min)); risk alone \(format(GroundingModelFit.balancedAccuracy(labels, riskOnly))); "
            + "risk AUROC \(format(auroc(selected.map(\.risk), labels)))")
}

// MARK: - Throughput

let clock = ContinuousClock()
var best = Duration.seconds(1_000)
var checksum = 0.0
let dialogueItems = items.filter { $0.domain == "dialogue" }
for _ in 0..<3 {
    let elapsed = clock.measure {
        var index = 0
        while index + 1 < dialogueItems.count {
            let prepared = verifier.prepare(dialogueItems[index].experience)
            checksum += verifier.verify(output: dialogueItems[index].response, for: prepared).reward
            checksum += verifier.verify(output: dialogueItems[index + 1].response, for: prepared).reward
            index += 2
        }
    }
    best = min(best, elapsed)
}
let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18
let perSecond = Double(dialogueItems.count) / seconds
print(
    "throughput (HaluEval dialogue, prepare + verify): \(dialogueItems.count) responses in "
        + "\(String(format: "%.3f", seconds)) s (\(Int(perSecond)) responses/s) [checksum \(String(format: "%.1f", checksum / 3))]"
)
