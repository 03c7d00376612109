import Experiences
import LanguageModels
import PatchGeneration

/// Hand-built clusters and prompts shared by the generator's tests.
enum Fixtures {
    static let context = "The Eiffel Tower is 330 metres tall. It was completed in 1889. It stands in Paris."

    static let paragraphPrompt = "SYSTEM: You are a support assistant for a travel site. Answer the user's question."

    /// A hallucination cluster: responses invent a person and a year the context does not contain.
    static func hallucinationCluster(id: String = "cluster_1") -> ClusterEvidence {
        let representatives = (1...4).map { index in
            ClusterRepresentative(
                id: "h\(index)",
                input: "How tall is the Eiffel Tower and who designed the tower for the fair in Paris?",
                response: "The Eiffel Tower is 331 metres tall. It was designed by Elena Lindqvist in 196\(index).",
                failureType: "hallucination",
                distance: Double(index) / 10,
                context: Self.context,
                reference: "The Eiffel Tower is 330 metres tall.")
        }
        return ClusterEvidence(
            clusterID: id, size: 42, share: 0.35, severity: 0.21,
            topTerms: [
                ClusterTerm(term: "lindqvist", weight: 0.4), ClusterTerm(term: "designed", weight: 0.3),
                ClusterTerm(term: "1962", weight: 0.2),
            ],
            label: "lindqvist, designed, 1962",
            failureTypes: ["hallucination": 30, "incomplete": 2],
            representatives: representatives,
            memberIDs: (1...42).map { "h\($0)" })
    }

    /// A verbosity cluster: long padded answers.
    static func verbosityCluster() -> ClusterEvidence {
        let padding = Array(
            repeating: "Additionally, it is worth noting the tower is a landmark that many visit.", count: 30
        )
        .joined(separator: " ")
        let representatives = (1...3).map { index in
            ClusterRepresentative(
                id: "v\(index)", input: "How tall is the Eiffel Tower?",
                response: "The Eiffel Tower is 330 metres tall. " + padding, failureType: "too_long",
                context: Self.context, reference: "The Eiffel Tower is 330 metres tall.")
        }
        return ClusterEvidence(
            clusterID: "cluster_2", size: 10, share: 0.1, severity: 0.05,
            topTerms: [ClusterTerm(term: "additionally", weight: 0.5), ClusterTerm(term: "landmark", weight: 0.5)],
            label: "additionally, landmark", failureTypes: ["too_long": 9], representatives: representatives,
            memberIDs: (1...10).map { "v\($0)" })
    }

    /// A refusal cluster: answerable questions refused.
    static func refusalCluster() -> ClusterEvidence {
        let representatives = (1...3).map { index in
            ClusterRepresentative(
                id: "r\(index)", input: "How tall is the Eiffel Tower?",
                response: "I'm sorry, but I can't help with that request.", failureType: "refusal",
                context: Self.context, reference: "The Eiffel Tower is 330 metres tall.")
        }
        return ClusterEvidence(
            clusterID: "cluster_3", size: 8, share: 0.08, severity: 0.07,
            topTerms: [ClusterTerm(term: "sorry", weight: 0.6), ClusterTerm(term: "request", weight: 0.4)],
            label: "sorry, request", failureTypes: ["refusal": 8], representatives: representatives,
            memberIDs: (1...8).map { "r\($0)" })
    }

    /// A format cluster: JSON was required and the answers are broken objects.
    static func formatCluster() -> ClusterEvidence {
        let representatives = (1...3).map { index in
            ClusterRepresentative(
                id: "f\(index)", input: "Give the height of the Eiffel Tower as JSON.",
                response: "{\"answer\": \"The Eiffel Tower is 330 metres tall.\"", failureType: nil,
                context: Self.context, reference: "The Eiffel Tower is 330 metres tall.",
                metadata: ["format": "json"])
        }
        return ClusterEvidence(
            clusterID: "cluster_4", size: 6, share: 0.06, severity: 0.04,
            topTerms: [ClusterTerm(term: "answer", weight: 1)], label: "answer",
            representatives: representatives, memberIDs: (1...6).map { "f\($0)" })
    }

    /// The simulator's probability of a hallucination for an answerable request under `prompt`.
    static func hallucinationProbability(under prompt: String, kind: String? = nil) -> Double {
        let simulator = Simulator()
        let request = GenerationRequest(
            systemPrompt: prompt, userTurn: "How tall is it?", context: Self.context, kind: kind)
        return simulator.distribution(for: request)[.hallucination]
    }
}
