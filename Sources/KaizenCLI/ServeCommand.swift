import ArgumentParser
import ClusteringService
import Configuration
import HTTPSupport
import Hummingbird
import Logging
import PatchServices
import Prometheus
import PromptTraining
import ServiceLifecycle
import Stages
import TrainerService
import UnixSignals
import Verification

/// `kaizen serve`: run one service, or all four in one process.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a Kaizen service (or all four) over HTTP.",
        discussion: """
            Services: failure-clustering (8011), patch-generator (8012), ranker (8013), rl-trainer (8014), or all. \
            They bind 127.0.0.1 unless --host says otherwise; any other address needs KAIZEN_API_TOKEN, which \
            every route but /health then requires as a bearer token.
            """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case failureClustering = "failure-clustering"
        case patchGenerator = "patch-generator"
        case ranker
        case rlTrainer = "rl-trainer"
        case all

        var services: [ServiceKind] {
            self == .all ? ServiceKind.allCases : [ServiceKind(rawValue: self.rawValue)!]
        }
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var models: ModelOptions
    @OptionGroup var judge: JudgeOptions

    @Argument(help: "Which service to run: \(Target.allCases.map(\.rawValue).joined(separator: ", ")).")
    var target: Target

    @Option(help: "Address to bind (KAIZEN_HTTP_HOST). Default 127.0.0.1.")
    var host: String?

    @Option(help: "Port to bind (KAIZEN_HTTP_PORT); not with 'all', which uses 8011-8014.")
    var port: Int?

    func validate() throws {
        if self.target == .all, self.port != nil {
            throw ValidationError("--port cannot be used with 'all'; set KAIZEN_<SERVICE>_PORT for each service")
        }
        if let port, !(0...65535).contains(port) {
            throw ValidationError("--port must be between 0 and 65535")
        }
        if !self.target.services.contains(.rlTrainer), self.judge.isGiven {
            throw ValidationError("--judge-model and --judge-base-url are for the rl-trainer service (or 'all')")
        }
    }

    func run() async throws {
        var extra: [AbsoluteConfigKey: ConfigValue] = [:]
        if let host { extra["kaizen.http.host"] = .init(stringLiteral: host) }
        if let port { extra["kaizen.http.port"] = .init(integerLiteral: port) }
        let environment = try KaizenEnvironment(options: self.global, extra: extra)
        let configurations = self.target.services.map { kind in
            (
                kind: kind,
                configuration: ServiceConfiguration(
                    service: kind, reader: environment.reader, usesSharedPort: self.target != .all)
            )
        }
        for (_, configuration) in configurations where !configuration.bindsLoopbackOnly && configuration.apiToken == nil
        {
            throw CommandFailure(
                "--host \(configuration.host) is reachable from other machines: set KAIZEN_API_TOKEN so callers must "
                    + "send it as a bearer token, or bind 127.0.0.1")
        }
        // The trainer's reward, with the judge when one is named; its endpoint answers before any service starts.
        let rewardModel: any RewardModel =
            self.target.services.contains(.rlTrainer)
            ? try await self.judge.makeRewardModel(reader: environment.reader, models: self.models)
            : try Verifier()
        let applications: [any Service] = try configurations.map { kind, configuration in
            var logger = environment.logger
            logger[metadataKey: "service"] = "\(kind.rawValue)"
            let parts = try ServiceCatalog.parts(
                for: kind, environment: environment, models: self.models, rewardModel: rewardModel, logger: logger)
            return buildApplication(
                service: kind,
                configuration: configuration,
                routes: parts.routes,
                logger: logger,
                services: parts.services
            )
        }
        let group = ServiceGroup(
            configuration: .init(
                services: applications.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: environment.logger
            )
        )
        do {
            try await group.run()
        } catch let error where PortInUse.matches(error) {
            throw PortInUse.failure(configurations)
        }
    }
}

/// What each service adds to the shared HTTP layer: its routes, and the background services it owns.
enum ServiceCatalog {
    static func parts(
        for service: ServiceKind, environment: KaizenEnvironment, models: ModelOptions, rewardModel: any RewardModel,
        logger: Logger
    )
        throws -> (routes: ServiceRoutes, services: [any Service])
    {
        switch service {
        case .failureClustering:
            let store = try environment.openStore(creating: true)
            return (ClusteringController(stage: ClusteringStage(store: store, runs: store)).routes, [])
        case .patchGenerator:
            return (
                PatchGeneratorController(
                    stages: try makePatchStages(environment: environment, models: models, creatingStore: true)
                ).routes,
                []
            )
        case .ranker:
            return (
                RankerController(
                    stages: try makePatchStages(environment: environment, models: models, creatingStore: true)
                ).routes, []
            )
        case .rlTrainer:
            let store = try environment.openStore(creating: true)
            let model = try models.makeModel(reader: environment.reader)
            var trainer = PromptTrainer(
                model: model, rewardModel: rewardModel, store: store,
                registry: environment.trainingRegistry(sharing: store),
                configuration: trainerConfiguration(for: model))
            trainer.reflectionModel = reflectionModel(for: model)
            let jobs = TrainingJobs(
                trainer: trainer, runs: store, logger: logger, leaseDuration: jobLease(environment.reader))
            let inputs = StageInputs(
                registry: environment.registry, clustering: ClusteringStage(store: store, runs: store))
            let controller = TrainerController(jobs: jobs, registry: environment.registry) { clusteringID, clusterID in
                do {
                    return try await inputs.cluster(inline: nil, clusteringID: clusteringID, clusterID: clusterID)
                } catch let error as StageInputError {
                    throw APIError.notFound(error.description)
                }
            }
            return (controller.routes, [jobs])
        }
    }
}

/// `job.lease` (`KAIZEN_JOB_LEASE`), seconds: how long a trainer process vouches for a running job between heartbeats
/// (every third of it); another process sharing the store marks the job `interrupted` once it has run out. Short
/// leases find a dead process sooner and cost more store writes. Default 30; a value that is not positive means the
/// default.
func jobLease(_ reader: ConfigReader) -> Double {
    let lease = reader.double(forKey: "job.lease", default: TrainingJobRecorder.defaultLeaseDuration)
    return lease > 0 && lease.isFinite ? lease : TrainingJobRecorder.defaultLeaseDuration
}
