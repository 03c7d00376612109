// swift-tools-version:6.2
import PackageDescription

/// Settings every Kaizen target shares (as apple/swift-log does): strict existentials, and imports that must be
/// spelled where they are used.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The libraries the benchmark package (`Benchmarks/Package.swift`) links. They are products only so that package can
/// name them: their API is `package` access, which the benchmarks reach by compiling in Kaizen's package (see there).
let benchmarkedLibraries = [
    "Randomness", "Experiences", "SQLiteStore", "Prompts", "FailureClustering", "LanguageModels", "Verification",
    "RLTraining", "PatchGeneration", "PatchRanking", "PromptTraining", "OpenAIClient", "ConcurrencyLimits", "Stages",
    "Pipeline", "DemoWorld", "TrainingScenarios", "Evaluation",
]

let package = Package(
    name: "kaizen",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kaizen", targets: ["KaizenCLI"])
    ] + benchmarkedLibraries.map { .library(name: $0, targets: [$0]) },
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // Tests only: child processes that neither leak descriptors nor block a thread (Tests/ChildProcesses).
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.5.0"),
    ],
    targets: [
        // MARK: - Data: experiences and prompt versions

        .target(name: "Randomness"),
        .target(name: "ConcurrencyLimits"),
        .target(name: "Experiences", dependencies: ["Randomness"]),
        .target(
            name: "SQLiteStore",
            dependencies: [
                "Experiences",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The shared store for several machines, chosen by KAIZEN_DATABASE_URL=postgres://...
        .target(
            name: "PostgresStore",
            dependencies: [
                "Experiences", "Prompts",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "Prompts", dependencies: ["Experiences"]),

        // MARK: - Pipeline stages (no HTTP)

        .target(name: "FailureClustering", dependencies: ["Experiences", "Randomness", "Verification"]),
        .target(name: "LanguageModels", dependencies: ["Experiences", "Randomness"]),
        .target(
            name: "Verification",
            dependencies: ["Experiences", "LanguageModels", "Randomness"],
            resources: [.copy("Resources/grounding-model.json")]
        ),
        .target(name: "RLTraining", dependencies: ["Randomness", "ConcurrencyLimits", "Experiences"]),
        .target(
            name: "PatchGeneration",
            dependencies: ["Experiences", "LanguageModels", "Verification", "Randomness"]
        ),
        .target(
            name: "PatchRanking",
            dependencies: ["PatchGeneration", "Experiences", "LanguageModels", "Verification"]
        ),
        .target(
            name: "PromptTraining",
            dependencies: [
                "RLTraining", "PatchGeneration", "LanguageModels", "Verification", "Experiences", "Prompts",
                "Randomness", "ConcurrencyLimits",
            ]
        ),
        .target(
            name: "OpenAIClient",
            dependencies: [
                "LanguageModels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),

        // The stages as the services, the CLI and the pipeline call them: references resolved, runs and training
        // jobs recorded in the run store. No HTTP: the services depend on this, never the reverse.
        .target(
            name: "Stages",
            dependencies: [
                "FailureClustering", "PatchGeneration", "PatchRanking", "PromptTraining", "Prompts", "Experiences",
                "Verification", "ConcurrencyLimits",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // MARK: - HTTP

        .target(
            name: "HTTPSupport",
            dependencies: [
                "Experiences", "Prompts",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),

        // MARK: - Services (thin Hummingbird layers over the stages)

        .target(
            name: "ClusteringService",
            dependencies: [
                "Stages", "FailureClustering", "Experiences", "HTTPSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),

        .target(
            name: "PatchServices",
            dependencies: [
                "Stages", "PatchGeneration", "PatchRanking", "Prompts", "Experiences", "HTTPSupport",
                "FailureClustering",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),

        .target(
            name: "TrainerService",
            dependencies: [
                "Stages", "PromptTraining", "RLTraining", "PatchGeneration", "Prompts", "Experiences", "HTTPSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // MARK: - The whole loop

        .target(
            name: "Pipeline",
            dependencies: [
                "Stages", "PromptTraining", "PatchGeneration", "PatchRanking", "FailureClustering", "Experiences",
                "Reporting", "RLTraining", "DemoWorld",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),

        // MARK: - Demo and report

        .target(
            name: "DemoWorld",
            dependencies: ["Experiences", "LanguageModels", "Verification", "Randomness", "ConcurrencyLimits"]
        ),
        .target(name: "Reporting"),
        .target(
            name: "Evaluation",
            dependencies: [
                "PromptTraining", "RLTraining", "ConcurrencyLimits", "LanguageModels", "Verification", "Experiences",
                "Reporting",
            ]
        ),
        .executableTarget(name: "ReportPreview", dependencies: ["Reporting"]),

        // MARK: - Executable

        .executableTarget(
            name: "KaizenCLI",
            dependencies: [
                "Experiences", "SQLiteStore", "PostgresStore", "Prompts", "HTTPSupport", "Stages", "ClusteringService",
                "FailureClustering", "Verification", "LanguageModels", "PatchServices", "PatchGeneration",
                "ConcurrencyLimits",
                "PatchRanking", "TrainerService", "PromptTraining", "OpenAIClient", "Randomness", "Pipeline",
                "DemoWorld", "Reporting", "RLTraining", "Evaluation",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),

        // MARK: - Tests

        .target(
            name: "TrainingScenarios",
            dependencies: [
                "PromptTraining", "PatchGeneration", "LanguageModels", "Verification", "Experiences", "Prompts",
                "RLTraining",
            ],
            path: "Tests/TrainingScenarios"
        ),
        // Checks service answers against their OpenAPI documents (a JSON Schema subset validator).
        .target(
            name: "OpenAPITesting",
            dependencies: [
                "Experiences",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/OpenAPITesting"
        ),
        // A fake OpenAI-compatible server whose every answer a test scripts (slow, failing, garbage, cut off).
        .target(
            name: "FakeModelServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/FakeModelServer"
        ),
        // Child processes for tests (the `kaizen` executable, services, PostgreSQL, llama-server), without
        // Foundation's `Process`: see ChildProcess.swift for why.
        .target(
            name: "ChildProcesses",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            path: "Tests/ChildProcesses"
        ),
        .target(
            name: "ExperienceStoreTesting",
            dependencies: ["Experiences"],
            path: "Tests/ExperienceStoreTesting"
        ),
        .testTarget(name: "ExperiencesTests", dependencies: ["Experiences", "ExperienceStoreTesting"]),
        .testTarget(
            name: "SQLiteStoreTests",
            dependencies: ["SQLiteStore", "ExperienceStoreTesting", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Runs against a real PostgreSQL server when KAIZEN_TEST_DATABASE_URL is set (.ci/run starts one); skipped
        // otherwise, with a note.
        .testTarget(
            name: "PostgresStoreTests",
            dependencies: [
                "PostgresStore", "ExperienceStoreTesting", "Experiences", "Prompts",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "PromptsTests", dependencies: ["Prompts"]),
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness"]),
        .testTarget(name: "FailureClusteringTests", dependencies: ["FailureClustering"], exclude: ["Fixtures"]),
        .testTarget(name: "LanguageModelsTests", dependencies: ["LanguageModels", "Randomness"]),
        .testTarget(name: "VerificationTests", dependencies: ["Verification", "LanguageModels", "ChildProcesses"]),
        .testTarget(name: "RLTrainingTests", dependencies: ["RLTraining", "Randomness"]),
        .testTarget(name: "ConcurrencyLimitsTests", dependencies: ["ConcurrencyLimits"]),
        .testTarget(
            name: "ClusteringServiceTests",
            dependencies: [
                "OpenAPITesting",
                "ClusteringService", "Stages", "HTTPSupport", "Experiences",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "OpenAPITesting", "FakeModelServer", "OpenAIClient",
                "Pipeline", "Stages", "ClusteringService", "PatchServices", "TrainerService", "HTTPSupport",
                "DemoWorld", "LanguageModels", "Verification", "Experiences", "Prompts", "PromptTraining",
                "PatchGeneration", "PatchRanking", "FailureClustering", "SQLiteStore", "PostgresStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "DemoWorldTests", dependencies: ["DemoWorld", "Experiences", "LanguageModels", "Verification"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting"]),
        .testTarget(
            name: "EvaluationTests",
            dependencies: [
                "Evaluation", "LanguageModels", "Verification", "Experiences", "Reporting", "RLTraining",
                "PromptTraining",
            ]
        ),
        .testTarget(
            name: "PromptTrainingTests",
            dependencies: [
                "PromptTraining", "PatchGeneration", "LanguageModels", "Verification", "Experiences", "Prompts",
                "RLTraining",
                "TrainingScenarios",
            ]
        ),
        .testTarget(name: "PatchGenerationTests", dependencies: ["PatchGeneration", "LanguageModels", "Verification"]),
        .testTarget(
            name: "PatchRankingTests",
            dependencies: [
                "PatchRanking", "PatchGeneration", "LanguageModels", "Experiences", "HTTPSupport", "Randomness",
            ]
        ),
        .testTarget(
            name: "OpenAIClientTests",
            dependencies: [
                "FakeModelServer", "OpenAIClient", "LanguageModels", "Verification", "Experiences",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Runs against a real OpenAI-compatible server when KAIZEN_TEST_LLM_BASE_URL is set (Scripts/local-model.sh);
        // skipped otherwise.
        .testTarget(
            name: "RealModelTests",
            dependencies: [
                "ChildProcesses", "OpenAIClient", "LanguageModels", "PatchGeneration", "Verification", "Experiences",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Runs the built `kaizen` executable (Tests/KaizenCLITests/KaizenExecutable.swift).
        .testTarget(name: "KaizenCLITests", dependencies: ["KaizenCLI", "ChildProcesses", "FakeModelServer"]),
        .testTarget(
            name: "HTTPSupportTests",
            dependencies: [
                "OpenAPITesting",
                "HTTPSupport", "Experiences",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ]
)

for target in package.targets where target.type != .plugin {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
