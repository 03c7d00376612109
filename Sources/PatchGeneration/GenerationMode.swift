/// How patches are produced: from the template library (offline, default) or by asking a language model.
///
/// JSON: `"template"` or `"llm"`.
package enum GenerationMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The built-in strategy library; needs no model.
    case template
    /// A reflective request to the configured ``LanguageModels/LanguageModel``; its answer is validated.
    case llm
}
