import Foundation
import Randomness

extension DocumentDraft {
    /// A product: price, weight, warranty, launch date, country of make and its category's special attribute.
    static func product(
        index: Int, company: String, name: String, category: WorldVocabulary.Category, using rng: inout SplitMix64
    ) -> DocumentDraft {
        let price = rng.integer(in: 3...45) * 10 - 1
        let weight = rng.integer(in: 12...320) * 10
        let warranty = rng.pick([1, 2, 3, 5, 10])
        let special = rng.integer(in: category.values) * category.step
        let launched = Self.date(using: &rng, years: 2019...2025)
        let country = rng.pick(WorldVocabulary.countries)
        let facts = [
            Fact(
                topic: "category", kind: "answerable",
                sentence: "The \(name) is a \(category.noun) sold by \(company).",
                questions: ["What kind of product is the {name}?", "What is the {name}?"]),
            Fact(
                topic: "price", kind: "numeric", sentence: "The \(name) costs \(price) dollars.",
                questions: [
                    "How much does the {name} cost?", "What is the price of the {name}?",
                    "How much is the {name}?",
                ]),
            Fact(
                topic: "weight", kind: "numeric", sentence: "The \(name) weighs \(Self.written(weight)) grams.",
                questions: ["How much does the {name} weigh?", "What is the weight of the {name}?"]),
            Fact(
                topic: category.topic, kind: "numeric",
                sentence: category.sentence.replacingName(with: name)
                    .replacingOccurrences(of: "{n}", with: Self.written(special)),
                questions: category.questions),
            Fact(
                topic: "warranty", kind: "numeric",
                sentence: "The \(name) comes with a \(warranty)-year warranty.",
                questions: ["How long is the warranty on the {name}?", "What warranty comes with the {name}?"]),
            Fact(
                topic: "launch date", kind: "answerable", sentence: "The \(name) launched on \(launched).",
                questions: ["When did the {name} launch?", "When was the {name} released?"]),
            Fact(
                topic: "origin", kind: "answerable", sentence: "The \(name) is made in \(country).",
                questions: ["Where is the {name} made?", "Which country makes the {name}?"]),
        ]
        let formatted = Formatted(
            topic: "price and weight", kind: "numeric", format: "json",
            question: "Give me the price and weight of the \(name) as JSON.", facts: [1, 2],
            reference: "The \(name) costs \(price) dollars and weighs \(Self.written(weight)) grams.")
        return DocumentDraft(
            id: "product_\(index)", category: "product", title: name, facts: facts,
            unknowns: WorldVocabulary.productUnknowns, formatted: [formatted])
    }

    /// A membership plan: monthly price, discount, free rentals, start year and notice period.
    static func plan(index: Int, name: String, using rng: inout SplitMix64) -> DocumentDraft {
        let price = rng.integer(in: 3...25)
        let discount = rng.integer(in: 1...5) * 5
        let rentals = rng.integer(in: 1...12)
        let year = rng.integer(in: 2015...2024)
        let notice = rng.pick([14, 30, 60])
        let facts = [
            Fact(
                topic: "monthly price", kind: "numeric", sentence: "The \(name) costs \(price) dollars per month.",
                questions: ["How much is the {name} per month?", "What does the {name} cost each month?"]),
            Fact(
                topic: "discount", kind: "numeric",
                sentence: "Members on the \(name) get \(discount) percent off all gear.",
                questions: ["What discount comes with the {name}?", "How much do I save on gear with the {name}?"]),
            Fact(
                topic: "rentals", kind: "numeric",
                sentence: "The \(name) includes \(rentals) free equipment rentals per year.",
                questions: [
                    "How many free rentals come with the {name}?",
                    "How many equipment rentals does the {name} include?",
                ]),
            Fact(
                topic: "introduced", kind: "answerable", sentence: "The \(name) was introduced in \(year).",
                questions: ["When was the {name} introduced?", "Since when has the {name} existed?"]),
            Fact(
                topic: "notice", kind: "numeric",
                sentence: "Cancelling the \(name) requires \(notice) days of notice.",
                questions: [
                    "How much notice do I need to cancel the {name}?",
                    "How do I cancel the {name} and how long does it take?",
                ]),
        ]
        let bullets = Formatted(
            topic: "summary", kind: "answerable", format: "bullets",
            question: "Summarise the \(name) for me as a list.", facts: [0, 1, 2],
            reference: [0, 1, 2].map { facts[$0].sentence }.joined(separator: " "))
        let json = Formatted(
            topic: "price and discount", kind: "numeric", format: "json",
            question: "Give the monthly price and gear discount of the \(name) as JSON.", facts: [0, 1],
            reference: "The \(name) costs \(price) dollars per month and gives \(discount) percent off all gear.")
        return DocumentDraft(
            id: "plan_\(index)", category: "plan", title: name, facts: facts,
            unknowns: WorldVocabulary.planUnknowns, formatted: [bullets, json])
    }

    /// A store: address, opening hours, manager, staff, opening date and parking.
    static func store(index: Int, city: String, using rng: inout SplitMix64) -> DocumentDraft {
        let name = "\(city) store"
        let number = rng.integer(in: 1...120)
        let street = rng.pick(WorldVocabulary.streets)
        let opens = rng.integer(in: 7...10)
        let closes = rng.integer(in: 5...9)
        let manager = "\(rng.pick(WorldVocabulary.firstNames)) \(rng.pick(WorldVocabulary.lastNames))"
        let staff = rng.integer(in: 6...40)
        let opened = Self.date(using: &rng, years: 2008...2023)
        let parking = rng.integer(in: 1...16) * 5
        let facts = [
            Fact(
                topic: "address", kind: "answerable", sentence: "The \(name) is at \(number) \(street).",
                questions: ["Where is the {name}?", "What is the address of the {name}?"]),
            Fact(
                topic: "opening hours", kind: "answerable",
                sentence: "The \(name) opens at \(opens) am and closes at \(closes) pm.",
                questions: ["What are the opening hours of the {name}?", "When is the {name} open?"]),
            Fact(
                topic: "manager", kind: "answerable", sentence: "The \(name) is managed by \(manager).",
                questions: ["Who manages the {name}?", "Who is in charge of the {name}?"]),
            Fact(
                topic: "staff", kind: "numeric", sentence: "The \(name) has \(staff) employees.",
                questions: ["How many people work at the {name}?", "How big is the team at the {name}?"]),
            Fact(
                topic: "opened", kind: "answerable", sentence: "The \(name) opened on \(opened).",
                questions: ["When did the {name} open?", "How long has the {name} been around?"]),
            Fact(
                topic: "parking", kind: "numeric", sentence: "The \(name) has \(parking) parking spaces.",
                questions: ["How many parking spaces does the {name} have?", "Is there parking at the {name}?"]),
        ]
        let bullets = Formatted(
            topic: "visit details", kind: "answerable", format: "bullets",
            question: "List the address, opening hours and manager of the \(name).", facts: [0, 1, 2],
            reference: [0, 1, 2].map { facts[$0].sentence }.joined(separator: " "))
        return DocumentDraft(
            id: "store_\(index)", category: "store", title: name, facts: facts,
            unknowns: WorldVocabulary.storeUnknowns, formatted: [bullets])
    }
}
