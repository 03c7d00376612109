import AsyncHTTPClient
import Configuration
import FakeModelServer
import Foundation
import LanguageModels
import Logging
import Testing

@testable import OpenAIClient

/// Several replicas of one model (comma-separated base URLs): calls are spread over them, a replica that fails is
/// skipped for its cooldown and the retry goes to another at once, each replica has its own concurrency bound, and
/// the probe fails only when every replica does. Against two fake servers over real HTTP.
struct ReplicaTests {
    private let request = GenerationRequest(systemPrompt: "S", userTurn: "What is 2+2?", context: "2+2 is 4.")

    private func makeClient(
        _ baseURLs: [String], httpClient: HTTPClient = .shared, sleeper: SleepRecorder = SleepRecorder(),
        configure: (inout OpenAIClientConfiguration) -> Void = { _ in }
    ) -> OpenAIClient {
        var configuration = OpenAIClientConfiguration(
            baseURL: baseURLs.joined(separator: ", "), model: "fake-model", requestTimeout: .seconds(30))
        configure(&configuration)
        return OpenAIClient(
            configuration: configuration,
            transport: HTTPClientTransport(client: httpClient, maxResponseBytes: configuration.maxResponseBytes),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, sleep: sleeper.sleep,
            random: FixedGenerator())
    }

    /// Runs `body` with the base URLs of two fake servers.
    private static func withTwo<Value: Sendable>(
        _ first: FakeOpenAIServer, _ second: FakeOpenAIServer,
        _ body: @escaping @Sendable (String, String) async throws -> Value
    ) async throws -> Value {
        try await first.run { one in try await second.run { two in try await body(one, two) } }
    }

    @Test func callsAreSpreadOverHealthyReplicas() async throws {
        let (first, second) = (FakeOpenAIServer([]), FakeOpenAIServer([]))
        try await Self.withTwo(first, second) { one, two in
            let client = self.makeClient([one, two])
            for _ in 0..<10 { _ = try await client.generate(self.request) }
        }
        #expect(await first.calls == 5)
        #expect(await second.calls == 5)
    }

    @Test func aReplicaAnswering5xxIsSkippedAndTheRetryGoesElsewhereAtOnce() async throws {
        let failing = FakeOpenAIServer(
            [], fallback: .status(500, body: #"{"error": {"message": "CUDA out of memory"}}"#))
        let healthy = FakeOpenAIServer([])
        let sleeper = SleepRecorder()
        let outputs = try await Self.withTwo(failing, healthy) { bad, good in
            // A cooldown longer than any test run: on a loaded machine this test once took 68 s, beyond the default 15 s,
            // and the failing replica got a second call. Cooldown expiry is tested on the balancer's own clock below.
            let client = self.makeClient([bad, good], sleeper: sleeper) { $0.endpointCooldown = .seconds(3600) }
            var outputs: [String] = []
            for _ in 0..<10 { outputs += try await client.generate(self.request).outputs }
            return outputs
        }
        #expect(outputs.count == 10)
        #expect(await failing.calls == 1, "the failing replica cools down after its first 500")
        #expect(await healthy.calls == 10)
        #expect(sleeper.recorded.isEmpty, "the retry went to the other replica without a backoff wait")
    }

    @Test func aReplicaNobodyListensOnIsSkipped() async throws {
        let healthy = FakeOpenAIServer([])
        let httpClient = OpenAIClient.makeHTTPClient()
        let sleeper = SleepRecorder()
        do {
            let count = try await healthy.run { good in
                // Port 9 (discard): nothing listens there on a test machine, so the connection is refused.
                let client = self.makeClient(["http://127.0.0.1:9/v1", good], httpClient: httpClient, sleeper: sleeper)
                {
                    $0.endpointCooldown = .seconds(3600)
                }
                _ = try await client.probe()
                var count = 0
                for _ in 0..<6 { count += try await client.generate(self.request).outputs.count }
                return count
            }
            #expect(count == 6)
            #expect(await healthy.calls == 7, "the probe and every generation went to the live replica")
            #expect(sleeper.recorded.isEmpty)
        } catch {
            try await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
    }

    @Test func theProbeFailsOnlyWhenEveryReplicaFails() async throws {
        let (first, second) = (
            FakeOpenAIServer([], fallback: .status(503, body: "loading")),
            FakeOpenAIServer([], fallback: .status(503, body: "loading"))
        )
        let message = try await Self.withTwo(first, second) { one, two in
            do {
                _ = try await self.makeClient([one, two]).probe()
                return "answered"
            } catch let error as GenerationError {
                return error.reason
            }
        }
        #expect(message.hasPrefix("probe of http://localhost:"), "\(message)")
        #expect(message.contains("HTTP 503"), "\(message)")
        #expect(message.hasSuffix("(all 2 replicas failed)"), "\(message)")
    }

    @Test func eachReplicaHasItsOwnConcurrencyBound() async throws {
        let (first, second) = (
            FakeOpenAIServer([], fallback: .complete(delay: .milliseconds(100))),
            FakeOpenAIServer([], fallback: .complete(delay: .milliseconds(100)))
        )
        try await Self.withTwo(first, second) { one, two in
            let client = self.makeClient([one, two]) { $0.maxConcurrentRequests = 2 }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<12 { group.addTask { _ = try await client.generate(self.request) } }
                try await group.waitForAll()
            }
        }
        let (firstCalls, secondCalls) = (await first.calls, await second.calls)
        #expect(await first.maxInFlight <= 2)
        #expect(await second.maxInFlight <= 2)
        #expect(firstCalls + secondCalls == 12)
        #expect(firstCalls >= 4 && secondCalls >= 4, "both replicas took a share: \(firstCalls) and \(secondCalls)")
    }

    @Test func aCooledDownReplicaIsTriedAgainAfterItsCooldown() {
        let balancer = EndpointBalancer(urls: ["a", "b"], permits: 1, cooldown: .seconds(15))
        let start = ContinuousClock.now
        let first = balancer.choose(now: start)
        balancer.finish(first, healthy: false, now: start)
        let other = 1 - first
        for _ in 0..<3 {
            let chosen = balancer.choose(now: start + .seconds(1))
            #expect(chosen == other)
            balancer.finish(chosen, healthy: true)
        }
        #expect(!balancer.hasAlternative(to: other, now: start + .seconds(1)))
        #expect(balancer.hasAlternative(to: other, now: start + .seconds(16)))
        let chosenAfter = [balancer.choose(now: start + .seconds(16)), balancer.choose(now: start + .seconds(16))]
        #expect(Set(chosenAfter) == [0, 1], "after its cooldown the replica takes calls again")
    }

    @Test func whenEveryReplicaCoolsDownTheOneThatRecoversFirstIsTried() {
        let balancer = EndpointBalancer(urls: ["a", "b"], permits: 1, cooldown: .seconds(15))
        let start = ContinuousClock.now
        balancer.markFailed(1, now: start)
        balancer.markFailed(0, now: start + .seconds(5))
        #expect(balancer.choose(now: start + .seconds(6)) == 1)
    }

    @Test func theURLsAndTheCooldownAreConfigured() {
        let configuration = OpenAIClientConfiguration(baseURL: " http://a:8000/v1/ ,http://b:8000/v1,, ")
        #expect(
            configuration.chatCompletionsURLs == [
                "http://a:8000/v1/chat/completions", "http://b:8000/v1/chat/completions",
            ])
        #expect(configuration.chatCompletionsURL == "http://a:8000/v1/chat/completions")
        #expect(OpenAIClientConfiguration().chatCompletionsURLs == ["http://127.0.0.1:8000/v1/chat/completions"])
        let reader = ConfigReader(provider: InMemoryProvider(values: ["endpointCooldown": 2.5]))
        #expect(
            OpenAIClientConfiguration(baseURL: "http://a/v1", model: "m", reader: reader).endpointCooldown
                == .milliseconds(2500))
        #expect(OpenAIClientConfiguration().endpointCooldown == .seconds(15))
    }
}
