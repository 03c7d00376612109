/// Settings of a generated ``DemoWorld``.
package struct DemoWorldConfiguration: Sendable, Hashable {
    /// The seed every choice (company, names, numbers, phrasings, contexts) is drawn from. Default 0.
    package var seed: UInt64
    /// How many products to describe. Default 6.
    package var products: Int
    /// How many membership plans to describe. Default 4.
    package var plans: Int
    /// How many stores to describe. Default 5.
    package var stores: Int
    /// The share of answerable questions whose context is the whole document; the others get only the answering
    /// sentences plus one other sentence of the document. Default 0.75.
    package var fullDocumentShare: Double
    /// How many unanswerable questions (the context does not hold the answer) to ask per document. Default 1.
    package var unanswerablePerDocument: Int

    /// Creates a configuration; every field has a default.
    package init(
        seed: UInt64 = 0,
        products: Int = 6,
        plans: Int = 4,
        stores: Int = 5,
        fullDocumentShare: Double = 0.75,
        unanswerablePerDocument: Int = 1
    ) {
        self.seed = seed
        self.products = products
        self.plans = plans
        self.stores = stores
        self.fullDocumentShare = fullDocumentShare
        self.unanswerablePerDocument = unanswerablePerDocument
    }
}
