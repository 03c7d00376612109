extension EffectTable {
    /// The built-in table: plausible, with trade-offs, documented in `Docs/simulator.md`.
    ///
    /// Its first six instructions are named after ``InstructionFamily`` cases and carry no triggers: the family
    /// detector finds them in any phrasing it recognises. `no_op` is not a family and keeps its own triggers.
    ///
    /// With no recognised instruction an answerable request is grounded about 60% of the time (hallucination
    /// about 18%); an `unanswerable` one hallucinates about 62% of the time. Grounding rules cut hallucination a
    /// little more at the cost of some incompleteness; an abstention rule fixes hallucination on unanswerable
    /// inputs but causes refusals on answerable ones; length rules fix verbosity but raise incompleteness; a format
    /// contract fixes format; asking for thoroughness fixes incompleteness but causes verbosity; and some common
    /// phrases do nothing at all.
    package static let `default` = EffectTable(
        base: [.hallucination: -1.2, .verbosity: -2.0, .format: -2.2, .refusal: -3.5, .incomplete: -2.4],
        defaultKind: "answerable",
        kinds: [
            "answerable": KindProfile(answerable: true),
            "unanswerable": KindProfile(answerable: false, logits: [.hallucination: 2.0]),
            "numeric": KindProfile(answerable: true, logits: [.hallucination: 0.5]),
        ],
        instructions: [
            Instruction(
                name: "grounding",
                effects: [.hallucination: -1.5, .incomplete: 0.3],
                note: "Grounding rules cut unsupported claims; answers get a little more cautious."
            ),
            Instruction(
                name: "abstention",
                effects: [.hallucination: -0.5],
                kindEffects: [
                    "unanswerable": [.hallucination: -3.0],
                    "answerable": [.refusal: 2.0],
                    "numeric": [.refusal: 2.0],
                ],
                note: "Fixes hallucination on unanswerable inputs, but causes unneeded refusals on answerable ones."
            ),
            Instruction(
                name: "concision",
                effects: [.verbosity: -2.5, .incomplete: 0.6],
                note: "Length budgets fix padding but make answers a little more often incomplete."
            ),
            Instruction(
                name: "format_contract",
                effects: [.format: -2.5],
                note: "An explicit format contract fixes broken formats."
            ),
            Instruction(
                name: "completeness",
                effects: [.incomplete: -1.5, .verbosity: 1.0],
                note: "Asking for thoroughness fixes incomplete answers but invites padding."
            ),
            Instruction(
                name: "numbers_check",
                kindEffects: ["numeric": [.hallucination: -1.5]],
                note: "Only helps inputs whose answer is a number."
            ),
            Instruction(
                name: "no_op",
                triggers: [
                    "you are a helpful assistant", "think step by step", "take a deep breath", "you are an expert",
                    "do your best",
                ],
                effects: [:],
                note: "Common phrases that change nothing."
            ),
        ]
    )
}
