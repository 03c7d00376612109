/// The name pools and phrasings a generated ``DemoWorld`` draws from. None of the names is one the simulator
/// invents (`Elena Lindqvist`), so an invented claim is always unsupported.
enum WorldVocabulary {
    static let companies = ["Northwind Outfitters", "Cairn & Crest", "Bluepine Gear", "Fjellsted Outdoor"]

    static let productNames = [
        "Aurora", "Summit", "Tundra", "Cascade", "Ember", "Glacier", "Meridian", "Solstice", "Drift", "Harbor",
        "Cinder", "Quartz", "Kestrel", "Basalt",
    ]
    static let productModels = ["X2", "Pro", "Lite", "200", "Trail", "Max", "S", "Ultra"]

    /// A product category, the sentence stating its special attribute and the questions that ask for it.
    struct Category {
        var noun: String
        var topic: String
        var values: ClosedRange<Int>
        var step: Int
        var sentence: String
        var questions: [String]
    }

    static let categories: [Category] = [
        Category(
            noun: "backpack", topic: "capacity", values: 18...65, step: 1, sentence: "The {name} holds {n} litres.",
            questions: ["How many litres does the {name} hold?", "What is the capacity of the {name}?"]),
        Category(
            noun: "tent", topic: "sleeps", values: 1...6, step: 1, sentence: "The {name} sleeps {n} people.",
            questions: ["How many people does the {name} sleep?", "How many people fit in the {name}?"]),
        Category(
            noun: "headlamp", topic: "brightness", values: 4...24, step: 50,
            sentence: "The {name} gives {n} lumens on its brightest setting.",
            questions: ["How bright is the {name}?", "How many lumens does the {name} give?"]),
        Category(
            noun: "sleeping bag", topic: "temperature rating", values: 2...20, step: 1,
            sentence: "The {name} is rated down to minus {n} degrees Celsius.",
            questions: ["How cold can it get in the {name}?", "What is the temperature rating of the {name}?"]),
        Category(
            noun: "water filter", topic: "filter life", values: 2...8, step: 500,
            sentence: "The {name} filters {n} litres before its cartridge needs replacing.",
            questions: ["How many litres can the {name} filter?", "How long does the {name} cartridge last?"]),
        Category(
            noun: "camp stove", topic: "boil time", values: 3...7, step: 1,
            sentence: "The {name} boils a litre of water in {n} minutes.",
            questions: ["How fast does the {name} boil water?", "How long does the {name} take to boil a litre?"]),
        Category(
            noun: "rain jacket", topic: "waterproof rating", values: 2...6, step: 5000,
            sentence: "The {name} has a waterproof rating of {n} millimetres.",
            questions: ["How waterproof is the {name}?", "What is the waterproof rating of the {name}?"]),
    ]

    static let countries = ["Portugal", "Vietnam", "Canada", "Norway", "Estonia", "Taiwan", "Slovenia"]

    static let productUnknowns = [
        ("colours", "What colours does the {name} come in?"),
        ("designer", "Who designed the {name}?"),
        ("children's size", "Is the {name} available in a children's size?"),
        ("carrying case", "Does the {name} come with a carrying case?"),
        ("spare parts", "Can I buy spare parts for the {name}?"),
        ("recycled materials", "Is the {name} made from recycled materials?"),
    ]

    static let planNames = ["Basic", "Explorer", "Trailblazer", "Family", "Weekend", "Alpine", "Student", "Premier"]

    static let planUnknowns = [
        ("sharing", "Can I share the {name} with a friend?"),
        ("insurance", "Does the {name} include travel insurance?"),
        ("pausing", "Can I pause the {name} during the winter?"),
        ("gift", "Can I give the {name} as a gift?"),
        ("online courses", "Does the {name} include online courses?"),
    ]

    static let cities = [
        "Lisbon", "Portland", "Bergen", "Kyoto", "Valparaiso", "Tallinn", "Hobart", "Calgary", "Ghent",
    ]
    static let streets = [
        "Harbor Street", "Mill Road", "Elm Avenue", "Station Square", "Quay Lane", "Market Street", "Bridge Road",
    ]
    static let firstNames = ["Ana", "Tomas", "Ingrid", "Kenji", "Maya", "Lucas", "Sofia", "Oskar", "Priya", "Rafael"]
    static let lastNames = [
        "Ribeiro", "Novak", "Haugen", "Sato", "Okafor", "Brennan", "Marquez", "Lindgren", "Iyer", "Costa",
    ]

    static let storeUnknowns = [
        ("bike repairs", "Does the {name} offer bike repairs?"),
        ("phone number", "What is the phone number of the {name}?"),
        ("public holidays", "Is the {name} open on public holidays?"),
        ("cafe", "Does the {name} have a cafe?"),
        ("rentals", "Can I rent a kayak at the {name}?"),
    ]

    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// Openers customers put before their question; the empty one is the most common.
    static let openers = [
        "", "", "", "Hi! ", "Hello! ", "Quick question: ", "I'm planning a trip next month. ", "Hey there. ",
        "Sorry to bother you. ",
    ]

    /// What the reference of an unanswerable question says (the simulator's abstention for a non-answerable kind).
    static let abstention = "I don't know: the provided information does not contain the answer."
}
