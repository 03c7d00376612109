import Experiences
import Foundation
import HTTPSupport
import LanguageModels
import PatchGeneration
import Randomness
import Testing

@testable import PatchRanking

/// The rank answer's hand-written JSON is the services' response encoder's, byte for byte: on real rankings and on
/// random results that reach every optional, escape and number form.
struct SortedJSONRankResultTests {
    static let encoder = ServiceRequestContext.makeResponseEncoder()

    static func written(_ result: RankResult) throws -> String {
        var writer = SortedJSONWriter()
        try result.write(to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func foundation(_ result: RankResult) throws -> String {
        String(decoding: try Self.encoder.encode(result), as: UTF8.self)
    }

    @Test func realRankingsAreWrittenAsFoundationEncodesThem() async throws {
        let ranker = try Ranker()
        let base = RankerSpeedPinTests.prompt
        let candidates = RankerSpeedPinTests.candidates
        var broken = candidates[0]
        broken.patchID = "p-broken"
        broken.operation = .insertAfter
        broken.anchor = "a line the prompt does not have"
        for (measure, list) in [(false, candidates), (true, candidates), (false, candidates + [broken])] {
            let result = try await ranker.rank(
                candidates: list, cluster: RankerSpeedPinTests.cluster, basePrompt: base, measure: measure)
            #expect(try Self.written(result) == Self.foundation(result))
        }
    }

    @Test func randomResultsAreWrittenAsFoundationEncodesThem() throws {
        var random = SplitMix64(seed: 14)
        for _ in 0..<2_000 {
            let result = Self.randomResult(&random)
            #expect(try Self.written(result) == Self.foundation(result))
        }
    }

    @Test func aNumberJSONCannotHoldThrows() {
        var random = SplitMix64(seed: 1)
        var result = Self.randomResult(&random)
        result.weights.clarity = .nan
        #expect(throws: SortedJSONWriter.NonFiniteNumber.self) { try Self.written(result) }
        #expect(throws: EncodingError.self) { try Self.foundation(result) }
    }

    /// A tripwire: the writer names each type's fields, so a field added to one of them must be written there too
    /// (and set by `randomResult`), or the rank answer would lose it.
    @Test func theWriterKnowsEveryField() {
        var random = SplitMix64(seed: 3)
        let result = Self.randomResult(&random)
        let counts: [(String, Int, Int)] = [
            ("RankResult", Mirror(reflecting: result).children.count, 7),
            (
                "RankedCandidate",
                Mirror(
                    reflecting: RankedCandidate(
                        candidate: Self.candidate(&random), score: 0, rank: 1,
                        criteria: CriterionScores(
                            hallucinationReduction: 0, clarity: 0, lengthSafety: 0, clusterSeverity: 0),
                        details: CandidateDetails(estimatedReduction: 0, coverage: 0, growthTokens: 0))
                ).children.count, 5
            ),
            ("PatchCandidate", Mirror(reflecting: Self.candidate(&random)).children.count, 9),
            (
                "CandidateDetails",
                Mirror(reflecting: CandidateDetails(estimatedReduction: 0, coverage: 0, growthTokens: 0)).children
                    .count, 9
            ),
            (
                "CriterionScores",
                Mirror(
                    reflecting: CriterionScores(
                        hallucinationReduction: 0, clarity: 0, lengthSafety: 0, clusterSeverity: 0)
                )
                .children.count, 4
            ),
            (
                "ExcludedCandidate",
                Mirror(reflecting: ExcludedCandidate(patchID: "p", strategy: "s", reasons: [])).children.count, 4
            ),
            ("InferredMode", Mirror(reflecting: InferredMode(mode: .hallucination, score: 0)).children.count, 7),
            (
                "MeasurementSummary",
                Mirror(
                    reflecting: MeasurementSummary(
                        model: "m", simulated: true, samples: 1, seed: 0, representativeIDs: [], baseReward: 0,
                        baseHallucinationRate: 0)
                ).children.count, 7
            ),
            ("RankingWeights", Mirror(reflecting: RankingWeights()).children.count, 4),
        ]
        for (type, fields, written) in counts {
            #expect(fields == written, "\(type) has \(fields) fields and its SortedJSONWriter form writes \(written)")
        }
    }

    // MARK: Random values

    static func randomResult(_ random: inout SplitMix64) -> RankResult {
        let ranked = (0..<Int.random(in: 0...3, using: &random)).map { rank in
            RankedCandidate(
                candidate: Self.candidate(&random), score: Self.number(&random), rank: rank + 1,
                criteria: CriterionScores(
                    hallucinationReduction: Self.number(&random), clarity: Self.number(&random),
                    lengthSafety: Self.number(&random), clusterSeverity: Self.number(&random)),
                details: CandidateDetails(
                    estimatedReduction: Self.number(&random), measuredReduction: Self.maybe(&random, Self.number),
                    coverage: Self.number(&random), growthTokens: Int.random(in: -500...500, using: &random),
                    patchedReward: Self.maybe(&random, Self.number),
                    patchedHallucinationRate: Self.maybe(&random, Self.number), adds: Self.strings(&random),
                    removes: Self.strings(&random), notes: Self.strings(&random)))
        }
        let excluded = (0..<Int.random(in: 0...2, using: &random)).map { _ in
            ExcludedCandidate(
                patchID: Self.text(&random), strategy: Self.text(&random), reasons: Self.strings(&random),
                growthTokens: Self.maybe(&random) { Int.random(in: -99...9_999, using: &$0) })
        }
        let modes = (0..<Int.random(in: 0...3, using: &random)).map { _ in
            InferredMode(
                mode: FailureCategory.allCases.randomElement(using: &random)!, score: Self.number(&random),
                labelShare: Self.maybe(&random, Self.number), verifierShare: Self.maybe(&random, Self.number),
                termShare: Self.maybe(&random, Self.number), evidence: Self.strings(&random),
                representativeIDs: Self.strings(&random))
        }
        let measurement = Self.maybe(&random) { random in
            MeasurementSummary(
                model: Self.text(&random), simulated: Bool.random(using: &random),
                samples: Int.random(in: 1...64, using: &random), seed: random.next(),
                representativeIDs: Self.strings(&random), baseReward: Self.number(&random),
                baseHallucinationRate: Self.number(&random))
        }
        return RankResult(
            ranked: ranked, selected: Self.maybe(&random, Self.text), excluded: excluded,
            weights: RankingWeights(
                hallucinationReduction: Self.number(&random), clarity: Self.number(&random),
                lengthSafety: Self.number(&random), clusterSeverity: Self.number(&random)),
            modes: modes, measurement: measurement, notes: Self.strings(&random))
    }

    static func candidate(_ random: inout SplitMix64) -> PatchCandidate {
        PatchCandidate(
            patchID: Self.text(&random), strategy: Self.text(&random),
            operation: PatchOperation.allCases.randomElement(using: &random)!,
            anchor: Self.maybe(&random, Self.text), patchText: Self.text(&random), promptText: Self.text(&random),
            targets: Self.strings(&random), explanation: Self.text(&random), source: Self.text(&random))
    }

    static func maybe<T>(_ random: inout SplitMix64, _ make: (inout SplitMix64) -> T) -> T? {
        Bool.random(using: &random) ? make(&random) : nil
    }

    static func strings(_ random: inout SplitMix64) -> [String] {
        (0..<Int.random(in: 0...3, using: &random)).map { _ in Self.text(&random) }
    }

    /// Every byte Foundation escapes, slashes, non-ASCII (combining marks, an emoji, U+2028) and plain words.
    static let pieces: [String] = [
        "word", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{01}", "\u{1F}", "\u{7F}",
        "é", "e\u{301}", "🙂", "\u{2028}", "日本", "http://x.example/a?b=c&d", "</script>", "'", "{}[],:",
    ]

    static func text(_ random: inout SplitMix64) -> String {
        (0..<Int.random(in: 0...8, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
    }

    /// Integral values, tiny and huge magnitudes (exponent forms), negative zero, and ordinary fractions.
    static func number(_ random: inout SplitMix64) -> Double {
        switch Int.random(in: 0..<8, using: &random) {
        case 0: Double(Int.random(in: -3...3, using: &random))
        case 1: -0.0
        case 2: random.nextUnitDouble() * 1e-9
        case 3: random.nextUnitDouble() * 1e22
        case 4: Double(Int.random(in: 0...1_000_000, using: &random)) / 1_000_000
        case 5: .greatestFiniteMagnitude
        case 6: .leastNonzeroMagnitude
        default: random.nextUnitDouble()
        }
    }
}
