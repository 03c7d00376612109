import ChildProcesses
import Foundation
import Testing

/// The package's target graph as `swift package dump-package` reports it: the stages carry no HTTP, the services
/// depend on the stages and never on each other, and the benchmarks are a package of their own, so `swift test`
/// does not build them.
@Suite(.timeLimit(.minutes(10)))
struct PackageGraphTests {
    static let services: Set<String> = ["ClusteringService", "PatchServices", "TrainerService"]

    @Test func stagesCarryNoHTTP() async throws {
        let graph = try await PackageGraph.root()
        let stages = try #require(graph.targets["Stages"])
        #expect(stages.targets.isDisjoint(with: Self.services.union(["HTTPSupport"])))
        #expect(stages.packages.isDisjoint(with: ["hummingbird", "async-http-client", "swift-nio"]))
    }

    @Test func servicesDependOnStagesAndNotOnEachOther() async throws {
        let graph = try await PackageGraph.root()
        for service in Self.services {
            let dependencies = try #require(graph.targets[service]).targets
            #expect(dependencies.contains("Stages"), "\(service)")
            #expect(dependencies.isDisjoint(with: Self.services), "\(service) depends on another service")
        }
    }

    @Test func theInProcessPipelineLinksNoService() async throws {
        let graph = try await PackageGraph.root()
        #expect(try #require(graph.targets["Pipeline"]).targets.isDisjoint(with: Self.services))
    }

    @Test func theDemoWorldDoesNotNeedTheTrainer() async throws {
        let graph = try await PackageGraph.root()
        #expect(!(try #require(graph.targets["DemoWorld"]).targets.contains("RLTraining")))
    }

    @Test func benchmarksAreAPackageOfTheirOwn() async throws {
        let graph = try await PackageGraph.root()
        #expect(graph.targets.keys.filter { $0.hasSuffix("Benchmark") }.isEmpty)
        let manifest = PackageGraph.rootURL.appendingPathComponent("Benchmarks/Package.swift")
        #expect(FileManager.default.fileExists(atPath: manifest.path))
    }
}

/// Target name → the targets and packages it depends on, read from `swift package dump-package`.
struct PackageGraph {
    struct Target {
        var targets: Set<String> = []
        var packages: Set<String> = []
    }

    var targets: [String: Target]

    /// The package root: three levels above this file (`Tests/KaizenCLITests/PackageGraphTests.swift`).
    static let rootURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The root package's graph. The manifest is evaluated with a scratch folder of its own, because `swift test`
    /// holds the lock of the package's `.build` while the tests run.
    static func root() async throws -> PackageGraph {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kaizen-graph-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let dump = try await ChildProcess.run(
            "/usr/bin/env",
            ["swift", "package", "--package-path", Self.rootURL.path, "--scratch-path", scratch.path, "dump-package"],
            environment: ChildProcess.inherited())
        try #require(dump.ending == .exited(0), "swift package dump-package failed: \(dump.stderr)")
        return try PackageGraph(dump: Data(dump.stdout.utf8))
    }

    /// Reads `targets[].dependencies[]`: `byName`/`target` entries name a target (or a product of this package),
    /// `product` entries name a product and its package.
    init(dump: Data) throws {
        let root = try #require(try JSONSerialization.jsonObject(with: dump) as? [String: Any])
        var targets: [String: Target] = [:]
        for target in try #require(root["targets"] as? [[String: Any]]) {
            var entry = Target()
            for dependency in target["dependencies"] as? [[String: [Any]]] ?? [] {
                if let name = (dependency["byName"] ?? dependency["target"])?.first as? String {
                    entry.targets.insert(name)
                }
                if let product = dependency["product"], product.count > 1, let package = product[1] as? String {
                    entry.packages.insert(package)
                }
            }
            targets[try #require(target["name"] as? String)] = entry
        }
        self.targets = targets
    }
}
