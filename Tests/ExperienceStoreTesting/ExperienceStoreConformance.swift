import Experiences
import Foundation
import Testing

/// The behaviour every ``ExperienceStore`` must have, as a list of checks that each implementation's test target
/// runs with `@Test(arguments: ExperienceStoreConformance.checks)` on a fresh, empty store.
package enum ExperienceStoreConformance {
    /// A named check; `CustomStringConvertible` so each shows as its own test case.
    package struct Check: Sendable, CustomStringConvertible {
        package var description: String
        package var run: @Sendable (any ExperienceStore) async throws -> Void
    }

    package static let checks: [Check] = [
        Check(description: "insert is idempotent and keeps the first copy", run: insertIsIdempotent),
        Check(description: "round trip keeps every field", run: roundTripKeepsEveryField),
        Check(description: "failures follow success, then reward and threshold", run: failuresFollowTheRule),
        Check(description: "failures filter by prompt and time, oldest first, limited", run: failuresFilter),
        Check(description: "success sample is seeded, bounded and successes only", run: successSample),
        Check(description: "lookup by ids keeps order and skips unknown ids", run: lookupByIDs),
        Check(description: "statistics count by prompt and failure type", run: statisticsCount),
        Check(description: "an id in another Unicode form is the same id", run: canonicallyEqualIDsAreOneID),
    ]

    static func date(_ text: String) -> Date { RFC3339.date(from: text)! }

    /// Twelve interactions over three days and two prompts, six of them failures at the default threshold.
    package static let sample: [Experience] = [
        Experience(
            id: "e01", createdAt: date("2025-12-01T09:00:00Z"), promptID: "p_v1_1", input: "q1", response: "r1",
            reward: 0.9),
        Experience(
            id: "e02", createdAt: date("2025-12-01T10:00:00Z"), promptID: "p_v1_1", input: "q2", response: "r2",
            reward: 0.1, failureType: "hallucination"),
        Experience(
            id: "e03", createdAt: date("2025-12-01T11:00:00Z"), promptID: "p_v1_2", input: "q3", response: "r3",
            success: false, failureType: "format"),
        Experience(
            id: "e04", createdAt: date("2025-12-02T09:00:00Z"), promptID: "p_v1_2", input: "q4", response: "r4",
            reward: 0.2, success: true),
        Experience(
            id: "e05", createdAt: date("2025-12-02T10:00:00Z"), promptID: "p_v1_1", input: "q5", response: "r5",
            reward: 0.49, failureType: "hallucination"),
        Experience(
            id: "e06", createdAt: date("2025-12-02T11:00:00Z"), promptID: "p_v1_1", input: "q6", response: "r6",
            reward: 0.5),
        Experience(
            id: "e07", createdAt: date("2025-12-03T09:00:00Z"), promptID: "p_v1_2", input: "q7", response: "r7",
            reward: 0.95, success: false),
        Experience(
            id: "e08", createdAt: date("2025-12-03T10:00:00Z"), input: "q8", response: "r8", reward: 0.3,
            failureType: "verbosity"),
        Experience(id: "e09", promptID: "p_v1_1", input: "q9", response: "r9", success: true),
        Experience(
            id: "e10", createdAt: date("2025-12-03T12:00:00Z"), promptID: "p_v1_1", input: "q10", response: "r10",
            reward: 0.0),
        Experience(
            id: "e11", createdAt: date("2025-12-03T13:00:00Z"), promptID: "p_v1_1", input: "q11", response: "r11",
            reward: 1.0),
        Experience(
            id: "e12", createdAt: date("2025-12-03T14:00:00Z"), promptID: "p_v1_2", input: "q12", response: "r12",
            reward: 0.7),
    ]

    @Sendable static func insertIsIdempotent(_ store: any ExperienceStore) async throws {
        let first = try await store.insert(Array(sample.prefix(3)))
        #expect(first == InsertSummary(inserted: 3, alreadyPresent: 0))
        var changed = sample[0]
        changed.response = "a different answer"
        let second = try await store.insert([changed, sample[1], sample[2], sample[3]])
        #expect(second == InsertSummary(inserted: 1, alreadyPresent: 3))
        let stored = try await store.experiences(ids: ["e01"])
        #expect(stored.first?.response == "r1")
        #expect(try await store.statistics(failureThreshold: 0.5).total == 4)
    }

    @Sendable static func roundTripKeepsEveryField(_ store: any ExperienceStore) async throws {
        let full = Experience(
            id: "full", createdAt: date("2025-12-10T14:22:00Z"), promptID: "p_v3_7", input: "What is the fee? é 日本",
            context: "The fee is 5 EUR.", response: "5 EUR \"quoted\"", reference: "5 EUR", reward: 0.25,
            success: false,
            failureType: "hallucination",
            metadata: ["user": "u1", "latency_ms": 120, "tags": ["a", "b"], "nested": ["x": 1.5, "y": nil]]
        )
        let minimal = Experience(id: "minimal", input: "i", response: "r", success: true)
        _ = try await store.insert([full, minimal])
        #expect(try await store.experiences(ids: ["full", "minimal"]) == [full, minimal])
    }

    @Sendable static func failuresFollowTheRule(_ store: any ExperienceStore) async throws {
        _ = try await store.insert(sample)
        let failures = try await store.failures(ExperienceQuery())
        // e04: success true wins over a low reward; e07: success false wins over a high reward; e06: 0.5 is not < 0.5.
        #expect(failures.map(\.id) == ["e02", "e03", "e05", "e07", "e08", "e10"])
        let strict = try await store.failures(ExperienceQuery(failureThreshold: 0.75))
        #expect(strict.map(\.id) == ["e02", "e03", "e05", "e06", "e07", "e08", "e10", "e12"])
    }

    @Sendable static func failuresFilter(_ store: any ExperienceStore) async throws {
        _ = try await store.insert(sample)
        #expect(try await store.failures(ExperienceQuery(promptID: "p_v1_1")).map(\.id) == ["e02", "e05", "e10"])
        let window = ExperienceQuery(since: date("2025-12-01T11:00:00Z"), until: date("2025-12-03T10:00:00Z"))
        #expect(try await store.failures(window).map(\.id) == ["e03", "e05", "e07"])
        #expect(try await store.failures(ExperienceQuery(limit: 2)).map(\.id) == ["e02", "e03"])
        #expect(try await store.failures(ExperienceQuery(promptID: "p_v9_9")).isEmpty)
    }

    @Sendable static func successSample(_ store: any ExperienceStore) async throws {
        _ = try await store.insert(sample)
        let successIDs: Set = ["e01", "e04", "e06", "e09", "e11", "e12"]
        let first = try await store.sampleSuccesses(ExperienceQuery(), count: 3, seed: 7)
        let again = try await store.sampleSuccesses(ExperienceQuery(), count: 3, seed: 7)
        #expect(first.count == 3)
        #expect(first == again)
        #expect(Set(first.map(\.id)).isSubset(of: successIDs))
        #expect(first.map(\.id) == SuccessSampling.sample(Array(successIDs), count: 3, seed: 7))
        let all = try await store.sampleSuccesses(ExperienceQuery(), count: 100, seed: 1)
        #expect(Set(all.map(\.id)) == successIDs)
        var distinct = Set<[String]>()
        for seed in UInt64(0)..<20 {
            distinct.insert(try await store.sampleSuccesses(ExperienceQuery(), count: 3, seed: seed).map(\.id))
        }
        #expect(distinct.count > 5)
        let filtered = try await store.sampleSuccesses(ExperienceQuery(promptID: "p_v1_2"), count: 10, seed: 3)
        #expect(Set(filtered.map(\.id)) == ["e04", "e12"])
    }

    @Sendable static func lookupByIDs(_ store: any ExperienceStore) async throws {
        _ = try await store.insert(sample)
        let found = try await store.experiences(ids: ["e10", "missing", "e02", "e10"])
        #expect(found.map(\.id) == ["e10", "e02", "e10"])
        #expect(try await store.experiences(ids: []).isEmpty)
    }

    @Sendable static func statisticsCount(_ store: any ExperienceStore) async throws {
        #expect(try await store.statistics(failureThreshold: 0.5).total == 0)
        _ = try await store.insert(sample)
        let statistics = try await store.statistics(failureThreshold: 0.5)
        #expect(statistics.total == 12)
        #expect(statistics.failures == 6)
        #expect(statistics.byPromptID["p_v1_1"] == .init(total: 7, failures: 3))
        #expect(statistics.byPromptID["p_v1_2"] == .init(total: 4, failures: 2))
        #expect(statistics.byPromptID[ExperienceStatistics.noPromptID] == .init(total: 1, failures: 1))
        #expect(
            statistics.failuresByType == [
                "hallucination": 2, "format": 1, "verbosity": 1, ExperienceStatistics.unlabelled: 2,
            ])
    }

    /// "café" with U+00E9 and with "e" + U+0301 are one id to Swift, so they must be one id to the store: before,
    /// SQL stored both, and a cluster then held two members under one id (the pipeline stopped on it).
    @Sendable static func canonicallyEqualIDsAreOneID(_ store: any ExperienceStore) async throws {
        let composed = "caf\u{E9}-1"
        let decomposed = "cafe\u{301}-1"
        let first = Experience(id: decomposed, input: "q", response: "first", reward: 0.1)
        let second = Experience(id: composed, input: "q", response: "second", reward: 0.1)
        #expect(try await store.insert([first]) == InsertSummary(inserted: 1, alreadyPresent: 0))
        #expect(try await store.insert([second]) == InsertSummary(inserted: 0, alreadyPresent: 1))
        let failures = try await store.failures(ExperienceQuery())
        #expect(failures.map(\.response) == ["first"])
        #expect(failures.map { Array($0.id.utf8) } == [Array(composed.utf8)])
        for asked in [composed, decomposed] {
            #expect(try await store.experiences(ids: [asked]).map(\.response) == ["first"])
        }
        #expect(try await store.statistics(failureThreshold: 0.5).total == 1)
    }
}
