import Experiences
import Foundation
import PatchGeneration
import Randomness
import Testing

@testable import PatchRanking

/// The rank body's fast path (`PlainJSON`, `RankRequest(plainJSON:)`) gives Foundation's value or gives up: on random
/// requests as Foundation and other writers write them, on hand-made edge cases, and on thousands of corrupted
/// bodies, it never accepts a body Foundation refuses or reads one differently.
struct PlainJSONDecodingTests {
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static func fast(_ body: [UInt8]) -> RankRequest? {
        body.withUnsafeBytes { PlainJSON(parsing: $0) }.flatMap(RankRequest.init(plainJSON:))
    }

    static func foundation(_ body: [UInt8]) -> RankRequest? {
        try? Self.decoder.decode(RankRequest.self, from: Data(body))
    }

    @Test func randomRequestsReadAsFoundationReadsThem() throws {
        var random = SplitMix64(seed: 41)
        var pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        for index in 0..<1_000 {
            let request = Self.randomRequest(&random)
            let encoder = index.isMultiple(of: 2) ? JSONEncoder() : pretty
            let body = Array(try encoder.encode(request))
            let read = try #require(Self.fast(body), "\(String(decoding: body, as: UTF8.self))")
            #expect(read == Self.foundation(body))
            #expect(read == request)
        }
        pretty = JSONEncoder()
    }

    /// Each body: what Foundation reads, and whether the fast path must read it too (`nil`: it may give up).
    static let edgeCases: [(body: String, fastReads: Bool?)] = [
        (#"{"candidates": []}"#, true),
        (#"{"candidates": [], "samples": 3.0}"#, nil),
        (#"{"candidates": [], "samples": 3e0}"#, nil),
        (#"{"candidates": [], "seed": -1}"#, false),
        (#"{"candidates": [], "seed": 18446744073709551615}"#, true),
        (#"{"candidates": [], "seed": 18446744073709551616}"#, false),
        (#"{"candidates": [], "weights": {"clarity": 1e400}}"#, false),
        (#"{"candidates": [], "weights": {"clarity": 1e-400}}"#, nil),
        (#"{"candidates": [], "weights": {"clarity": -0.0, "length_safety": 2E+2}}"#, true),
        (#"{"candidates": [], "weights": {"clarity": 0.1, "speed": 1}}"#, false),
        (#"{"candidates": [], "weights": null, "measure": null, "cluster": null}"#, true),
        (#"{"candidates": [], "measure": 1}"#, false),
        (#"{"candidates": [], "prompt_id": "a", "prompt_id": "b"}"#, nil),
        (#"{"candidates": [], "prompt_text": "caf\u00e9 \ud83d\ude42 \u0000 \/ \"q\" \\"}"#, true),
        (#"{"candidates": [], "prompt_text": "lone \ud83d surrogate"}"#, nil),
        (#"{"candidates": [], "prompt_text": "tab"# + "\t" + #"inside"}"#, false),
        (#"{"candidates": [], "prompt_text": "\x"}"#, false),
        (#"{"candidates": [{"patch_id": "p", "patch_text": "t", "prompt_text": "x"}]}"#, true),
        (#"{"candidates": [{"patch_id": "p", "patch_text": "t", "prompt_text": "x", "operation": "prepend"}]}"#, false),
        (#"{"candidates": [{"patch_id": "p", "patch_text": "t"}]}"#, false),
        (#"{"candidates": [], "cluster": {"cluster_id": "c", "failure_types": {"a": 2, "b": 1}}}"#, true),
        (
            #"{"candidates": [], "cluster": {"cluster_id": "c", "failure_types": [{"failure_type": "a", "count": 2}, "#
                + #"{"failure_type": "a", "count": 3}]}}"#, true
        ),
        (#"{"candidates": [], "cluster": {"cluster_id": "c", "failure_types": {"a": "2"}}}"#, false),
        (#"{"candidates": [], "cluster": {"cluster_id": "c", "member_ids": ["a", "a", "b"]}}"#, true),
        (
            #"{"candidates": [], "cluster": {"cluster_id": "c", "representatives": [{"id": "e", "input": "i", "#
                + #""response": "r", "metadata": {"n": 1.0}}]}}"#, nil
        ),
        (#"{"candidates": []} x"#, false),
        (#"{"candidates": [],}"#, false),
        (#"{"candidates": [01]}"#, false),
        (#"[]"#, false),
        (#" {"candidates" : [ ] } "#, true),
        // Objects beyond sixteen members check duplicates through a set.
        (
            #"{"candidates": [], "cluster": {"cluster_id": "c", "failure_types": {"#
                + (0..<20).map { #""t\#($0)": \#($0)"# }.joined(separator: ", ") + "}}}", true
        ),
        (
            #"{"candidates": [], "cluster": {"cluster_id": "c", "failure_types": {"#
                + (0..<20).map { #""t\#($0)": \#($0)"# }.joined(separator: ", ") + #", "t3": 9}}}"#, nil
        ),
    ]

    @Test(arguments: 0..<edgeCases.count)
    func edgeCasesReadAsFoundationReadsThem(_ index: Int) {
        let example = Self.edgeCases[index]
        let body = Array(example.body.utf8)
        let expected = Self.foundation(body)
        let read = Self.fast(body)
        if let read { #expect(read == expected, "\(example.body)") }
        if example.body.contains(#""t3": 9"#) { #expect(read == nil, "a duplicate key gives up") }
        if let fastReads = example.fastReads {
            #expect((read != nil) == fastReads, "\(example.body)")
            #expect((expected != nil) == fastReads || !fastReads, "\(example.body)")
        }
    }

    @Test func corruptedBodiesAreNeverReadDifferently() throws {
        var random = SplitMix64(seed: 7)
        let significant = Array(#"{}[]:,"\-+.0123456789eEtrufalsn u"#.utf8) + [0x00, 0x0A, 0xC3, 0xA9, 0xFF]
        var accepted = 0
        var refusedByBoth = 0
        for _ in 0..<300 {
            let body = Array(try JSONEncoder().encode(Self.randomRequest(&random)))
            for _ in 0..<20 {
                var corrupted = body
                for _ in 0...Int(random.next() % 3) {
                    let position = Int(random.next() % UInt64(corrupted.count))
                    switch random.next() % 3 {
                    case 0: corrupted.remove(at: position)
                    case 1: corrupted.insert(significant[Int(random.next() % UInt64(significant.count))], at: position)
                    default: corrupted[position] = significant[Int(random.next() % UInt64(significant.count))]
                    }
                }
                let expected = Self.foundation(corrupted)
                if let read = Self.fast(corrupted) {
                    #expect(read == expected, "\(String(decoding: corrupted, as: UTF8.self))")
                    accepted += 1
                } else if expected == nil {
                    refusedByBoth += 1
                }
            }
        }
        #expect(accepted > 500 && refusedByBoth > 2_000, "accepted \(accepted), refused by both \(refusedByBoth)")
    }

    /// A tripwire: the fast path reads each type's fields by name, so a field added to one of them must be read
    /// there too (and set by `randomRequest`), or the fast path would drop it.
    @Test func theFastPathKnowsEveryField() {
        let counts: [(String, Int, Int)] = [
            ("RankRequest", Mirror(reflecting: RankRequest(candidates: [])).children.count, 10),
            ("ClusterEvidence", Mirror(reflecting: ClusterEvidence(clusterID: "c", size: 1)).children.count, 9),
            (
                "ClusterRepresentative",
                Mirror(reflecting: ClusterRepresentative(id: "e", input: "", response: "")).children.count, 8
            ),
            (
                "PatchCandidate",
                Mirror(
                    reflecting: PatchCandidate(
                        patchID: "p", strategy: "s", operation: .append, patchText: "t", promptText: "x", targets: [],
                        explanation: "")
                ).children.count, 9
            ),
            ("ClusterTerm", Mirror(reflecting: ClusterTerm(term: "t", weight: 1)).children.count, 2),
            ("RankingWeights", Mirror(reflecting: RankingWeights()).children.count, 4),
        ]
        for (type, fields, read) in counts {
            #expect(fields == read, "\(type) has \(fields) fields and its PlainJSON reader knows \(read)")
        }
    }

    // MARK: Random requests

    static func randomRequest(_ random: inout SplitMix64) -> RankRequest {
        func text() -> String { SortedJSONRankResultTests.text(&random) }
        func maybe<T>(_ make: () -> T) -> T? { Bool.random(using: &random) ? make() : nil }
        func number() -> Double { SortedJSONRankResultTests.number(&random) }
        let cluster = maybe {
            ClusterEvidence(
                clusterID: text(), size: Int.random(in: 0...10_000, using: &random), share: number(),
                severity: number(),
                topTerms: (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    ClusterTerm(term: text(), weight: number())
                }, label: text(), failureTypes: maybe { [text(): Int.random(in: 0...99, using: &random)] } ?? [:],
                representatives: (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    ClusterRepresentative(
                        id: text(), input: text(), response: text(), failureType: maybe(text),
                        distance: maybe(number), context: maybe(text), reference: maybe(text))
                }, memberIDs: (0..<Int.random(in: 0...3, using: &random)).map { _ in text() })
        }
        return RankRequest(
            promptID: maybe(text), promptText: maybe(text), cluster: cluster, clusteringID: maybe(text),
            clusterID: maybe(text),
            candidates: (0..<Int.random(in: 0...3, using: &random)).map { _ in
                SortedJSONRankResultTests.candidate(&random)
            },
            weights: maybe {
                RankingWeights(
                    hallucinationReduction: number(), clarity: number(), lengthSafety: number(),
                    clusterSeverity: number())
            }, measure: maybe { Bool.random(using: &random) },
            samples: maybe { Int.random(in: -9...99, using: &random) },
            seed: maybe { random.next() })
    }
}
