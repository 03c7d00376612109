import ExperienceStoreTesting
import Experiences
import Testing

struct InMemoryExperienceStoreTests {
    @Test(arguments: ExperienceStoreConformance.checks)
    func conformance(_ check: ExperienceStoreConformance.Check) async throws {
        try await check.run(InMemoryExperienceStore())
    }
}
