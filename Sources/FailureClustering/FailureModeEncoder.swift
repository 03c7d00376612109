import Experiences
import Foundation
import Verification

/// The rows the clusterer sees under ``ClusterEncoding/failureMode``: each failure's diagnosis block
/// (``FailureDiagnosisTerms``, L2-normalised) scaled by `√(1 − w²)`, followed by its topic TF-IDF row scaled by
/// `w = topicWeight`, so every row with both blocks has norm 1.
///
/// Why this shape: k-means minimises squared distances, and with `w = 0.4` two failures of different single modes
/// (orthogonal blocks) are at least `2(1 − w²) = 1.68` apart while two of the same mode are at most `2w² = 0.32`
/// apart whatever they talk about. So the mode decides the cluster, and the topic separates failures only within a
/// mode (when k is larger than the number of modes). The diagnosis terms are columns of their own, ahead of the
/// topic vocabulary, so a word in a response never counts as a mode.
package struct FailureModeEncoder: Sendable {
    /// Scores each failure's response.
    package var verifier: Verifier
    /// The topic block's norm `w` in 0...1 (the mode block's is `√(1 − w²)`).
    package var topicWeight: Double

    /// An encoder with `verifier` and topic weight `w`.
    package init(verifier: Verifier, topicWeight: Double) {
        self.verifier = verifier
        self.topicWeight = topicWeight
    }

    /// The combined rows of `failures`, whose topic TF-IDF rows are `topic` (`nil` when their texts have no term),
    /// with the diagnosis terms that occur first in the vocabulary (document frequency counted, idf 1), then the
    /// topic's terms.
    ///
    /// - Parameter stop: checked every 32 failures, since diagnosing thousands of them takes seconds.
    /// - Throws: what `stop` throws once the clustering is cancelled or out of time.
    /// - Complexity: O(total length of the failures' texts + non-zero topic entries).
    package func encode(
        _ failures: [Experience], topic: VectorizedCorpus?, stop: ClusteringStop? = nil
    ) throws -> VectorizedCorpus {
        var diagnoses: [FailureDiagnosisTerms] = []
        diagnoses.reserveCapacity(failures.count)
        for (index, failure) in failures.enumerated() {
            if index % 32 == 0 { try stop?.check() }
            diagnoses.append(FailureDiagnosisTerms(of: failure, verifier: self.verifier))
        }
        let used = Set(diagnoses.flatMap(\.weights.keys))
        let modeTerms = FailureDiagnosisTerms.vocabulary.filter(used.contains)
        let modeColumn = Dictionary(uniqueKeysWithValues: modeTerms.enumerated().map { ($1, $0) })
        let modeScale = (1 - self.topicWeight * self.topicWeight).squareRoot()
        let topicScale = Float(self.topicWeight)

        var offsets = [0]
        var columns: [Int32] = []
        var values: [Float] = []
        var modeFrequencies = [Int](repeating: 0, count: modeTerms.count)
        for (row, diagnosis) in diagnoses.enumerated() {
            let norm = diagnosis.weights.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for (term, weight) in diagnosis.weights.sorted(by: { modeColumn[$0.key]! < modeColumn[$1.key]! }) {
                let column = modeColumn[term]!
                columns.append(Int32(column))
                values.append(Float(modeScale * weight / norm))
                modeFrequencies[column] += 1
            }
            if let topic {
                let matrix = topic.matrix
                for entry in matrix.rowOffsets[row]..<matrix.rowOffsets[row + 1] {
                    columns.append(Int32(modeTerms.count) + matrix.columnIndices[entry])
                    values.append(topicScale * matrix.values[entry])
                }
            }
            offsets.append(columns.count)
        }
        let matrix = SparseMatrix(
            rowCount: failures.count, columnCount: modeTerms.count + (topic?.vocabulary.count ?? 0),
            rowOffsets: offsets, columnIndices: columns, values: values)
        return VectorizedCorpus(
            matrix: matrix, vocabulary: modeTerms + (topic?.vocabulary ?? []),
            documentFrequencies: modeFrequencies + (topic?.documentFrequencies ?? []),
            inverseDocumentFrequencies: [Double](repeating: 1, count: modeTerms.count)
                + (topic?.inverseDocumentFrequencies ?? []))
    }
}
