import ExperienceStoreTesting
import Experiences
import Testing

struct InMemoryExperienceStoreTests {
    @Test(arguments: ExperienceStoreConformance.checks)
    func conformance(_ check: ExperienceStoreConformance.Check) async throws {
        try await check.run(InMemoryExperienceStore())
    }
}

struct InMemoryRunStoreTests {
    @Test(arguments: RunStoreConformance.checks)
    func conformance(_ check: RunStoreConformance.Check) async throws {
        try await check.run(InMemoryRunStore())
    }
}
