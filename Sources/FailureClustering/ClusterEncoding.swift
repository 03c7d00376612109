import Experiences

/// What the clusterer groups failures by (`encoding`).
package enum ClusterEncoding: String, Sendable, Hashable, Codable, CaseIterable, NamedCases {
    /// What went wrong first, then the topic: the verifier's diagnosis of each failure (failure modes, unsupported
    /// names and numbers, refusal, length and format findings) as a block that outweighs the TF-IDF of its text, so
    /// clusters follow the failure mode and split by topic only within a mode. Needs no `failure_type` label. The
    /// default (see ``FailureModeEncoder``).
    case failureMode = "failure_mode"
    /// The TF-IDF of the text alone: clusters follow what the failures talk about.
    case topic
}

extension ClusterEncoding {
    /// Decodes the raw value; anything else is refused with the accepted values listed.
    package init(from decoder: any Decoder) throws {
        try self.init(namedCaseFrom: decoder)
    }
}
