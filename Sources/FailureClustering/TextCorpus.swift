/// Documents as UTF-8 bytes in one buffer, each a span of it, so large corpora are vectorised without one `String`
/// per document.
///
/// Build it from strings (`init(_:)`) or, for a file read whole, from its bytes and the spans of the texts in it
/// (`init(bytes:spans:)`), which copies nothing.
package struct TextCorpus: Sendable, Hashable {
    /// The bytes every document is a span of.
    package private(set) var bytes: [UInt8]
    /// Each document's byte range in `bytes`, in document order.
    package private(set) var spans: [Range<Int>]

    /// An empty corpus.
    package init() {
        self.bytes = []
        self.spans = []
    }

    /// A corpus holding copies of `texts`, in order.
    package init(_ texts: some Sequence<String>) {
        self.init()
        for text in texts { self.append(text) }
    }

    /// A corpus over `bytes` whose documents are `spans`, which may skip bytes (labels, separators) between them.
    ///
    /// - Precondition: every span lies inside `bytes`.
    package init(bytes: [UInt8], spans: [Range<Int>]) {
        precondition(spans.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= bytes.count }, "span outside bytes")
        self.bytes = bytes
        self.spans = spans
    }

    /// Appends one document.
    package mutating func append(_ text: String) {
        let start = self.bytes.count
        self.bytes.append(contentsOf: text.utf8)
        self.spans.append(start..<self.bytes.count)
    }

    /// The number of documents.
    package var count: Int { self.spans.count }

    /// Document `index` as a string (invalid UTF-8 is repaired with U+FFFD).
    package subscript(index: Int) -> String {
        String(decoding: self.bytes[self.spans[index]], as: UTF8.self)
    }
}
