// Verifier quality and speed on HaluEval dialogue (run in release mode; see Benchmarks/README.md):
//     swift run -c release VerifierBenchmark [path/to/halueval_dialogue_data.json]
// Each record is scored twice, the right response and the hallucinated one, both WITHOUT a reference: grounding is
// against the knowledge field and the dialogue history only. The flag threshold is fitted on one half of the records
// (chosen by a seeded hash of the record index) and every figure is reported on the other half.
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

func balancedAccuracy(_ items: [Scored], threshold: Double) -> Double {
    let positives = items.filter(\.hallucinated)
    let negatives = items.filter { !$0.hallucinated }
    guard !positives.isEmpty, !negatives.isEmpty else { return .nan }
    let tpr = Double(positives.filter { $0.risk >= threshold }.count) / Double(positives.count)
    let tnr = Double(negatives.filter { $0.risk < threshold }.count) / Double(negatives.count)
    return (tpr + tnr) / 2
}

/// P(score of a random grounded response > score of a random hallucinated one), ties counting one half
/// (Mann-Whitney U / (n+ n-)).
func auroc(grounded: [Double], hallucinated: [Double]) -> Double {
    let all = (grounded.map { ($0, true) } + hallucinated.map { ($0, false) }).sorted { $0.0 < $1.0 }
    var rankSum = 0.0
    var index = 0
    while index < all.count {
        var end = index
        while end < all.count && all[end].0 == all[index].0 { end += 1 }
        let rank = Double(index + end + 1) / 2
        for position in index..<end where all[position].1 { rankSum += rank }
        index = end
    }
    let n1 = Double(grounded.count)
    let n0 = Double(hallucinated.count)
    return (rankSum - n1 * (n1 + 1) / 2) / (n1 * n0)
}

func format(_ value: Double) -> String { String(format: "%.4f", value) }

let defaultPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/halueval_dialogue_data.json")
    .path
let path = CommandLine.arguments.dropFirst().first ?? defaultPath
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
for (index, record) in records.enumerated() {
    let experience = Experience(
        id: "halueval-\(index)", input: record.dialogueHistory, context: record.knowledge, response: "")
    let prepared = verifier.prepare(experience)
    for (response, hallucinated) in [(record.rightResponse, false), (record.hallucinatedResponse, true)] {
        let analysis = verifier.analyse(output: response, for: prepared)
        let verdict = verifier.verify(output: response, for: prepared)
        let scored = Scored(hallucinated: hallucinated, risk: analysis.risk, reward: verdict.reward, words: analysis.wordCount)
        if isFit[index] { fit.append(scored) } else { held.append(scored) }
    }
}

// Fit the flag threshold on the fitting half only.
let candidates = Array(Set(fit.map(\.risk))).sorted()
var fitted = verifier.configuration.hallucinationThreshold
var bestFit = balancedAccuracy(fit, threshold: fitted)
for candidate in candidates {
    let value = balancedAccuracy(fit, threshold: candidate)
    if value > bestFit {
        bestFit = value
        fitted = candidate
    }
}

print("HaluEval dialogue: \(records.count) records, \(2 * records.count) responses, no reference")
print("split: seeded hash (seed \(splitSeed)) of the record index; fitting half \(fit.count / 2) records, "
    + "held-out half \(held.count / 2) records; all figures below are on the held-out half")
print("fitted on the fitting half: flag threshold (risk) = \(format(fitted)) (balanced accuracy there \(format(bestFit))); "
    + "default in VerifierConfiguration = \(format(verifier.configuration.hallucinationThreshold))")
for (label, threshold) in [("default threshold", verifier.configuration.hallucinationThreshold), ("fitted threshold", fitted)] {
    print("\(label): hallucination flag balanced accuracy = \(format(balancedAccuracy(held, threshold: threshold)))")
}
let rewardAUROC = auroc(
    grounded: held.filter { !$0.hallucinated }.map(\.reward), hallucinated: held.filter(\.hallucinated).map(\.reward))
print("reward AUROC (right response rewarded above hallucinated) = \(format(rewardAUROC))")

let sortedWords = held.map(\.words).sorted()
let cuts = [sortedWords.count / 4, sortedWords.count / 2, 3 * sortedWords.count / 4].map { sortedWords[$0] }
let bounds = [Int.min] + cuts + [Int.max]
print("by response length (quartiles of word count on the held-out half), flag at the default threshold:")
for band in 0..<4 {
    let items = held.filter { $0.words > bounds[band] && $0.words <= bounds[band + 1] }
    let low = band == 0 ? 1 : bounds[band] + 1
    let high = band == 3 ? "max" : String(bounds[band + 1])
    let positives = items.filter(\.hallucinated).count
    let bandAUROC = auroc(
        grounded: items.filter { !$0.hallucinated }.map(\.reward), hallucinated: items.filter(\.hallucinated).map(\.reward))
    print("  words \(low)-\(high): \(items.count) responses (\(positives) hallucinated), "
        + "balanced accuracy \(format(balancedAccuracy(items, threshold: verifier.configuration.hallucinationThreshold))), "
        + "reward AUROC \(format(bandAUROC))")
}
let lengthOnly = auroc(
    grounded: held.filter { !$0.hallucinated }.map { -Double($0.words) },
    hallucinated: held.filter(\.hallucinated).map { -Double($0.words) })
print("for comparison, 'shorter is right' (length alone) AUROC = \(format(lengthOnly))")

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
