import Experiences
import Foundation
import Randomness
import Verification

/// Groups failed interactions into clusters of similar failures: by default the verifier's diagnosis of each failure
/// ahead of the TF-IDF of its text (``ClusterEncoding``), k-means++ with k given or chosen by silhouette, then per
/// cluster its size, severity, top terms, a label, failure types, representatives and members.
///
/// Deterministic: the same failures (in the same order) and configuration give the same result.
package struct FailureClusterer: Sendable {
    /// Clustering options. Every field has a default, and JSON may leave any key out.
    package struct Configuration: Sendable, Hashable, Codable {
        /// What the clusters follow (`encoding`): `.failureMode` (default), what went wrong and then the topic, or
        /// `.topic`, the TF-IDF of the text alone.
        package var encoding: ClusterEncoding
        /// Under `.failureMode`, the topic block's share of each row's norm (`topic_weight`, 0...1); default 0.4
        /// (see ``FailureModeEncoder``).
        package var topicWeight: Double
        /// Which text of each failure is encoded (`text`); default `.response`.
        package var text: ClusterText
        /// The number of clusters (`k`); default `nil`: chosen by silhouette over `clusterCountRange`.
        package var clusterCount: Int?
        /// The ks tried when `clusterCount` is `nil` (`k_range`, JSON `[low, high]`); default `2...10`. The upper
        /// bound is lowered to the number of failures − 1 (the silhouette's limit).
        package var clusterCountRange: ClosedRange<Int>
        /// Seed of every random choice (`seed`); default 0. Every k tried seeds k-means++ with it, so for a given k
        /// the starting rows are scikit-learn's for `random_state=seed` (see ``KMeans/Configuration/seed``).
        package var seed: UInt64
        /// Representatives per cluster (`representatives`); default 3.
        package var representativeCount: Int
        /// Top terms per cluster (`top_terms`); default 8.
        package var topTermCount: Int
        /// Top terms joined into the cluster's label (`label_terms`); default 3.
        package var labelTermCount: Int
        /// k-means runs per k, best inertia kept (`n_init`); default 3.
        package var runCount: Int
        /// Lloyd iterations per run at most (`max_iter`); default 300.
        package var maxIterations: Int
        /// k-means relative tolerance (`tol`, scikit-learn's meaning); default 1e-4.
        package var tolerance: Double
        /// Failures the silhouette is computed on at most, a seeded sample beyond that
        /// (`silhouette_sample_size`); default 2000.
        package var silhouetteSampleSize: Int
        /// TF-IDF options (`vectorizer`); default scikit-learn's with sublinear tf and no stop words: dropping
        /// English stop words lowered the adjusted Rand index on short and long texts alike (BANKING77, k = 77:
        /// median 0.179 without, 0.109 with; the 100k synthetic failure corpus, k = 20: 0.320 against 0.282; see
        /// `Docs/clustering.md`). Top terms and labels skip English stop words whatever this says, so they stay
        /// content words. In JSON, keys left out of `vectorizer` keep these defaults.
        package var vectorizer: TFIDFVectorizer.Configuration

        /// Options with the defaults above unless given.
        package init(
            encoding: ClusterEncoding = .failureMode,
            topicWeight: Double = 0.4,
            text: ClusterText = .response,
            clusterCount: Int? = nil,
            clusterCountRange: ClosedRange<Int> = 2...10,
            seed: UInt64 = 0,
            representativeCount: Int = 3,
            topTermCount: Int = 8,
            labelTermCount: Int = 3,
            runCount: Int = 3,
            maxIterations: Int = 300,
            tolerance: Double = 1e-4,
            silhouetteSampleSize: Int = 2000,
            vectorizer: TFIDFVectorizer.Configuration = TFIDFVectorizer.Configuration(
                stopWords: .none, sublinearTF: true)
        ) {
            self.encoding = encoding
            self.topicWeight = topicWeight
            self.text = text
            self.clusterCount = clusterCount
            self.clusterCountRange = clusterCountRange
            self.seed = seed
            self.representativeCount = representativeCount
            self.topTermCount = topTermCount
            self.labelTermCount = labelTermCount
            self.runCount = runCount
            self.maxIterations = maxIterations
            self.tolerance = tolerance
            self.silhouetteSampleSize = silhouetteSampleSize
            self.vectorizer = vectorizer
        }

        enum CodingKeys: String, CodingKey {
            case encoding
            case topicWeight = "topic_weight"
            case text
            case clusterCount = "k"
            case clusterCountRange = "k_range"
            case seed
            case representativeCount = "representatives"
            case topTermCount = "top_terms"
            case labelTermCount = "label_terms"
            case runCount = "n_init"
            case maxIterations = "max_iter"
            case tolerance = "tol"
            case silhouetteSampleSize = "silhouette_sample_size"
            case vectorizer
        }

        /// Decodes the options; any key left out keeps its default.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let defaults = Configuration()
            self.encoding = try container.decodeIfPresent(ClusterEncoding.self, forKey: .encoding) ?? defaults.encoding
            self.topicWeight =
                try container.decodeIfPresent(Double.self, forKey: .topicWeight) ?? defaults.topicWeight
            self.text = try container.decodeIfPresent(ClusterText.self, forKey: .text) ?? defaults.text
            self.clusterCount = try container.decodeIfPresent(Int.self, forKey: .clusterCount)
            self.clusterCountRange =
                try container.decodeIfPresent(ClosedRange<Int>.self, forKey: .clusterCountRange)
                ?? defaults.clusterCountRange
            self.seed = try container.decodeIfPresent(UInt64.self, forKey: .seed) ?? defaults.seed
            self.representativeCount =
                try container.decodeIfPresent(Int.self, forKey: .representativeCount) ?? defaults.representativeCount
            self.topTermCount = try container.decodeIfPresent(Int.self, forKey: .topTermCount) ?? defaults.topTermCount
            self.labelTermCount =
                try container.decodeIfPresent(Int.self, forKey: .labelTermCount) ?? defaults.labelTermCount
            self.runCount = try container.decodeIfPresent(Int.self, forKey: .runCount) ?? defaults.runCount
            self.maxIterations =
                try container.decodeIfPresent(Int.self, forKey: .maxIterations) ?? defaults.maxIterations
            self.tolerance = try container.decodeIfPresent(Double.self, forKey: .tolerance) ?? defaults.tolerance
            self.silhouetteSampleSize =
                try container.decodeIfPresent(Int.self, forKey: .silhouetteSampleSize) ?? defaults.silhouetteSampleSize
            if container.contains(.vectorizer), try !container.decodeNil(forKey: .vectorizer) {
                self.vectorizer = try TFIDFVectorizer.Configuration(
                    from: container.nestedContainer(
                        keyedBy: TFIDFVectorizer.Configuration.CodingKeys.self, forKey: .vectorizer),
                    defaults: defaults.vectorizer)
            } else {
                self.vectorizer = defaults.vectorizer
            }
        }

        /// Throws `FailureClusteringError` for options that cannot be used (independent of the failures).
        package func validate() throws {
            if let clusterCount, clusterCount < 1 { throw FailureClusteringError.clusterCountBelowOne(clusterCount) }
            if clusterCount == nil && self.clusterCountRange.lowerBound < 2 {
                throw FailureClusteringError.badRange(
                    "k_range", lower: self.clusterCountRange.lowerBound, upper: self.clusterCountRange.upperBound,
                    reason: "choosing k by silhouette needs k >= 2")
            }
            func check(_ value: Int?, _ name: String, _ range: ClosedRange<Int>) throws {
                if let value, !range.contains(value) {
                    throw FailureClusteringError.outOfRange(name, value: value, allowed: range)
                }
            }
            try check(self.clusterCount, "k", ClusteringLimits.clusterCount)
            if self.clusterCount == nil {
                try check(self.clusterCountRange.upperBound, "k_range", ClusteringLimits.clusterCountRange)
            }
            try check(self.representativeCount, "representatives", ClusteringLimits.representativeCount)
            try check(self.topTermCount, "top_terms", ClusteringLimits.topTermCount)
            try check(self.labelTermCount, "label_terms", ClusteringLimits.labelTermCount)
            if !(0...1).contains(self.topicWeight) {
                throw FailureClusteringError.invalidParameter(
                    "topic_weight", "must be between 0 and 1, got \(self.topicWeight)")
            }
            try check(self.runCount, "n_init", ClusteringLimits.runCount)
            try check(self.maxIterations, "max_iter", ClusteringLimits.maxIterations)
            if !(self.tolerance >= 0) {
                throw FailureClusteringError.invalidParameter("tol", "must be >= 0, got \(self.tolerance)")
            }
            try check(self.silhouetteSampleSize, "silhouette_sample_size", ClusteringLimits.silhouetteSampleSize)
            try self.vectorizer.validate()
        }
    }

    /// The options this clusterer applies.
    package var configuration: Configuration
    /// Diagnoses each failure under ``ClusterEncoding/failureMode``.
    package var verifier: Verifier
    /// Checked between k-means runs and iterations; `nil` runs to the end.
    package var stop: ClusteringStop?

    /// A verifier with the default configuration, which is valid (tests check it).
    package static let defaultVerifier: Verifier = {
        guard let verifier = try? Verifier() else {
            preconditionFailure("the default verifier configuration is invalid")
        }
        return verifier
    }()

    /// A clusterer with `configuration`, diagnosing failures with `verifier`.
    package init(configuration: Configuration = Configuration(), verifier: Verifier = Self.defaultVerifier) {
        self.configuration = configuration
        self.verifier = verifier
    }

    /// Clusters `failures` (the caller decides what counts as a failure, e.g. `Experience.isFailure`).
    ///
    /// - Throws: `FailureClusteringError` for fewer than 2 failures, k < 1, k above the number of failures, a bad
    ///   k range or vectoriser option, or texts without a single term.
    /// - Complexity: per k tried, O(n_init × iterations × k × nnz) for k-means plus O(m² × mean row length) for a
    ///   silhouette on m = min(n, silhouette_sample_size) failures.
    package func cluster(_ failures: [Experience]) throws -> ClusteringResult {
        let configuration = self.configuration
        try configuration.validate()
        let count = failures.count
        if count < 2 { throw FailureClusteringError.tooFewFailures(count: count, minimum: 2) }
        if let clusterCount = configuration.clusterCount, clusterCount > count {
            throw FailureClusteringError.clusterCountTooLarge(clusterCount, itemCount: count)
        }
        let texts = TextCorpus(failures.map { configuration.text.text(of: $0) })
        let topic: VectorizedCorpus?
        do {
            topic = try TFIDFVectorizer(configuration: configuration.vectorizer).fitTransform(texts)
        } catch let error as FailureClusteringError
            where error == .emptyVocabulary && configuration.encoding == .failureMode
        {
            // Texts without a term (e.g. only empty responses) still have a diagnosis to cluster by.
            topic = nil
        }
        try self.stop?.check()
        let vectors: VectorizedCorpus
        switch configuration.encoding {
        case .topic: vectors = topic!
        case .failureMode:
            vectors = try FailureModeEncoder(verifier: self.verifier, topicWeight: configuration.topicWeight)
                .encode(failures, topic: topic, stop: self.stop)
        }
        let matrix = vectors.matrix

        var sampleGenerator = SplitMix64.derived(seed: configuration.seed, stream: 0x5111_0E77)
        let sampleRows = Silhouette.sampleRows(
            count: count, sampleSize: configuration.silhouetteSampleSize, seed: sampleGenerator.next())
        let sample = sampleRows.count == count ? matrix : matrix.selectingRows(sampleRows)
        func fit(_ k: Int) throws -> (KMeansResult, KSelection.Candidate) {
            // Every k from the same seed, as a scikit-learn loop over k with one `random_state` would.
            var kMeans = KMeans(
                configuration: KMeans.Configuration(
                    clusterCount: k, runCount: configuration.runCount, maxIterations: configuration.maxIterations,
                    tolerance: configuration.tolerance, seed: configuration.seed))
            kMeans.stop = self.stop
            let result = try kMeans.fit(matrix)
            try self.stop?.check()
            let silhouette = try? Silhouette.score(
                sample, labels: sampleRows.map { result.labels[$0] }, stop: self.stop)
            try self.stop?.check()  // a stopped silhouette skipped rows: its score must not be used
            return (result, KSelection.Candidate(k: k, silhouette: silhouette, inertia: result.inertia))
        }

        let chosen: KMeansResult
        let selection: KSelection
        if let clusterCount = configuration.clusterCount {
            let (result, candidate) = try fit(clusterCount)
            chosen = result
            selection = KSelection(
                method: .given, chosenK: clusterCount, candidates: [candidate],
                silhouetteSampleSize: candidate.silhouette == nil ? nil : sampleRows.count)
        } else {
            let range = configuration.clusterCountRange
            let upper = min(range.upperBound, count - 1)
            if upper < range.lowerBound {
                let (result, candidate) = try fit(1)
                chosen = result
                selection = KSelection(
                    method: .singleCluster, chosenK: 1, candidates: [candidate], silhouetteSampleSize: nil)
            } else {
                var best: (result: KMeansResult, score: Double?)?
                var candidates: [KSelection.Candidate] = []
                for k in range.lowerBound...upper {
                    let (result, candidate) = try fit(k)
                    candidates.append(candidate)
                    let better: Bool
                    switch (candidate.silhouette, best?.score) {
                    case (let score?, let bestScore?): better = score > bestScore
                    case (.some, nil): better = true
                    case (nil, _): better = best == nil
                    }
                    if better { best = (result, candidate.silhouette) }
                }
                chosen = best!.result
                selection = KSelection(
                    method: .silhouette, chosenK: chosen.clusterCount, candidates: candidates,
                    silhouetteSampleSize: sampleRows.count)
            }
        }

        let clusters = self.describe(failures: failures, vectors: vectors, clustering: chosen)
        let emptyTextCount =
            topic.map { topic in
                (0..<count).filter { topic.matrix.rowOffsets[$0] == topic.matrix.rowOffsets[$0 + 1] }.count
            } ?? count
        return ClusteringResult(
            clusters: clusters, kSelection: selection, failureCount: count, emptyTextCount: emptyTextCount,
            vocabularySize: vectors.vocabulary.count, inertia: chosen.inertia, parameters: configuration)
    }

    /// Whether every word of `term` (a unigram or an n-gram joined by spaces) is an English stop word.
    static func isStopWordTerm(_ term: String) -> Bool {
        term.split(separator: " ").allSatisfy { EnglishStopWords.words.contains(String($0)) }
    }

    /// Builds the reported clusters from a k-means result.
    private func describe(
        failures: [Experience], vectors: VectorizedCorpus, clustering: KMeansResult
    ) -> [FailureCluster] {
        let configuration = self.configuration
        let matrix = vectors.matrix
        let rowNorms = matrix.rowSquaredNorms()
        var members = [[Int]](repeating: [], count: clustering.clusterCount)
        for (row, label) in clustering.labels.enumerated() { members[label].append(row) }
        let order = (0..<clustering.clusterCount).filter { !members[$0].isEmpty }.sorted { (lhs: Int, rhs: Int) in
            members[lhs].count != members[rhs].count
                ? members[lhs].count > members[rhs].count : members[lhs][0] < members[rhs][0]
        }
        let total = Double(failures.count)
        return order.enumerated().map { position, cluster -> FailureCluster in
            let rows = members[cluster]
            let centroid = clustering.centroid(cluster)
            let base = centroid.startIndex
            let centroidNorm = centroid.reduce(0) { $0 + $1 * $1 }

            // Labels are for people: a term made only of English stop words ("the", "of the") says nothing.
            let weighted: [Int] = centroid.indices.filter {
                centroid[$0] > 0 && !Self.isStopWordTerm(vectors.vocabulary[$0 - base])
            }
            let heaviest: [Int] = weighted.sorted { (lhs: Int, rhs: Int) -> Bool in
                centroid[lhs] != centroid[rhs] ? centroid[lhs] > centroid[rhs] : lhs < rhs
            }
            let topTerms: [TermWeight] = heaviest.prefix(configuration.topTermCount).map { index in
                TermWeight(term: vectors.vocabulary[index - base], weight: centroid[index])
            }

            let distances = rows.map { row -> Double in
                var dot = 0.0
                for entry in matrix.rowOffsets[row]..<matrix.rowOffsets[row + 1] {
                    dot += Double(matrix.values[entry]) * centroid[base + Int(matrix.columnIndices[entry])]
                }
                return max(0, rowNorms[row] - 2 * dot + centroidNorm).squareRoot()
            }
            let closest: [Int] = rows.indices.sorted { (lhs: Int, rhs: Int) -> Bool in
                distances[lhs] != distances[rhs] ? distances[lhs] < distances[rhs] : lhs < rhs
            }
            let representatives: [RepresentativeFailure] = closest.prefix(configuration.representativeCount)
                .map { index in
                    let failure = failures[rows[index]]
                    return RepresentativeFailure(
                        id: failure.id, input: failure.input, response: failure.response,
                        failureType: failure.failureType, distance: distances[index])
                }

            var typeCounts: [String: Int] = [:]
            var loss = 0.0
            var rewardSum = 0.0
            var rewardCount = 0
            for row in rows {
                let failure = failures[row]
                if let type = failure.failureType { typeCounts[type, default: 0] += 1 }
                if let reward = failure.reward {
                    loss += 1 - min(1, max(0, reward))
                    rewardSum += reward
                    rewardCount += 1
                } else {
                    loss += 1
                }
            }
            let failureTypes = typeCounts.map { FailureTypeCount(failureType: $0.key, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.failureType < $1.failureType }
            let label = topTerms.prefix(configuration.labelTermCount).map(\.term).joined(separator: ", ")
            let meanReward: Double? = rewardCount > 0 ? rewardSum / Double(rewardCount) : nil

            return FailureCluster(
                clusterID: "cluster_\(position + 1)", size: rows.count, share: Double(rows.count) / total,
                severity: loss / total, meanReward: meanReward, topTerms: topTerms, label: label,
                failureTypes: failureTypes, representatives: representatives, memberIDs: rows.map { failures[$0].id })
        }
    }
}
