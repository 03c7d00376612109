import LanguageModels
import Testing

@testable import PatchGeneration

/// Every rule phrasing must be recognised by the simulator's default table as exactly the strategy's families, so
/// patches change simulated behaviour the way the strategy says.
struct StrategyTextTests {
    static let simulatorNames: [InstructionFamily: String] = [
        .grounding: "grounding", .abstention: "abstention", .concision: "concision",
        .formatContract: "format_contract", .completeness: "completeness", .numbersCheck: "numbers_check",
    ]

    @Test(arguments: PatchStrategy.allCases.filter { !$0.families.isEmpty })
    func rulePhrasingsTriggerExactlyTheirFamilies(strategy: PatchStrategy) throws {
        let simulator = Simulator()
        for format in [nil, "json", "bullets"] {
            let phrasings = strategy.phrasings(wordBudget: 60, format: format)
            #expect(!phrasings.isEmpty)
            for text in phrasings {
                let expected = Set(strategy.families.compactMap { Self.simulatorNames[$0] })
                #expect(Set(simulator.instructions(in: text)) == expected, "\(strategy): \(text)")
                #expect(InstructionFamily.present(in: text) == Set(strategy.families), "\(strategy): \(text)")
            }
        }
    }

    @Test func clarificationsAndExampleRulesTriggerTheirFamily() {
        let simulator = Simulator()
        for family in InstructionFamily.allCases {
            guard let core = PatchStrategy.clarification(of: family, wordBudget: 50) else { continue }
            #expect(InstructionFamily.present(in: "Be careful: " + core + ".").contains(family), "\(family)")
            if let name = Self.simulatorNames[family] {
                #expect(simulator.instructions(in: core).contains(name), "\(family)")
            }
        }
        for category in FailureCategory.allCases {
            guard let rule = PatchStrategy.exampleRule(for: category) else { continue }
            #expect(InstructionFamily.present(in: rule.sentence) == [rule.family], "\(category)")
        }
    }

    @Test func equivalentInstructionsAreDetectedInOtherWords() {
        #expect(
            InstructionFamily.grounding.isPresent(in: "Never fabricate facts; rely on the provided documents only."))
        #expect(!InstructionFamily.grounding.isExplicit(in: "Base every claim on the sources only."))
        #expect(InstructionFamily.grounding.isPresent(in: "Base every claim on the sources only."))
        #expect(InstructionFamily.abstention.isPresent(in: "If you're uncertain, admit you don't know."))
        #expect(InstructionFamily.concision.isPresent(in: "Keep replies succinct."))
        #expect(!InstructionFamily.grounding.isPresent(in: "You are a support assistant for a travel site."))
    }
}
