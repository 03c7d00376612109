// Verifier quality and speed on HaluEval dialogue (run in release mode; see Benchmarks/README.md):
//     swift run -c release VerifierBenchmark [path/to/halueval_dialogue_data.json]
//     swift run -c release VerifierBenchmark --dump-features FEATURES.tsv [path/to/halueval_dialogue_data.json]
// Each record is scored twice, the right response and the hallucinated one, both WITHOUT a reference: grounding is
// against the knowledge field and the dialogue history only. The records are split in two by a seeded hash of the
// record index; the grounding model and its threshold were fitted on the fitting half only
// (Scripts/fit_grounding_model.py reads the --dump-features file), and every figure is reported on the other half.
import Experiences
import Foundation
import Verification

struct HaluEvalRecord: Decodable {
    var knowledge: String
    var dialogueHistory: String
    var rightResponse: String
    var hallucinatedResponse: String

    enum CodingKeys: String, CodingKey {
        case knowledge
        case dialogueHistory = "dialogue_history"
        case rightResponse = "right_response"
        case hallucinatedResponse = "hallucinated_response"
    }
}

struct Scored {
    var hallucinated: Bool
    var risk: Double
    var flagged: Bool
    var reward: Double
    var words: Int
}

/// SplitMix64's output function: a seeded hash of the record index, to split the data reproducibly.
func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

/// (true-positive rate + true-negative rate) / 2 of a flag.
func balancedAccuracy(_ items: [Scored], flag: (Scored) -> Bool) -> Double {
    let positives = items.filter(\.hallucinated)
    let negatives = items.filter { !$0.hallucinated }
    guard !positives.isEmpty, !negatives.isEmpty else { return .nan }
    let tpr = Double(positives.filter(flag).count) / Double(positives.count)
    let tnr = Double(negatives.filter { !flag($0) }.count) / Double(negatives.count)
    return (tpr + tnr) / 2
}

/// The threshold on `score` that maximises balanced accuracy of `score >= t` on `items` (searched over its values).
func bestThreshold(_ items: [Scored], score: (Scored) -> Double) -> (threshold: Double, balancedAccuracy: Double) {
    var best = (threshold: Double.infinity, balancedAccuracy: 0.5)
    for candidate in Set(items.map(score)).sorted() {
        let value = balancedAccuracy(items) { score($0) >= candidate }
        if value > best.balancedAccuracy { best = (candidate, value) }
    }
    return best
}

/// P(score of a random hallucinated response > score of a random right one), ties counting one half
/// (Mann-Whitney U / (n+ n-)).
func auroc(positives: [Double], negatives: [Double]) -> Double {
    let all = (positives.map { ($0, true) } + negatives.map { ($0, false) }).sorted { $0.0 < $1.0 }
    var rankSum = 0.0
    var index = 0
    while index < all.count {
        var end = index
        while end < all.count && all[end].0 == all[index].0 { end += 1 }
        let rank = Double(index + end + 1) / 2
        for position in index..<end where all[position].1 { rankSum += rank }
        index = end
    }
    let n1 = Double(positives.count)
    let n0 = Double(negatives.count)
    return (rankSum - n1 * (n1 + 1) / 2) / (n1 * n0)
}

func auroc(_ items: [Scored], score: (Scored) -> Double) -> Double {
    auroc(positives: items.filter(\.hallucinated).map(score), negatives: items.filter { !$0.hallucinated }.map(score))
}

func format(_ value: Double) -> String { String(format: "%.4f", value) }

var arguments = Array(CommandLine.arguments.dropFirst())
var dumpPath: String?
if let index = arguments.firstIndex(of: "--dump-features"), index + 1 < arguments.count {
    dumpPath = arguments[index + 1]
    arguments.removeSubrange(index...(index + 1))
}
let defaultPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/halueval_dialogue_data.json")
    .path
let path = arguments.first ?? defaultPath
guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
    print("cannot read \(path); pass the path to halueval_dialogue_data.json")
    exit(1)
}
let decoder = JSONDecoder()
let records = try text.split(separator: "\n").map { try decoder.decode(HaluEvalRecord.self, from: Data($0.utf8)) }
let splitSeed: UInt64 = 20_251_128
let isFit = records.indices.map { mix(splitSeed ^ UInt64($0)) & 1 == 0 }

let verifier = try Verifier()
var fit: [Scored] = []
var held: [Scored] = []
var dump = "record\tsplit\thallucinated\twords\t" + GroundingFeatures.names.joined(separator: "\t")
    + "\tfabricated_sentences\tunsupported_words\tknowledge_words\n"
for (index, record) in records.enumerated() {
    let experience = Experience(
        id: "halueval-\(index)", input: record.dialogueHistory, context: record.knowledge, response: "")
    let prepared = verifier.prepare(experience)
    let knowledgeWords = dumpPath == nil ? "" : Set(Verifier.comparisonForms(of: record.knowledge)).sorted()
        .joined(separator: " ")
    for (response, hallucinated) in [(record.rightResponse, false), (record.hallucinatedResponse, true)] {
        let analysis = verifier.analyse(output: response, for: prepared)
        let verdict = verifier.verify(output: response, for: prepared)
        let scored = Scored(
            hallucinated: hallucinated, risk: analysis.risk, flagged: verdict.hallucination, reward: verdict.reward,
            words: analysis.wordCount)
        if isFit[index] { fit.append(scored) } else { held.append(scored) }
        if dumpPath != nil {
            let values = analysis.features.values.map { String($0) }.joined(separator: "\t")
            dump += "\(index)\t\(isFit[index] ? "fit" : "held")\t\(hallucinated ? 1 : 0)\t\(analysis.wordCount)\t\(values)"
                + "\t\(analysis.fabricatedSentences)\t\(analysis.unsupportedWords.joined(separator: " "))\t\(knowledgeWords)\n"
        }
    }
}
if let dumpPath {
    try dump.write(toFile: dumpPath, atomically: true, encoding: .utf8)
    print("wrote features of \(fit.count + held.count) responses to \(dumpPath)")
    exit(0)
}

let threshold = verifier.configuration.hallucinationThreshold
let refit = bestThreshold(fit, score: \.risk)
print("HaluEval dialogue: \(records.count) records, \(2 * records.count) responses, no reference")
print("split: seeded hash (seed \(splitSeed)) of the record index; fitting half \(fit.count / 2) records, "
    + "held-out half \(held.count / 2) records; the grounding model was fitted on the fitting half only; "
    + "all figures below are on the held-out half")
print("flag threshold (risk) in VerifierConfiguration = \(format(threshold)); "
    + "re-searched on the fitting half: \(format(refit.threshold)) (balanced accuracy there \(format(refit.balancedAccuracy)))")
print("hallucination flag balanced accuracy = \(format(balancedAccuracy(held) { $0.flagged }))")
print("risk AUROC = \(format(auroc(held, score: \.risk))); "
    + "reward AUROC (right response rewarded above hallucinated) = \(format(auroc(held) { -$0.reward }))")

// Length-only baseline: flag when the word count is at least a threshold fitted on the fitting half.
let lengthFit = bestThreshold(fit) { Double($0.words) }
print("length-only baseline (flag when words >= \(Int(lengthFit.threshold)), fitted on the fitting half): "
    + "balanced accuracy \(format(balancedAccuracy(held) { Double($0.words) >= lengthFit.threshold })), "
    + "AUROC \(format(auroc(held) { Double($0.words) }))")

// Length bands: quartiles of the word count over all 20,000 responses.
let sortedWords = (fit + held).map(\.words).sorted()
let cuts = [sortedWords.count / 4, sortedWords.count / 2, 3 * sortedWords.count / 4].map { sortedWords[$0] }
let bounds = [Int.min] + cuts + [Int.max]
print("by response length (quartiles of word count over all responses), held-out half:")
for band in 0..<4 {
    let items = held.filter { $0.words > bounds[band] && $0.words <= bounds[band + 1] }
    let low = band == 0 ? 1 : bounds[band] + 1
    let high = band == 3 ? "max" : String(bounds[band + 1])
    let positives = items.filter(\.hallucinated).count
    print("  words \(low)-\(high): \(items.count) responses (\(positives) hallucinated), "
        + "flag balanced accuracy \(format(balancedAccuracy(items) { $0.flagged })), "
        + "risk AUROC \(format(auroc(items, score: \.risk))); length-only: balanced accuracy "
        + "\(format(balancedAccuracy(items) { Double($0.words) >= lengthFit.threshold })), "
        + "AUROC \(format(auroc(items) { Double($0.words) }))")
}

// Throughput: prepare + verify every response, three passes, best pass reported.
let clock = ContinuousClock()
var best = Duration.seconds(1_000)
var checksum = 0.0
for _ in 0..<3 {
    let elapsed = clock.measure {
        for (index, record) in records.enumerated() {
            let prepared = verifier.prepare(
                Experience(id: "\(index)", input: record.dialogueHistory, context: record.knowledge, response: ""))
            checksum += verifier.verify(output: record.rightResponse, for: prepared).reward
            checksum += verifier.verify(output: record.hallucinatedResponse, for: prepared).reward
        }
    }
    best = min(best, elapsed)
}
let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18
let perSecond = Double(2 * records.count) / seconds
print("throughput: \(2 * records.count) responses in \(String(format: "%.3f", seconds)) s "
    + "(\(Int(perSecond)) responses/s; 10,000 responses in \(String(format: "%.3f", 10_000 / perSecond)) s) "
    + "[checksum \(String(format: "%.1f", checksum / 3))]")
