/// One document of a demo world: a fictional product, membership plan or store described by a few fact sentences.
///
/// The sentences are the knowledge the demo's questions are grounded in; a question's context is the whole text or
/// the sentences that answer it.
package struct DemoDocument: Sendable, Hashable, Codable {
    /// A stable id within the world, e.g. `product_3`.
    package var id: String
    /// What the document describes: `product`, `plan` or `store`.
    package var category: String
    /// The thing's name, e.g. `Aurora X2` or `Lisbon store`.
    package var title: String
    /// The fact sentences, in order.
    package var sentences: [String]

    /// Creates a document.
    package init(id: String, category: String, title: String, sentences: [String]) {
        self.id = id
        self.category = category
        self.title = title
        self.sentences = sentences
    }

    /// The sentences joined by spaces: the document as a context passage.
    package var text: String { self.sentences.joined(separator: " ") }
}
