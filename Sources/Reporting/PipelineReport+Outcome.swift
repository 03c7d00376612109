extension PipelineReport {
    /// What the run left behind: a new prompt version, or the reason there is none.
    package struct Outcome: Sendable, Hashable, Codable {
        /// Whether a new version was written.
        package var written: Bool
        /// The new version's id, when written.
        package var promptID: String?
        /// The new version's file, when written.
        package var path: String?
        /// The new version's text, when written.
        package var promptText: String?
        /// Why no version was written (or a remark on the one that was).
        package var reason: String?

        /// Creates an outcome.
        package init(
            written: Bool, promptID: String? = nil, path: String? = nil, promptText: String? = nil,
            reason: String? = nil
        ) {
            self.written = written
            self.promptID = promptID
            self.path = path
            self.promptText = promptText
            self.reason = reason
        }

        enum CodingKeys: String, CodingKey {
            case written
            case promptID = "prompt_id"
            case path
            case promptText = "prompt_text"
            case reason
        }
    }
}
