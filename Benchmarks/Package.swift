// swift-tools-version:6.2
import PackageDescription

// Kaizen's benchmarks, a package of their own (as swift-nio and Hummingbird keep theirs) so that `swift test` in the
// root does not build them. Run them in release mode from the repository root, e.g.
// `swift run -c release --package-path Benchmarks VerifierBenchmark` (Benchmarks/README.md).

/// SwiftPM names a package that is depended on by path after its folder; `package:` below uses the manifest's name.
let kaizen = "kaizen"

/// The benchmarks measure Kaizen's internals, whose API is `package` access: Kaizen has no public API to measure
/// through. They compile as members of the root package (its `-package-name`, which SwiftPM derives from the root
/// folder's name, lowercased, with every character but letters, digits and `_` made `_`) instead of this package.
let rootPackageName: String = {
    let folder = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? kaizen
    let name = String(folder.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    return name.first?.isNumber == true ? "_" + name : name
}()

/// Settings of every benchmark: Kaizen's own (see the root Package.swift), and membership in its package.
let memberOfKaizen: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .unsafeFlags(["-package-name", rootPackageName]),
]

func kaizenLibrary(_ name: String) -> Target.Dependency {
    .product(name: name, package: kaizen)
}

let package = Package(
    name: "kaizen-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: kaizen, path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "ClusteringBenchmark",
            dependencies: ["FailureClustering", "Experiences", "Randomness", "SQLiteStore"].map(kaizenLibrary),
            path: "ClusteringBenchmark",
            packageAccess: false,
            swiftSettings: memberOfKaizen
        ),
        .executableTarget(
            name: "VerifierBenchmark",
            dependencies: ["Verification", "LanguageModels", "Experiences"].map(kaizenLibrary),
            path: "VerifierBenchmark",
            packageAccess: false,
            swiftSettings: memberOfKaizen
        ),
        // One rank's CPU time on the load benchmark's request (issue 14), without HTTP.
        .executableTarget(
            name: "RankBenchmark",
            dependencies: ["PatchRanking"].map(kaizenLibrary),
            path: "RankBenchmark",
            packageAccess: false,
            swiftSettings: memberOfKaizen
        ),
        // A bare Hummingbird application, the load benchmark's floor: what the framework reaches on this machine, and
        // the rank route's JSON work without the rank.
        .executableTarget(
            name: "HummingbirdFloor",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")] + ["PatchRanking"].map(kaizenLibrary),
            path: "load/HummingbirdFloor",
            packageAccess: false,
            swiftSettings: memberOfKaizen
        ),
        .executableTarget(
            name: "TrainingBenchmark",
            dependencies: [
                "PromptTraining", "RLTraining", "ConcurrencyLimits", "LanguageModels", "Verification", "Experiences",
                "Prompts", "PatchGeneration", "OpenAIClient", "Randomness", "TrainingScenarios", "Evaluation",
            ].map(kaizenLibrary) + [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "TrainingBenchmark",
            packageAccess: false,
            swiftSettings: memberOfKaizen
        ),
        // Runs the whole loop on a real model and judges it on a fresh split (real-model/run.sh).
        .executableTarget(
            name: "RealModelBenchmark",
            dependencies: [
                "Pipeline", "Stages", "PromptTraining", "PatchGeneration", "PatchRanking", "DemoWorld", "Experiences",
                "LanguageModels", "OpenAIClient", "Prompts", "RLTraining", "ConcurrencyLimits", "Randomness",
                "SQLiteStore", "Verification", "FailureClustering", "Evaluation",
            ].map(kaizenLibrary) + [
                .product(name: "Logging", package: "swift-log")
            ],
            path: "real-model",
            exclude: ["run.sh"],
            packageAccess: false,
            swiftSettings: memberOfKaizen
        ),
    ]
)
