import PatchGeneration

/// Everything an ``PatchGeneration/InjectionGuard`` is built from, as the key the ranker remembers built guards by:
/// a guard is a pure function of these, and building its n-gram table anew for every rank of the same cluster was
/// a twentieth of the rank (issue 14).
struct GuardInputs: Hashable, Sendable {
    var representatives: [ClusterRepresentative]
    var basePrompt: String
    var spanLength: Int

    /// The UTF-8 size of the texts the guard is built from.
    var textBytes: Int {
        self.representatives.reduce(self.basePrompt.utf8.count) { $0 + $1.textBytes }
    }
}
