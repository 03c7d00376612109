import Experiences
import PatchGeneration
import Testing
import Verification

struct ModeInferenceTests {
    let inference = ModeInference(verifier: try! Verifier())

    @Test func hallucinationClusterIsInferredFromLabelsAndVerifier() throws {
        let result = self.inference.infer(Fixtures.hallucinationCluster())
        let top = try #require(result.modes.first)
        #expect(top.mode == .hallucination)
        #expect(top.score > 0.7)
        #expect(top.labelShare == 30.0 / 32.0)
        #expect(top.verifierShare == 1)
        #expect(top.representativeIDs == ["h1", "h2", "h3", "h4"])
        #expect(top.evidence.contains { $0.contains("30 of 32") })
        // The invented years are unsupported numbers too.
        #expect(result.score(of: .numberError) > 0)
        #expect(result.findings.allSatisfy { $0.flags.contains(.hallucination) })
        #expect(result.findings[0].summary.contains("unsupported claims"))
    }

    @Test func verbosityRefusalAndFormatClustersAreInferred() throws {
        #expect(self.inference.infer(Fixtures.verbosityCluster()).modes.first?.mode == .verbosity)
        #expect(self.inference.infer(Fixtures.refusalCluster()).modes.first?.mode == .refusal)
        let format = self.inference.infer(Fixtures.formatCluster())
        #expect(format.modes.first?.mode == .format)
        #expect(format.modes.first?.labelShare == nil)  // no labels: the verifier alone decides
    }

    @Test func incompleteAnswersAreFlaggedAgainstTheReference() {
        let representative = ClusterRepresentative(
            id: "i1", input: "Describe the tower.", response: "The Eiffel Tower is",
            context: Fixtures.context, reference: "The Eiffel Tower is 330 metres tall and was completed in 1889.")
        let findings = self.inference.findings(for: representative)
        #expect(findings.flags.contains(.incomplete))
        #expect(!findings.flags.contains(.hallucination))
    }

    @Test func unanswerableQuestionsAnsweredAnywayShowMissingAbstention() {
        let representative = ClusterRepresentative(
            id: "u1", input: "Who painted the tower in 1999?", response: "It was painted by Elena Lindqvist.",
            context: Fixtures.context, metadata: ["kind": "unanswerable"])
        let findings = self.inference.findings(for: representative)
        #expect(findings.flags.contains(.missingAbstention))
        #expect(findings.checkable.contains(.hallucination))
        let abstaining = ClusterRepresentative(
            id: "u2", input: "Who painted the tower in 1999?", response: "I don't know: the context does not say.",
            context: Fixtures.context, metadata: ["kind": "unanswerable"])
        #expect(!self.inference.findings(for: abstaining).flags.contains(.missingAbstention))
    }

    @Test func withoutEvidenceHallucinationIsTheDefaultTarget() {
        let cluster = ClusterEvidence(clusterID: "c", size: 2, memberIDs: ["a", "b"])
        let result = self.inference.infer(cluster)
        #expect(result.modes.isEmpty)
        #expect(result.targeted(threshold: 0.2).map(\.mode) == [.hallucination])
        #expect(result.weights == [.hallucination: 1])
    }

    @Test func unrecognisedLabelsAreReportedNotGuessed() {
        let cluster = ClusterEvidence(clusterID: "c", size: 5, failureTypes: ["off_topic": 5], memberIDs: ["a"])
        let result = self.inference.infer(cluster)
        #expect(result.unrecognisedLabels == ["off_topic": 5])
        #expect(result.modes.isEmpty)
    }
}
