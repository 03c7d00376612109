import Foundation

extension ClusterEvidence {
    /// One sentence citing the cluster's size, share, severity and top terms, for explanations.
    package var evidenceSummary: String {
        var text = "Cluster \(self.clusterID) has \(self.size) failure\(self.size == 1 ? "" : "s")"
        text += String(format: " (%.0f%% of failures, severity %.2f)", self.share * 100, self.severity)
        if !self.label.isEmpty { text += ", labelled '\(self.label)'" }
        let terms = self.topTerms.prefix(5).map(\.term)
        if !terms.isEmpty { text += "; top terms: " + terms.joined(separator: ", ") }
        return text + "."
    }

    /// A sentence on what the cluster shows for `category`, citing the mode's score and evidence.
    static func modeSentence(_ mode: InferredMode) -> String {
        var text = String(format: "It shows %@ (score %.2f", mode.mode.readableName, mode.score)
        if !mode.evidence.isEmpty { text += ": " + mode.evidence.prefix(2).joined(separator: "; ") }
        return text + ")."
    }
}
