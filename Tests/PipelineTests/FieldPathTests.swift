import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// A 422 names the field as the caller wrote it: `cluster.representatives[0].id`, not
/// `cluster.representatives.Index 0.id`.
struct FieldPathTests {
    @Test func aFieldInsideAnArrayIsNamedWithBrackets() async throws {
        try await RankerTestService.with { ranker, _, _ in
            let body =
                #"{"prompt_id": "p_v1_1", "cluster": {"cluster_id": "c", "size": 2, "representatives": [{"input": "q", "response": "r"}]}, "candidates": []}"#
            try await ranker.execute(uri: "/api/v1/rank", method: .post, body: ByteBuffer(string: body)) {
                (response: TestResponse) async throws in
                #expect(response.status == .unprocessableContent)
                let detail = try #require(try RankerTestService.json(response)["detail"] as? String)
                #expect(detail == "field 'cluster.representatives[0].id' is required", "\(detail)")
            }
        }
    }
}
