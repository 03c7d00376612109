import Foundation
import Verification

/// Settings of ``DemoWorld/logExperiences(prompt:round:count:model:verifier:seed:configuration:)``.
package struct InteractionLogConfiguration: Sendable, Hashable {
    /// At most this many model calls in flight (a sliding window). Default 16.
    package var maxConcurrency: Int
    /// The sampling temperature of each call. Default 1 (the simulator's table as written).
    package var temperature: Double
    /// A cap on each output's tokens. Default 512.
    package var maxTokens: Int?
    /// When set (with `maxTokens`), each call's cap is sized to its question's reference answer:
    /// `TokenEstimate.answerCap(expected: reference, scale:, ceiling: maxTokens)`. Default `nil`; the CLI sets 3
    /// for a real endpoint.
    package var answerTokenScale: Double?
    /// How responses are labelled and judged successful. Default `FailureLabeler()` (its defaults).
    package var labeler: FailureLabeler
    /// The start of the synthetic timeline: round `r`'s interaction `i` happens at `start + r days + i minutes`.
    /// Default 2025-12-01T00:00:00Z.
    package var start: Date
    /// The first part of every experience id (`<prefix>-r<round>-<prompt id>-<index>`). Default `demo`.
    package var idPrefix: String

    /// Creates a configuration; every field has a default.
    package init(
        maxConcurrency: Int = 16,
        temperature: Double = 1,
        maxTokens: Int? = 512,
        answerTokenScale: Double? = nil,
        labeler: FailureLabeler = FailureLabeler(),
        start: Date = Date(timeIntervalSince1970: 1_764_547_200),
        idPrefix: String = "demo"
    ) {
        self.maxConcurrency = maxConcurrency
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.answerTokenScale = answerTokenScale
        self.labeler = labeler
        self.start = start
        self.idPrefix = idPrefix
    }
}
