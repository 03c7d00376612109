import Experiences

/// How the instructions in a system prompt change the simulator's failure probabilities: the data behind the
/// ``Simulator``, replaceable so tests can give it tables whose best instruction set is known.
///
/// The model is a multinomial logit. For a request of kind `k` whose system prompt contains the set `I` of
/// instructions, failure mode `m` has logit
///
///     L_m = base[m] + kinds[k].logits[m] + Σ_{i ∈ I} (i.effects[m] + i.kindEffects[k][m])
///
/// and a grounded answer has logit 0, so at temperature 1
///
///     P(grounded) = 1 / (1 + Σ_m exp(L_m)),   P(m) = exp(L_m) / (1 + Σ_m exp(L_m)).
///
/// Effects add up, an instruction can lower one failure and raise another, and kind-specific effects let the same
/// instruction help on one kind of input (e.g. unanswerable questions) and hurt on another. For a kind whose
/// `answerable` is false, the grounded answer is an abstention, so the refusal mode's mass counts as grounded.
/// The JSON shape and the default table are documented in `Docs/simulator.md`.
package struct EffectTable: Sendable, Hashable, Codable {
    /// The failure logits of every request before kind and instructions.
    package var base: FailureLogits
    /// The kind assumed when a request has none. Default `answerable`.
    package var defaultKind: String
    /// Per-kind adjustments, keyed by kind name (the experience's `metadata.kind`). Default empty.
    package var kinds: [String: KindProfile]
    /// The instructions the simulator recognises, in order (see ``Instruction/name`` for how they are found).
    package var instructions: [Instruction]

    /// Creates a table.
    package init(
        base: FailureLogits,
        defaultKind: String = "answerable",
        kinds: [String: KindProfile] = [:],
        instructions: [Instruction]
    ) {
        self.base = base
        self.defaultKind = defaultKind
        self.kinds = kinds
        self.instructions = instructions
    }

    /// A kind of input: whether it can be answered from what the model is given, and its extra failure logits.
    package struct KindProfile: Sendable, Hashable, Codable {
        /// Whether the input is answerable; when false, the grounded answer is an abstention. Default `true`.
        package var answerable: Bool
        /// Logits added for this kind. Default none.
        package var logits: FailureLogits

        /// Creates a kind profile.
        package init(answerable: Bool = true, logits: FailureLogits = [:]) {
            self.answerable = answerable
            self.logits = logits
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case answerable, logits }

        package init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.answerable = try container.decodeIfPresent(Bool.self, forKey: .answerable) ?? true
            self.logits = try container.decodeIfPresent(FailureLogits.self, forKey: .logits) ?? [:]
        }
    }

    /// An instruction the simulator can find in a system prompt, and what it does to each failure mode.
    package struct Instruction: Sendable, Hashable, Codable {
        /// A unique name, reported in the simulator's output metadata. A family's name (``InstructionFamily``, e.g.
        /// `grounding`) makes the family detector find the instruction in any phrasing it recognises.
        package var name: String
        /// Phrases that reveal the instruction besides its family's: case-insensitive substrings of the system
        /// prompt. Default none.
        package var triggers: [String]
        /// Regular expressions that reveal it, matched case-insensitively anywhere in the prompt. Default none.
        package var patterns: [String]
        /// Logits added to every request whose prompt has the instruction (negative fixes, positive causes).
        package var effects: FailureLogits
        /// Further logits added only for requests of the named kind. Default none.
        package var kindEffects: [String: FailureLogits]
        /// A human note on why the instruction has these effects; not interpreted. Default `nil`.
        package var note: String?

        /// Creates an instruction.
        package init(
            name: String,
            triggers: [String] = [],
            patterns: [String] = [],
            effects: FailureLogits = [:],
            kindEffects: [String: FailureLogits] = [:],
            note: String? = nil
        ) {
            self.name = name
            self.triggers = triggers
            self.patterns = patterns
            self.effects = effects
            self.kindEffects = kindEffects
            self.note = note
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, triggers, patterns, effects
            case kindEffects = "kind_effects"
            case note
        }

        package init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.name = try container.decode(String.self, forKey: .name)
            self.triggers = try container.decodeIfPresent([String].self, forKey: .triggers) ?? []
            self.patterns = try container.decodeIfPresent([String].self, forKey: .patterns) ?? []
            self.effects = try container.decodeIfPresent(FailureLogits.self, forKey: .effects) ?? [:]
            self.kindEffects = try container.decodeIfPresent([String: FailureLogits].self, forKey: .kindEffects) ?? [:]
            self.note = try container.decodeIfPresent(String.self, forKey: .note)
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.name, forKey: .name)
            if !self.triggers.isEmpty { try container.encode(self.triggers, forKey: .triggers) }
            if !self.patterns.isEmpty { try container.encode(self.patterns, forKey: .patterns) }
            try container.encode(self.effects, forKey: .effects)
            if !self.kindEffects.isEmpty { try container.encode(self.kindEffects, forKey: .kindEffects) }
            try container.encodeIfPresent(self.note, forKey: .note)
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case base
        case defaultKind = "default_kind"
        case kinds, instructions
    }

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.base = try container.decode(FailureLogits.self, forKey: .base)
        self.defaultKind = try container.decodeIfPresent(String.self, forKey: .defaultKind) ?? "answerable"
        self.kinds = try container.decodeIfPresent([String: KindProfile].self, forKey: .kinds) ?? [:]
        self.instructions = try container.decode([Instruction].self, forKey: .instructions)
    }

    /// The profile of `kind` (`nil` means ``defaultKind``); an unknown kind is answerable with no extra logits.
    package func profile(of kind: String?) -> KindProfile {
        self.kinds[kind ?? self.defaultKind] ?? KindProfile()
    }

    /// The failure logits for a request of `kind` whose prompt contains the named instructions.
    ///
    /// - Complexity: O(instructions × modes).
    package func logits(instructions active: some Sequence<String>, kind: String?) -> FailureLogits {
        let kindName = kind ?? self.defaultKind
        let names = Set(active)
        var total = self.base + self.profile(of: kind).logits
        for instruction in self.instructions where names.contains(instruction.name) {
            total = total + instruction.effects
            if let extra = instruction.kindEffects[kindName] { total = total + extra }
        }
        return total
    }

    /// The outcome probabilities for a request of `kind` whose prompt contains the named instructions, at
    /// `temperature` (logits, including the grounded answer's 0, are divided by `max(temperature, 0.01)`).
    package func distribution(
        instructions active: some Sequence<String>,
        kind: String?,
        temperature: Double = 1
    ) -> OutcomeDistribution {
        let logits = self.logits(instructions: active, kind: kind)
        return OutcomeDistribution(
            logits: logits, temperature: temperature, answerable: self.profile(of: kind).answerable)
    }
}

/// Throws when the object being decoded has a key outside `allowed`, so typos in hand-written files are reported.
func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(in decoder: any Decoder, allowed: Keys.Type) throws {
    let container = try decoder.container(keyedBy: AnyCodingKey.self)
    let known = Set(Keys.allCases.map(\.stringValue))
    for key in container.allKeys where !known.contains(key.stringValue) {
        let expected = Keys.allCases.map(\.stringValue).joined(separator: ", ")
        throw DecodingError.dataCorrupted(
            DecodingError.Context(
                codingPath: decoder.codingPath + [key],
                debugDescription: "unknown key '\(key.stringValue)' (expected one of: \(expected))"))
    }
}
