/// How the importer reads a line (or the ingestion route an item): as an experience, or as an OpenAI-style chat log
/// (see ``ChatLogLine``).
package enum ImportFormat: String, Sendable, Hashable, CaseIterable {
    /// Per line: an object with a `messages` array is a chat log, anything else an experience.
    case auto
    /// Every line is an experience (`id`, `input`, `response`, `reward` or `success`, ...).
    case experience
    /// Every line is a chat log (`messages`, plus the experience's other fields).
    case chat
}
