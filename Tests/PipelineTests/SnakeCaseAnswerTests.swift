import Foundation
import Pipeline
import PromptTraining
import Stages
import Testing
import TrainerService

/// Every key of what the services answer and the pipeline stores is snake_case (the training curve's were not).
struct SnakeCaseAnswerTests {
    /// Every key of `value` (a decoded JSON document) written in camelCase (a lowercase letter or digit, then an
    /// uppercase one), with its path; the contents of `metadata` objects are the caller's own data and are left alone.
    static func camelCaseKeys(in value: Any, path: String = "") -> [String] {
        if let object = value as? [String: Any] {
            return object.sorted { $0.key < $1.key }.flatMap { key, child -> [String] in
                let here = path.isEmpty ? key : "\(path).\(key)"
                let own = key.range(of: "[a-z0-9][A-Z]", options: .regularExpression) != nil ? [here] : []
                return own + (key == "metadata" ? [] : Self.camelCaseKeys(in: child, path: here))
            }
        }
        if let array = value as? [Any] {
            return array.enumerated().flatMap { Self.camelCaseKeys(in: $1, path: "\(path)[\($0)]") }
        }
        return []
    }

    @Test func everyKeyOfAPipelineRunAndItsTrainingCurveIsSnakeCase() async throws {
        let workspace = try await Workspace.make()
        defer { workspace.remove() }
        let run = try await PipelineRunner(backend: try workspace.localBackend(), configuration: testConfiguration)
            .run(basePromptID: "p_v1_1")
        let curve = try #require(run.job?.result?.training.curve)
        #expect(!curve.isEmpty)
        let document = try JSONSerialization.jsonObject(with: JSONEncoder().encode(run))
        let offending = Self.camelCaseKeys(in: document)
        #expect(offending.isEmpty, "not snake_case: \(offending.prefix(20))")
        let point = try #require(
            ((((document as? [String: Any])?["job"] as? [String: Any])?["result"] as? [String: Any])?[
                "training"] as? [String: Any])?["curve"] as? [[String: Any]])
        #expect(point.first?["kl_divergence"] as? Double != nil)
    }
}
