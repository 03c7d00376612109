import Randomness

extension DemoWorld {
    /// The first prompt of a generated world: it names the company and asks for answers, but says nothing about
    /// grounding, abstaining, length or format (no instruction the simulator's default effect table finds).
    package static func initialPrompt(company: String) -> String {
        "SYSTEM: You are the customer assistant for \(company), an outdoor gear retailer. Answer the customer's "
            + "question about our products, membership plans and stores. Keep a warm and friendly tone."
    }

    /// Generates a fictional retailer's world from a seed: products, membership plans and stores, each described by
    /// fact sentences, and questions about them.
    ///
    /// Per document: one question per fact (kind `numeric` when the answer is a number, else `answerable`; the
    /// reference is the fact sentence), `unanswerablePerDocument` questions about something the document does not
    /// state (kind `unanswerable`; the reference is the abstention "I don't know: the provided information does not
    /// contain the answer."), and one or two questions that want a `json` or `bullets` answer. A question's context
    /// is the whole document, or (for a `1 − fullDocumentShare` share of answerable questions) the answering
    /// sentences plus one other sentence. Counts above the name pools (14 products, 8 plans, 9 stores) are capped.
    /// The same configuration always gives the same world.
    ///
    /// - Complexity: O(documents × facts).
    package static func generate(configuration: DemoWorldConfiguration = DemoWorldConfiguration()) -> DemoWorld {
        var rng = SplitMix64.derived(seed: configuration.seed, stream: 0x776F_726C_64)
        let company = rng.pick(WorldVocabulary.companies)
        var drafts: [DocumentDraft] = []

        let productNames = rng.shuffled(WorldVocabulary.productNames)
            .prefix(max(0, min(configuration.products, WorldVocabulary.productNames.count)))
        let categories = rng.shuffled(WorldVocabulary.categories)
        for (index, prefix) in productNames.enumerated() {
            let name = "\(prefix) \(rng.pick(WorldVocabulary.productModels))"
            let category = categories[index % categories.count]
            drafts.append(
                .product(index: index + 1, company: company, name: name, category: category, using: &rng))
        }
        let planNames = rng.shuffled(WorldVocabulary.planNames)
            .prefix(max(0, min(configuration.plans, WorldVocabulary.planNames.count)))
        for (index, plan) in planNames.enumerated() {
            drafts.append(.plan(index: index + 1, name: "\(plan) membership", using: &rng))
        }
        let cities = rng.shuffled(WorldVocabulary.cities)
            .prefix(max(0, min(configuration.stores, WorldVocabulary.cities.count)))
        for (index, city) in cities.enumerated() {
            drafts.append(.store(index: index + 1, city: city, using: &rng))
        }

        var questions: [DemoQuestion] = []
        func add(
            _ draft: DocumentDraft, topic: String, input: String, context: String, reference: String,
            kind: String, format: String?
        ) {
            questions.append(
                DemoQuestion(
                    id: "q_\(String(questions.count + 1).leftPadded(to: 3))", documentID: draft.document.id,
                    topic: topic, input: input, context: context, reference: reference, kind: kind, format: format))
        }
        for draft in drafts {
            let full = draft.document.text
            for (index, fact) in draft.facts.enumerated() {
                let input =
                    rng.pick(WorldVocabulary.openers)
                    + rng.pick(fact.questions).replacingName(
                        with: draft.document.title)
                let context = Self.context(of: draft, answering: [index], configuration: configuration, using: &rng)
                add(
                    draft, topic: fact.topic, input: input, context: context, reference: fact.sentence,
                    kind: fact.kind, format: nil)
            }
            let unknowns = rng.shuffled(draft.unknowns)
                .prefix(max(0, min(configuration.unanswerablePerDocument, draft.unknowns.count)))
            for unknown in unknowns {
                add(
                    draft, topic: unknown.topic, input: rng.pick(WorldVocabulary.openers) + unknown.question,
                    context: full, reference: WorldVocabulary.abstention, kind: "unanswerable", format: nil)
            }
            for formatted in draft.formatted {
                let context = Self.context(
                    of: draft, answering: formatted.facts, configuration: configuration, using: &rng)
                add(
                    draft, topic: formatted.topic, input: rng.pick(WorldVocabulary.openers) + formatted.question,
                    context: context, reference: formatted.reference, kind: formatted.kind, format: formatted.format)
            }
        }
        return DemoWorld(
            name: company, initialPrompt: Self.initialPrompt(company: company), documents: drafts.map(\.document),
            questions: questions)
    }

    /// The whole document, or the answering sentences plus one other, in document order.
    private static func context(
        of draft: DocumentDraft, answering facts: [Int], configuration: DemoWorldConfiguration,
        using rng: inout SplitMix64
    ) -> String {
        let sentences = draft.document.sentences
        guard rng.nextUnitDouble() >= configuration.fullDocumentShare else { return draft.document.text }
        let others = sentences.indices.filter { !facts.contains($0) }
        var chosen = Set(facts)
        if !others.isEmpty { chosen.insert(rng.pick(others)) }
        return sentences.indices.filter(chosen.contains).map { sentences[$0] }.joined(separator: " ")
    }
}

extension String {
    /// The string padded on the left with zeros to `width` characters.
    func leftPadded(to width: Int) -> String {
        self.count >= width ? self : String(repeating: "0", count: width - self.count) + self
    }
}
