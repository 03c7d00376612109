import Foundation

/// Turns texts into TF-IDF vectors with scikit-learn's `TfidfVectorizer` semantics, so that on the same corpus and
/// settings the vectors equal scikit-learn's (to `Float` precision, ~1e-7).
///
/// Pipeline (scikit-learn's order): tokenise (`Tokenizer`), drop stop words, form word n-grams over what is left
/// (joined by one space), count per document; sort the vocabulary by code point; keep terms whose document frequency
/// lies in `min_df...max_df`, then at most `max_features` of them by total count (ties alphabetically); weight
/// `tf * idf` with `tf` the count (or `1 + ln(count)` when sublinear) and
/// `idf = ln((1 + n) / (1 + df)) + 1` (smooth) or `ln(n / df) + 1`; L2-normalise each row. Empty rows stay zero.
///
/// Documents are counted in parallel chunks, each with its own byte-keyed hash table (no `String` per token); the
/// sorted vocabulary makes the output independent of the chunking and of thread timing.
package struct TFIDFVectorizer: Sendable {
    /// The vectoriser's options; every default is scikit-learn's.
    package struct Configuration: Sendable, Hashable, Codable {
        /// Lowercase before tokenising (`lowercase`); default `true`.
        package var lowercase: Bool
        /// Words dropped before n-grams are formed (`stop_words`); default `.none`.
        package var stopWords: StopWords
        /// Word n-gram lengths (`ngram_range`); default `1...1`, `1...2` adds bigrams.
        package var ngramRange: ClosedRange<Int>
        /// Drop terms in fewer documents than this (`min_df`); default `.count(1)`.
        package var minDocumentFrequency: DocumentFrequency
        /// Drop terms in more documents than this (`max_df`); default `.proportion(1.0)`.
        package var maxDocumentFrequency: DocumentFrequency
        /// Keep only this many terms, the most frequent over the corpus (`max_features`); default `nil` (all).
        package var maxFeatures: Int?
        /// Use `1 + ln(tf)` instead of `tf` (`sublinear_tf`); default `false`.
        package var sublinearTF: Bool
        /// Weight by idf (`use_idf`); default `true`.
        package var useIDF: Bool
        /// Add one to document counts as if a document held every term once (`smooth_idf`); default `true`.
        package var smoothIDF: Bool
        /// L2-normalise each row (`norm="l2"`; `false` is `norm=None`); default `true`.
        package var normalize: Bool

        /// Options with scikit-learn's defaults unless given.
        package init(
            lowercase: Bool = true,
            stopWords: StopWords = .none,
            ngramRange: ClosedRange<Int> = 1...1,
            minDocumentFrequency: DocumentFrequency = .count(1),
            maxDocumentFrequency: DocumentFrequency = .proportion(1.0),
            maxFeatures: Int? = nil,
            sublinearTF: Bool = false,
            useIDF: Bool = true,
            smoothIDF: Bool = true,
            normalize: Bool = true
        ) {
            self.lowercase = lowercase
            self.stopWords = stopWords
            self.ngramRange = ngramRange
            self.minDocumentFrequency = minDocumentFrequency
            self.maxDocumentFrequency = maxDocumentFrequency
            self.maxFeatures = maxFeatures
            self.sublinearTF = sublinearTF
            self.useIDF = useIDF
            self.smoothIDF = smoothIDF
            self.normalize = normalize
        }

        enum CodingKeys: String, CodingKey {
            case lowercase
            case stopWords = "stop_words"
            case ngramRange = "ngram_range"
            case minDocumentFrequency = "min_df"
            case maxDocumentFrequency = "max_df"
            case maxFeatures = "max_features"
            case sublinearTF = "sublinear_tf"
            case useIDF = "use_idf"
            case smoothIDF = "smooth_idf"
            case normalize
        }

        /// Decodes the options; any key left out keeps its default.
        package init(from decoder: any Decoder) throws {
            try self.init(from: decoder.container(keyedBy: CodingKeys.self), defaults: Configuration())
        }

        /// Decodes the options from `container`; any key left out keeps its value in `defaults` (so a caller with
        /// other defaults, such as `FailureClusterer`, keeps them for the keys a request leaves out).
        init(from container: KeyedDecodingContainer<CodingKeys>, defaults: Configuration) throws {
            self.lowercase = try container.decodeIfPresent(Bool.self, forKey: .lowercase) ?? defaults.lowercase
            // A present `null` is a value ("none"), not a missing key: it must not bring back a caller's default.
            self.stopWords =
                container.contains(.stopWords)
                ? try container.decode(StopWords.self, forKey: .stopWords) : defaults.stopWords
            self.ngramRange =
                try container.decodeIfPresent(ClosedRange<Int>.self, forKey: .ngramRange) ?? defaults.ngramRange
            self.minDocumentFrequency =
                try container.decodeIfPresent(DocumentFrequency.self, forKey: .minDocumentFrequency)
                ?? defaults.minDocumentFrequency
            self.maxDocumentFrequency =
                try container.decodeIfPresent(DocumentFrequency.self, forKey: .maxDocumentFrequency)
                ?? defaults.maxDocumentFrequency
            self.maxFeatures =
                container.contains(.maxFeatures)
                ? try container.decodeIfPresent(Int.self, forKey: .maxFeatures) : defaults.maxFeatures
            self.sublinearTF = try container.decodeIfPresent(Bool.self, forKey: .sublinearTF) ?? defaults.sublinearTF
            self.useIDF = try container.decodeIfPresent(Bool.self, forKey: .useIDF) ?? defaults.useIDF
            self.smoothIDF = try container.decodeIfPresent(Bool.self, forKey: .smoothIDF) ?? defaults.smoothIDF
            self.normalize = try container.decodeIfPresent(Bool.self, forKey: .normalize) ?? defaults.normalize
        }

        /// Throws `FailureClusteringError` for options scikit-learn would reject.
        package func validate() throws {
            if self.ngramRange.lowerBound < 1 {
                throw FailureClusteringError.badRange(
                    "ngram_range", lower: self.ngramRange.lowerBound, upper: self.ngramRange.upperBound,
                    reason: "n-grams must have at least one word")
            }
            try self.minDocumentFrequency.validate("min_df")
            try self.maxDocumentFrequency.validate("max_df")
            if let maxFeatures = self.maxFeatures, maxFeatures < 1 {
                throw FailureClusteringError.invalidParameter("max_features", "must be at least 1, got \(maxFeatures)")
            }
        }
    }

    /// The options this vectoriser applies.
    package var configuration: Configuration

    /// A vectoriser with `configuration` (scikit-learn's defaults unless given).
    package init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Learns the vocabulary and idf of `documents` and returns their TF-IDF rows.
    ///
    /// - Throws: `FailureClusteringError` for bad options, an empty vocabulary, or pruning that removes every term.
    /// - Complexity: O(total bytes + V log V) for V distinct terms.
    package func fitTransform(_ documents: [String]) throws -> VectorizedCorpus {
        try self.fitTransform(TextCorpus(documents))
    }

    /// Learns the vocabulary and idf of `corpus` and returns its TF-IDF rows (see `fitTransform(_:)` for strings).
    package func fitTransform(_ corpus: TextCorpus) throws -> VectorizedCorpus {
        let configuration = self.configuration
        try configuration.validate()
        let documentCount = corpus.count

        // 1. Count terms per document, in parallel chunks with chunk-local term ids.
        let chunkSize = Self.chunkSize(documentCount: documentCount)
        let chunkCount = Parallel.chunkCount(count: documentCount, chunkSize: chunkSize)
        let stopTable = Self.stopTable(configuration.stopWords)
        var chunks = [ChunkCounts?](repeating: nil, count: chunkCount)
        corpus.bytes.withUnsafeBufferPointer { bytes in
            chunks.withUnsafeMutableBufferPointer { output in
                let output = SharedBuffer(output)
                Parallel.forEachChunk(count: documentCount, chunkSize: chunkSize) { chunk, range in
                    var counts = ChunkCounts(configuration: configuration, stopTable: stopTable)
                    for document in range {
                        counts.add(UnsafeBufferPointer(rebasing: bytes[corpus.spans[document]]))
                    }
                    output[chunk] = counts
                }
            }
        }

        // 2. Merge the chunk vocabularies into global ids (terms that occur in some document only).
        var global = TermTable(capacity: chunks.first??.table.count ?? 16)
        var documentFrequency: [Int] = []
        var totalCount: [Int] = []
        var localToGlobal: [[Int32]] = []
        for chunk in chunks.indices {
            let counts = chunks[chunk]!
            var map = [Int32](repeating: -1, count: counts.table.count)
            for local in 0..<counts.table.count where counts.documentFrequency[local] > 0 {
                let (id, inserted) = counts.table.withKey(local) { global.insert($0) }
                if inserted {
                    documentFrequency.append(0)
                    totalCount.append(0)
                }
                documentFrequency[Int(id)] += Int(counts.documentFrequency[local])
                totalCount[Int(id)] += counts.totalCount[local]
                map[local] = id
            }
            localToGlobal.append(map)
        }
        if global.count == 0 { throw FailureClusteringError.emptyVocabulary }
        let maxDocuments = configuration.maxDocumentFrequency.documents(of: documentCount)
        let minDocuments = configuration.minDocumentFrequency.documents(of: documentCount)
        if maxDocuments < minDocuments {
            throw FailureClusteringError.invalidParameter("max_df", "corresponds to fewer documents than min_df")
        }

        // 3. Sort the vocabulary, prune by document frequency, limit by total count.
        let sorted = (0..<global.count).sorted { global.keyPrecedes($0, $1) }
        var kept = sorted.filter {
            Double(documentFrequency[$0]) <= maxDocuments && Double(documentFrequency[$0]) >= minDocuments
        }
        if let limit = configuration.maxFeatures, kept.count > limit {
            // A stable sort on -count keeps alphabetical order among equal counts.
            let byCount = kept.enumerated().sorted {
                totalCount[$0.element] != totalCount[$1.element]
                    ? totalCount[$0.element] > totalCount[$1.element] : $0.offset < $1.offset
            }
            kept = byCount.prefix(limit).map(\.offset).sorted().map { kept[$0] }
        }
        if kept.isEmpty { throw FailureClusteringError.noTermsAfterPruning }
        var globalToColumn = [Int32](repeating: -1, count: global.count)
        for (column, id) in kept.enumerated() { globalToColumn[id] = Int32(column) }
        let vocabulary = kept.map { global.string($0) }
        let frequencies = kept.map { documentFrequency[$0] }
        let idf = frequencies.map { frequency -> Double in
            guard configuration.useIDF else { return 1 }
            let smoothing = configuration.smoothIDF ? 1.0 : 0.0
            return log((Double(documentCount) + smoothing) / (Double(frequency) + smoothing)) + 1
        }
        let columnMaps = localToGlobal.map { map in map.map { $0 < 0 ? -1 : globalToColumn[Int($0)] } }
        localToGlobal = []

        // 4. Weight and normalise each row into the final CSR arrays.
        let matrix = Self.weightedMatrix(
            chunks: chunks.map { $0! }, columnMaps: columnMaps, chunkSize: chunkSize, documentCount: documentCount,
            columnCount: kept.count, idf: idf, configuration: configuration)
        return VectorizedCorpus(
            matrix: matrix, vocabulary: vocabulary, documentFrequencies: frequencies, inverseDocumentFrequencies: idf)
    }

    static func chunkSize(documentCount: Int) -> Int {
        max(2048, (documentCount + 15) / 16)
    }

    private static func stopTable(_ stopWords: StopWords) -> TermTable {
        var table = TermTable(capacity: 512)
        for var word in stopWords.words {
            word.withUTF8 { _ = table.insert($0) }
        }
        return table
    }

    private static func weightedMatrix(
        chunks: [ChunkCounts], columnMaps: [[Int32]], chunkSize: Int, documentCount: Int, columnCount: Int,
        idf: [Double], configuration: Configuration
    ) -> SparseMatrix {
        // Row lengths after pruning, then offsets.
        var rowOffsets = [Int](repeating: 0, count: documentCount + 1)
        rowOffsets.withUnsafeMutableBufferPointer { offsets in
            let offsets = SharedBuffer(offsets)
            Parallel.forEach(iterations: chunks.count) { chunk in
                let counts = chunks[chunk]
                let map = columnMaps[chunk]
                let firstRow = chunk * chunkSize
                for row in 0..<counts.rowCount {
                    var length = 0
                    for entry in counts.rowOffsets[row]..<counts.rowOffsets[row + 1]
                    where map[Int(counts.terms[entry])] >= 0 {
                        length += 1
                    }
                    offsets[firstRow + row + 1] = length
                }
            }
        }
        for row in 0..<documentCount { rowOffsets[row + 1] += rowOffsets[row] }
        let nonZeroCount = rowOffsets[documentCount]
        var columns = [Int32](repeating: 0, count: nonZeroCount)
        var values = [Float](repeating: 0, count: nonZeroCount)
        columns.withUnsafeMutableBufferPointer { columnBuffer in
            values.withUnsafeMutableBufferPointer { valueBuffer in
                let columnOutput = SharedBuffer(columnBuffer)
                let valueOutput = SharedBuffer(valueBuffer)
                idf.withUnsafeBufferPointer { idf in
                    Parallel.forEach(iterations: chunks.count) { chunk in
                        let counts = chunks[chunk]
                        let map = columnMaps[chunk]
                        let firstRow = chunk * chunkSize
                        var entries: [(column: Int32, weight: Double)] = []
                        for row in 0..<counts.rowCount {
                            entries.removeAll(keepingCapacity: true)
                            var squaredNorm = 0.0
                            for entry in counts.rowOffsets[row]..<counts.rowOffsets[row + 1] {
                                let column = map[Int(counts.terms[entry])]
                                if column < 0 { continue }
                                let count = Double(counts.counts[entry])
                                let tf = configuration.sublinearTF ? log(count) + 1 : count
                                let weight = tf * idf[Int(column)]
                                squaredNorm += weight * weight
                                entries.append((column, weight))
                            }
                            // Insertion sort: rows are short, and this avoids a closure call per comparison.
                            for index in entries.indices.dropFirst() {
                                let entry = entries[index]
                                var position = index
                                while position > 0 && entries[position - 1].column > entry.column {
                                    entries[position] = entries[position - 1]
                                    position -= 1
                                }
                                entries[position] = entry
                            }
                            let scale = configuration.normalize && squaredNorm > 0 ? 1 / squaredNorm.squareRoot() : 1
                            var position = rowOffsets[firstRow + row]
                            for (column, weight) in entries {
                                columnOutput[position] = column
                                valueOutput[position] = Float(weight * scale)
                                position += 1
                            }
                        }
                    }
                }
            }
        }
        return SparseMatrix(
            rowCount: documentCount, columnCount: columnCount, rowOffsets: rowOffsets, columnIndices: columns,
            values: values)
    }
}

/// Term counts of one chunk of documents, with chunk-local term ids.
private struct ChunkCounts {
    let tokenizer: Tokenizer
    let stopTable: TermTable
    let hasStopWords: Bool
    let ngramRange: ClosedRange<Int>
    var table = TermTable()
    /// Per local term: whether it is a stop word.
    var isStopWord: [Bool] = []
    /// Per local term: documents containing it, and total occurrences.
    var documentFrequency: [Int32] = []
    var totalCount: [Int] = []
    /// Per local term: the last row it was counted in, and where in `terms`.
    private var lastRow: [Int32] = []
    private var position: [Int32] = []
    /// CSR of (term, count) per document, in order of first occurrence.
    var rowOffsets: [Int] = [0]
    var terms: [Int32] = []
    var counts: [Int32] = []
    private var tokens = TokenBuffer()
    private var kept: [Int] = []
    private var gram: [UInt8] = []

    init(configuration: TFIDFVectorizer.Configuration, stopTable: TermTable) {
        self.tokenizer = Tokenizer(lowercase: configuration.lowercase)
        self.stopTable = stopTable
        self.hasStopWords = stopTable.count > 0
        self.ngramRange = configuration.ngramRange
    }

    var rowCount: Int { self.rowOffsets.count - 1 }

    mutating func add(_ document: UnsafeBufferPointer<UInt8>) {
        let row = Int32(self.rowCount)
        let rowStart = self.terms.count
        // Work on the token buffer outside `self`, so looking terms up (which mutates `self`) copies nothing.
        var tokens = TokenBuffer()
        swap(&tokens, &self.tokens)
        defer { swap(&tokens, &self.tokens) }
        self.tokenizer.scan(document, into: &tokens)
        self.kept.removeAll(keepingCapacity: true)
        let wantsUnigrams = self.ngramRange.contains(1)
        tokens.bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for index in 0..<tokens.count {
                let end = tokens.ends[index]
                let id = self.lookUp(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                start = end
                if self.isStopWord[Int(id)] { continue }
                self.kept.append(index)
                if wantsUnigrams { self.count(id, row: row) }
            }
        }
        if self.ngramRange.upperBound >= 2 {
            for length in max(2, self.ngramRange.lowerBound)...self.ngramRange.upperBound
            where length <= self.kept.count {
                for start in 0...(self.kept.count - length) {
                    self.gram.removeAll(keepingCapacity: true)
                    for index in self.kept[start..<(start + length)] {
                        if !self.gram.isEmpty { self.gram.append(0x20) }
                        self.gram.append(contentsOf: tokens.bytes[tokens.range(of: index)])
                    }
                    var gram = self.gram
                    self.gram = []
                    let id = gram.withUnsafeBufferPointer { self.lookUp($0) }
                    swap(&gram, &self.gram)
                    self.count(id, row: row)
                }
            }
        }
        for entry in rowStart..<self.terms.count {
            let term = Int(self.terms[entry])
            self.documentFrequency[term] += 1
            self.totalCount[term] += Int(self.counts[entry])
        }
        self.rowOffsets.append(self.terms.count)
    }

    @inline(__always)
    private mutating func lookUp(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (id, inserted) = self.table.insert(key)
        if inserted {
            self.isStopWord.append(self.hasStopWords && self.stopTable.find(key) != nil)
            self.documentFrequency.append(0)
            self.totalCount.append(0)
            self.lastRow.append(-1)
            self.position.append(0)
        }
        return id
    }

    @inline(__always)
    private mutating func count(_ id: Int32, row: Int32) {
        let term = Int(id)
        if self.lastRow[term] == row {
            self.counts[Int(self.position[term])] += 1
        } else {
            self.lastRow[term] = row
            self.position[term] = Int32(self.terms.count)
            self.terms.append(id)
            self.counts.append(1)
        }
    }
}
