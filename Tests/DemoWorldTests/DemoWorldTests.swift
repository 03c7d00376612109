import DemoWorld
import LanguageModels
import Testing

struct DemoWorldTests {
    @Test func sameSeedGivesTheSameWorldAndAnotherSeedAnother() {
        let world = DemoWorld.generate(configuration: DemoWorldConfiguration(seed: 7))
        #expect(world == DemoWorld.generate(configuration: DemoWorldConfiguration(seed: 7)))
        #expect(world != DemoWorld.generate(configuration: DemoWorldConfiguration(seed: 8)))
    }

    @Test func documentsAndQuestionsFollowTheConfiguration() {
        let world = DemoWorld.generate(configuration: DemoWorldConfiguration(seed: 1, products: 3, plans: 2, stores: 2))
        #expect(world.documents.map(\.category) == ["product", "product", "product", "plan", "plan", "store", "store"])
        #expect(Set(world.documents.map(\.id)).count == world.documents.count)
        #expect(Set(world.documents.map(\.title)).count == world.documents.count)
        #expect(Set(world.questions.map(\.id)).count == world.questions.count)
        let documentIDs = Set(world.documents.map(\.id))
        #expect(world.questions.allSatisfy { $0.documentID.map(documentIDs.contains) == true })
    }

    @Test func everyKindAndFormatIsAsked() {
        let world = DemoWorld.generate()
        let kinds = Dictionary(grouping: world.questions, by: { $0.kind ?? "none" }).mapValues(\.count)
        #expect(Set(kinds.keys) == ["answerable", "unanswerable", "numeric"])
        #expect(kinds.values.allSatisfy { $0 >= 10 })
        let formats = Dictionary(grouping: world.questions.compactMap(\.format), by: { $0 }).mapValues(\.count)
        #expect(Set(formats.keys) == ["json", "bullets"])
        #expect(formats.values.allSatisfy { $0 >= 5 })
    }

    @Test func referencesAreGroundedInTheContextExceptForUnanswerableQuestions() throws {
        let world = DemoWorld.generate(configuration: DemoWorldConfiguration(seed: 3))
        for question in world.questions {
            let reference = try #require(question.reference)
            if question.kind == "unanswerable" {
                #expect(reference == "I don't know: the provided information does not contain the answer.")
                #expect(!question.context.contains(reference))
            } else if question.format == nil {
                #expect(question.context.contains(reference), "\(question.id): \(reference)")
            } else {
                // A formatted answer combines facts: every number in it is stated by the context.
                let numbers = reference.split(whereSeparator: { !$0.isNumber && $0 != "," }).filter {
                    $0.contains(where: \.isNumber)
                }
                #expect(!numbers.isEmpty)
                #expect(numbers.allSatisfy { question.context.contains($0) }, "\(question.id)")
            }
        }
    }

    @Test func someContextsAreExcerptsAndExcerptsAreShorter() {
        let world = DemoWorld.generate(configuration: DemoWorldConfiguration(seed: 5, fullDocumentShare: 0.5))
        let texts = Dictionary(uniqueKeysWithValues: world.documents.map { ($0.id, $0.text) })
        let excerpts = world.questions.filter { $0.context != texts[$0.documentID ?? ""] }
        #expect(excerpts.count >= 10)
        #expect(excerpts.allSatisfy { $0.context.count < (texts[$0.documentID ?? ""]?.count ?? 0) })
    }

    @Test func initialPromptHasNoInstructionTheSimulatorKnows() {
        let world = DemoWorld.generate()
        #expect(world.initialPrompt.hasPrefix("SYSTEM: "))
        #expect(world.initialPrompt.contains(world.name))
        #expect(Simulator().instructions(in: world.initialPrompt).isEmpty)
        #expect(Simulator().instructions(in: HaluEvalDialogue.initialPrompt).isEmpty)
        #expect(Simulator().instructions(in: world.initialPrompt + " Only use the context.") == ["grounding"])
    }
}
