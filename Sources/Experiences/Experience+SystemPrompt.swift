extension Experience {
    /// The metadata key of the system prompt the response was written under (`system_prompt`): a chat log's import
    /// keeps it there, and the verifier reads its words as it reads the input's: supported, and no fact of the context.
    package static let systemPromptKey = "system_prompt"

    /// This experience with `prompt` as the system prompt its responses are scored against, unless it names one
    /// already: the trainer, the evaluator and the ranker score answers written under a prompt they know.
    package func scored(underSystemPrompt prompt: String) -> Experience {
        guard !prompt.isEmpty, self.metadata[Self.systemPromptKey] == nil else { return self }
        var experience = self
        experience.metadata[Self.systemPromptKey] = .string(prompt)
        return experience
    }
}
