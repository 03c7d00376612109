/// The four Kaizen services, each of which can run alone on its own port or together in one process.
package enum ServiceKind: String, Sendable, CaseIterable, Codable {
    case failureClustering = "failure-clustering"
    case patchGenerator = "patch-generator"
    case ranker = "ranker"
    case rlTrainer = "rl-trainer"

    /// The port the original specification gives each service: 8011 to 8014.
    package var defaultPort: Int {
        switch self {
        case .failureClustering: return 8011
        case .patchGenerator: return 8012
        case .ranker: return 8013
        case .rlTrainer: return 8014
        }
    }

    /// The configuration scope of this service's own keys (e.g. `ranker.port`, env `RANKER_PORT`).
    package var configKey: String {
        switch self {
        case .failureClustering: return "failureClustering"
        case .patchGenerator: return "patchGenerator"
        case .ranker: return "ranker"
        case .rlTrainer: return "rlTrainer"
        }
    }

    /// A human title, used in the OpenAPI document and logs.
    package var title: String {
        switch self {
        case .failureClustering: return "Kaizen failure clustering"
        case .patchGenerator: return "Kaizen patch generator"
        case .ranker: return "Kaizen patch ranker"
        case .rlTrainer: return "Kaizen RL trainer"
        }
    }
}
