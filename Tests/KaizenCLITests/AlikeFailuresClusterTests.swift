import Foundation
import Testing

/// Failures that are all alike leave every k-means cluster but one empty; the header says so rather than reporting
/// "1 clusters (k silhouette: 2)".
struct AlikeFailuresClusterTests {
    @Test func theHeaderSaysWhyThereIsOneCluster() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let lines = (0..<12).map { index in
            #"{"id":"same-\#(index)","input":"What?","response":"Same answer.","reward":0.1,"prompt_id":"p_v1_1"}"#
        }
        try kaizen.write("same.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try await kaizen.run(["experiences", "import", "same.jsonl"]).status == 0)
        let run = try await kaizen.run(["cluster"])
        #expect(run.status == 0, "\(run)")
        #expect(
            run.stdout.contains(
                "12 failures in 1 cluster (k silhouette: 2; the others were empty: the failures are alike)"),
            "\(run)")
    }
}
