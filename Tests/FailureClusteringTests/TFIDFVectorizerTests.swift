import Foundation
import Testing

@testable import FailureClustering

struct TFIDFVectorizerTests {
    static let caseNames = SklearnFixture.shared.tfidfCases.map(\.name)

    @Test(arguments: caseNames)
    func matchesScikitLearn(_ name: String) throws {
        let fixture = SklearnFixture.shared
        let expected = fixture.tfidfCase(name)
        let result = try fixture.vectorize(name)
        #expect(result.vocabulary == expected.vocabulary)
        #expect(result.inverseDocumentFrequencies.count == expected.idf.count)
        for (ours, theirs) in zip(result.inverseDocumentFrequencies, expected.idf) {
            #expect(abs(ours - theirs) < 1e-9)
        }
        let matrix = result.matrix
        #expect(matrix.rowCount == expected.rows.count)
        #expect(matrix.columnCount == expected.vocabulary.count)
        for (row, entries) in expected.rows.enumerated() {
            let ours = matrix.row(row)
            #expect(ours.map(\.column) == entries.map { Int($0[0]) }, "row \(row) columns")
            for (mine, theirs) in zip(ours, entries) {
                #expect(abs(mine.value - theirs[1]) < 1e-6, "row \(row) column \(mine.column)")
            }
        }
    }

    @Test func tokenizerFollowsPythonWordRules() {
        let tokenizer = Tokenizer()
        #expect(
            tokenizer.tokens(in: "Hello, World! a b2 I'm snake_case_1 42 __x__")
                == ["hello", "world", "b2", "snake_case_1", "42", "__x__"])
        // Combining marks are not word characters; precomposed letters are.
        #expect(tokenizer.tokens(in: "cafe\u{301} café") == ["cafe", "café"])
        // Final sigma, dotted capital I, numbers with numeric values.
        #expect(tokenizer.tokens(in: "ΟΔΟΣ ΣΑΣ Σ") == ["οδος", "σας"])
        #expect(tokenizer.tokens(in: "İstanbul x² ½½") == ["stanbul", "x²", "½½"])
        #expect(Tokenizer(lowercase: false).tokens(in: "ABC déF") == ["ABC", "déF"])
    }

    @Test func maxFeaturesBreaksTiesAlphabetically() throws {
        // Counts: zeta 3, beta 2, alpha 2, gamma 2, delta 1: the third slot goes to "alpha" before "beta", "gamma".
        let documents = ["zeta zeta zeta gamma", "beta alpha gamma", "beta alpha delta"]
        let result = try TFIDFVectorizer(configuration: .init(maxFeatures: 3)).fitTransform(documents)
        #expect(result.vocabulary == ["alpha", "beta", "zeta"])
    }

    @Test func chunkedCountingMatchesWholeCorpus() throws {
        // Enough documents for several parallel chunks: copies of a document must get identical rows, and the
        // vocabulary must be the same as for one copy of the corpus.
        let base = SklearnFixture.shared.corpora["mixed"]!
        let copies = 400
        let documents = (0..<copies).flatMap { _ in base }
        #expect(documents.count > 2 * TFIDFVectorizer.chunkSize(documentCount: documents.count))
        let configuration = TFIDFVectorizer.Configuration(stopWords: .english, ngramRange: 1...2)
        let big = try TFIDFVectorizer(configuration: configuration).fitTransform(documents)
        let small = try TFIDFVectorizer(configuration: configuration).fitTransform(base)
        #expect(big.vocabulary == small.vocabulary)
        #expect(big.documentFrequencies == small.documentFrequencies.map { $0 * copies })
        for copy in [1, copies / 2, copies - 1] {
            for row in base.indices {
                let ours = big.matrix.row(copy * base.count + row)
                let first = big.matrix.row(row)
                #expect(ours.map(\.column) == first.map(\.column))
                #expect(ours.map(\.value) == first.map(\.value))
            }
        }
    }

    @Test func emptyVocabularyIsAnError() {
        #expect(throws: FailureClusteringError.emptyVocabulary) {
            try TFIDFVectorizer(configuration: .init(stopWords: .english)).fitTransform(["the and of", "a I ?", ""])
        }
        #expect(throws: FailureClusteringError.emptyVocabulary) {
            try TFIDFVectorizer().fitTransform([String]())
        }
    }

    @Test func badOptionsAreErrors() {
        #expect(throws: FailureClusteringError.noTermsAfterPruning) {
            try TFIDFVectorizer(configuration: .init(minDocumentFrequency: .count(2))).fitTransform([
                "aa bb", "cc", "dd",
            ])
        }
        #expect(throws: FailureClusteringError.self) {
            try TFIDFVectorizer(
                configuration: .init(minDocumentFrequency: .count(2), maxDocumentFrequency: .count(1))
            ).fitTransform(["aa bb", "aa cc"])
        }
        #expect(throws: FailureClusteringError.self) {
            try TFIDFVectorizer(configuration: .init(ngramRange: 0...2)).fitTransform(["aa bb"])
        }
        #expect(throws: FailureClusteringError.self) {
            try TFIDFVectorizer(configuration: .init(maxDocumentFrequency: .proportion(1.5))).fitTransform(["aa"])
        }
        #expect(throws: FailureClusteringError.self) {
            try TFIDFVectorizer(configuration: .init(maxFeatures: 0)).fitTransform(["aa"])
        }
    }

    @Test func configurationDecodesWithDefaultsAndRoundTrips() throws {
        let decoded = try JSONDecoder().decode(
            TFIDFVectorizer.Configuration.self,
            from: Data(#"{"stop_words": "english", "ngram_range": [1, 2], "min_df": {"proportion": 0.1}}"#.utf8))
        #expect(decoded.stopWords == .english)
        #expect(decoded.ngramRange == 1...2)
        #expect(decoded.minDocumentFrequency == .proportion(0.1))
        #expect(decoded.maxDocumentFrequency == .proportion(1.0))
        #expect(decoded.sublinearTF == false)
        let encoded = try JSONEncoder().encode(decoded)
        #expect(try JSONDecoder().decode(TFIDFVectorizer.Configuration.self, from: encoded) == decoded)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(TFIDFVectorizer.Configuration.self, from: Data(#"{"stop_words": "french"}"#.utf8))
        }
    }
}
