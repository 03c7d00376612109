/// Something that turns a system prompt and a user turn into sampled outputs: an OpenAI-compatible endpoint or the
/// built-in ``Simulator``.
///
/// Training calls `generate` many times concurrently, so conformers are `Sendable` and must tolerate parallel calls.
/// A conformer that reports `simulated == true` in its responses is a stand-in, not a real model; everything derived
/// from its outputs (rewards, prompt versions) must say so.
package protocol LanguageModel: Sendable {
    /// The name reported in ``GenerationResponse/model`` (e.g. `kaizen-simulator`, or the endpoint's model id).
    var name: String { get }

    /// Samples `request.n` outputs for one request.
    ///
    /// - Parameter request: the prompt, the user turn, optional context and the sampling settings.
    /// - Returns: the outputs in order, the token usage and whether they were simulated.
    /// - Throws: ``GenerationError`` when the request is invalid or the backend fails.
    func generate(_ request: GenerationRequest) async throws -> GenerationResponse
}
