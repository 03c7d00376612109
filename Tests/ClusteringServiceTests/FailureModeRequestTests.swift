import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// `POST /api/v1/cluster` takes `encoding`, `topic_weight` and `"stop_words": "none"` (issue 13).
struct FailureModeRequestTests {
    let service = ClusteringServiceTests()

    /// The run's `request` object and its first cluster's top terms.
    func cluster(_ body: String) async throws -> (status: HTTPResponse.Status, object: [String: Any]) {
        let result = Mutex<(status: HTTPResponse.Status, body: Data)>((.ok, Data()))
        try await self.service.withService { client in
            try await client.execute(uri: "/api/v1/cluster", method: .post, body: ByteBuffer(string: body)) {
                (response: TestResponse) async throws in
                let data = Data(response.body.readableBytesView)
                result.withLock { $0 = (response.status, data) }
            }
        }
        let (status, data) = result.withLock { $0 }
        return (status, try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
    }

    @Test func defaultClustersByFailureModeAndTopicIsAnOption() async throws {
        let modes = try await self.cluster(#"{"k": 2}"#)
        #expect(modes.status == .created)
        #expect((modes.object["request"] as? [String: Any])?["encoding"] as? String == "failure_mode")
        let terms = ((modes.object["clusters"] as? [[String: Any]]) ?? []).compactMap {
            (($0["top_terms"] as? [[String: Any]])?.first?["term"]) as? String
        }
        #expect(!terms.isEmpty && terms.allSatisfy { $0.hasPrefix("mode:") }, "\(terms)")

        let topics = try await self.cluster(#"{"k": 2, "encoding": "topic", "vectorizer": {"stop_words": "none"}}"#)
        #expect(topics.status == .created)
        let request = try #require(topics.object["request"] as? [String: Any])
        #expect(request["encoding"] as? String == "topic")
        #expect((request["vectorizer"] as? [String: Any])?["stop_words"] as? String == "none")
    }

    static let mistakes: [(body: String, phrase: String)] = [
        (#"{"encoding": "modes"}"#, "encoding"),
        (#"{"topic_weight": 2}"#, "topic_weight"),
        (#"{"vectorizer": {"stop_words": "french"}}"#, "stop_words"),
    ]

    @Test(arguments: 0..<mistakes.count)
    func badOptionsGetA422(_ index: Int) async throws {
        let (body, phrase) = Self.mistakes[index]
        let answer = try await self.cluster(body)
        #expect(answer.status == .unprocessableContent)
        let detail = try #require(answer.object["detail"] as? String)
        #expect(detail.contains(phrase), "\(detail)")
    }
}
