/// The output of `TFIDFVectorizer.fitTransform`: one L2-normalised TF-IDF row per document, and the fitted
/// vocabulary and weights.
package struct VectorizedCorpus: Sendable, Hashable {
    /// Documents by terms; column `j` is `vocabulary[j]`.
    package var matrix: SparseMatrix
    /// The terms, sorted by code point as scikit-learn sorts `vocabulary_` (bigrams are `"first second"`).
    package var vocabulary: [String]
    /// In how many documents each term occurs.
    package var documentFrequencies: [Int]
    /// Each term's idf (scikit-learn's `idf_`); all 1 when idf is off.
    package var inverseDocumentFrequencies: [Double]
}
