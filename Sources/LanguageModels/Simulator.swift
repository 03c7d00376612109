import Experiences
import Randomness

/// The built-in stand-in for a language model: seeded, deterministic, and driven by an ``EffectTable``.
///
/// For each output it draws an outcome (a grounded answer or a ``FailureMode``) from the table's probabilities
/// for the instructions found in the system prompt and the request's kind, then writes the matching text from the
/// request's reference or context (see `Docs/simulator.md`). The output depends only on the request and the seed,
/// never on call order, so it is safe and cheap to call concurrently. Every response says it is simulated:
/// `simulated == true`, `model == "kaizen-simulator"`, and each output's metadata has `"source": "simulator"`; the
/// text itself carries no banner, because the verifier scores it.
///
/// The outcome draw is keyed by (seed, user turn, context, reference, kind, format, output index), not by the
/// system prompt: two prompts asked with the same seed share their random numbers, so comparing them measures the
/// prompts, not the noise.
package struct Simulator: LanguageModel {
    /// The model name the simulator reports by default.
    package static let modelName = "kaizen-simulator"

    /// The configuration, including the effect table.
    package let configuration: SimulatorConfiguration
    private let detector: InstructionDetector

    /// The reported model name.
    package var name: String { self.configuration.modelName }

    /// Creates a simulator.
    ///
    /// - Throws: ``EffectTableError`` when the configuration's table is invalid.
    package init(configuration: SimulatorConfiguration) throws {
        try configuration.effects.validate()
        self.configuration = configuration
        self.detector = try InstructionDetector(table: configuration.effects)
    }

    /// A simulator with the default table and seed 0.
    package init() {
        // The default table is checked by tests; failing here is a programmer error.
        guard let simulator = try? Simulator(configuration: SimulatorConfiguration()) else {
            preconditionFailure("the default effect table is invalid")
        }
        self = simulator
    }

    /// The names of the table's instructions found in `systemPrompt`, in table order.
    package func instructions(in systemPrompt: String) -> [String] {
        self.detector.detect(in: systemPrompt)
    }

    /// The outcome probabilities the simulator samples from for `request`.
    package func distribution(for request: GenerationRequest) -> OutcomeDistribution {
        self.configuration.effects.distribution(
            instructions: self.instructions(in: request.systemPrompt),
            kind: request.kind,
            temperature: request.temperature)
    }

    package func generate(_ request: GenerationRequest) async throws -> GenerationResponse {
        try self.respond(to: request)
    }

    /// The synchronous core of ``generate(_:)``.
    ///
    /// - Throws: ``GenerationError/invalidRequest(_:)`` when `n < 1`, the temperature is negative or not finite,
    ///   or `maxTokens < 1`.
    /// - Complexity: O(n × (prompt + context + answer length)).
    package func respond(to request: GenerationRequest) throws -> GenerationResponse {
        guard request.n >= 1 else { throw GenerationError.invalidRequest("n must be at least 1") }
        guard request.temperature.isFinite, request.temperature >= 0 else {
            throw GenerationError.invalidRequest("temperature must be a finite number at least 0")
        }
        if let maxTokens = request.maxTokens, maxTokens < 1 {
            throw GenerationError.invalidRequest("max_tokens must be at least 1")
        }
        let table = self.configuration.effects
        let kind = request.kind ?? table.defaultKind
        let active = self.instructions(in: request.systemPrompt)
        let distribution = table.distribution(instructions: active, kind: kind, temperature: request.temperature)
        let writer = AnswerWriter(
            request: request,
            answerable: table.profile(of: kind).answerable,
            paddingWords: self.configuration.paddingWords)

        var key = StableHash()
        for part in [request.userTurn, request.context, request.reference, kind, request.format] { key.combine(part) }
        let seed = (request.seed ?? self.configuration.seed) ^ key.value

        var outputs: [String] = []
        var metadata: [[String: JSONValue]] = []
        var finishReasons: [FinishReason?] = []
        outputs.reserveCapacity(request.n)
        metadata.reserveCapacity(request.n)
        finishReasons.reserveCapacity(request.n)
        for index in 0..<request.n {
            var rng = SplitMix64.derived(seed: seed, stream: UInt64(index))
            let outcome = distribution.outcome(for: rng.nextUnitDouble())
            var text = writer.write(outcome, using: &rng)
            var reason = FinishReason.stop
            if let maxTokens = request.maxTokens, TokenEstimate.count(text) > maxTokens {
                text = TokenEstimate.truncate(text, toTokens: maxTokens)
                reason = .length
            }
            outputs.append(text)
            finishReasons.append(reason)
            metadata.append([
                "source": .string("simulator"),
                "behaviour": .string(outcome?.rawValue ?? "grounded"),
                "kind": .string(kind),
                "instructions": .array(active.map { .string($0) }),
            ])
        }
        let promptTokens =
            TokenEstimate.count(request.systemPrompt) + TokenEstimate.count(request.userTurn)
            + TokenEstimate.count(request.context ?? "")
        let usage = TokenUsage(
            promptTokens: promptTokens,
            completionTokens: outputs.reduce(0) { $0 + TokenEstimate.count($1) })
        return GenerationResponse(
            outputs: outputs, usage: usage, model: self.name, simulated: true, outputMetadata: metadata,
            finishReasons: finishReasons)
    }
}
