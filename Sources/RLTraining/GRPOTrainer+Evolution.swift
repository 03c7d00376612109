extension GRPOTrainer {
    /// After a step, for each cluster while the bound allows: the parent is the pool member with the highest mean on
    /// the cluster's experiences that still fails there, that is, with some finding seen on its failures there at
    /// least `minimumEvidence` times, and that was not asked about this cluster with these findings before;
    /// `propose` may add a candidate from those findings, which joins the policy (``addChoice(cluster:copying:)``).
    /// At most one proposal per cluster and step.
    ///
    /// - Parameters:
    ///   - asked: the (parent, cluster, findings) already proposed from, so the same evidence is not asked about twice.
    ///   - added: the candidates added so far in the run.
    mutating func evolve(
        _ evolution: CandidateEvolution, pool: ParetoPool, step: Int, asked: inout Set<String>, added: inout Int
    ) async throws {
        let members = pool.members
        for cluster in 0..<self.policy.clusterCount where added < evolution.maxCandidates {
            for parent in pool.ranked(on: cluster, among: members) {
                let record = pool.record(of: parent, cluster: cluster)
                // Only findings seen `minimumEvidence` times point somewhere; a scatter of single ones does not.
                let findings = record.findings.filter { $0.value >= evolution.minimumEvidence }
                // Asked again only when a new finding has come up to the threshold: same evidence, same answer.
                let question = "\(parent.choices) \(cluster) \(findings.keys.sorted())"
                guard !findings.isEmpty, asked.insert(question).inserted else { continue }
                let evidence = EvolutionEvidence(
                    step: step, cluster: cluster, parent: parent, rollouts: record.rollouts,
                    failingRollouts: record.failingRollouts, findings: findings, pool: members,
                    failingExperiences: record.failingExamples)
                if try await evolution.propose(evidence) {
                    self.addChoice(cluster: cluster, copying: parent[cluster])
                    added += 1
                }
                break
            }
        }
    }
}
