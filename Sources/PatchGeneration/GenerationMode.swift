import Experiences

/// How patches are produced: from the template library (offline, default) or by asking a language model.
///
/// JSON: `"template"` or `"llm"`.
package enum GenerationMode: String, Sendable, Hashable, Codable, CaseIterable, NamedCases {
    /// The built-in strategy library; needs no model.
    case template
    /// A reflective request to the configured ``LanguageModels/LanguageModel``; its answer is validated.
    case llm
}

extension GenerationMode {
    /// Decodes the raw value; anything else is refused with the accepted values listed.
    package init(from decoder: any Decoder) throws {
        try self.init(namedCaseFrom: decoder)
    }
}
