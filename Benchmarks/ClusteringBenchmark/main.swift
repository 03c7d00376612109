// The Swift side of the clustering benchmark (see Benchmarks/README.md, "Failure clustering"): load a TSV corpus
// (`label<TAB>text` per line), TF-IDF with sublinear tf, k-means with one k-means++ run, then print one JSON line with
// wall times, peak memory (VmHWM), inertia, iterations, convergence, and the adjusted Rand index and NMI against the
// labels.
//
//     ClusteringBenchmark CORPUS.tsv K SEED [INIT_ROWS]
//
// A second mode scores the failure-mode encoding on a `kaizen demo` run (see `DemoRoundsBenchmark`):
//
//     ClusteringBenchmark demo-rounds [DEMO_DIR]
//
// INIT_ROWS (optional, to replay a start by hand): a file of K row indices, one a line (e.g. the rows scikit-learn's
// k-means++ picked for the same seed), used as the initial centroids instead of our own k-means++.
import FailureClustering
import Foundation

var arguments = CommandLine.arguments
// `--stop-words english|none` anywhere: the vectoriser's stop words (default none, as scikit-learn's).
var stopWords = StopWords.none
if let flag = arguments.firstIndex(of: "--stop-words"), flag + 1 < arguments.count {
    stopWords = arguments[flag + 1] == "english" ? .english : .none
    arguments.removeSubrange(flag...(flag + 1))
}
if arguments.count >= 2 && arguments[1] == "demo-rounds" {
    do {
        try await DemoRoundsBenchmark.run(directory: arguments.count > 2 ? arguments[2] : "kaizen-demo")
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
}
guard (4...5).contains(arguments.count), let clusterCount = Int(arguments[2]), let seed = UInt64(arguments[3]) else {
    FileHandle.standardError.write(
        Data(
            "usage: ClusteringBenchmark CORPUS.tsv K SEED [INIT_ROWS] [--stop-words english|none], or ClusteringBenchmark demo-rounds [DEMO_DIR]\n"
                .utf8))
    exit(2)
}
let path = arguments[1]
var initialization = KMeans.Initialization.greedyKMeansPlusPlus
if arguments.count == 5 {
    let text = try String(contentsOfFile: arguments[4], encoding: .utf8)
    let rows = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    initialization = .rows(rows)
}
let clock = ContinuousClock()

let start = clock.now
let corpusFile = try CorpusFile(path: path)
let loaded = clock.now
let vectors = try TFIDFVectorizer(configuration: .init(stopWords: stopWords, sublinearTF: true))
    .fitTransform(corpusFile.corpus)
let vectorized = clock.now
let result = try KMeans(
    configuration: .init(clusterCount: clusterCount, initialization: initialization, runCount: 1, seed: seed)
).fit(vectors.matrix)
let clustered = clock.now
let peakMegabytes = PeakMemory.megabytes()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

let report: [String: Any] = [
    "tool": "swift", "corpus": path, "stop_words": stopWords == .english ? "english" : "none",
    "documents": corpusFile.corpus.count, "k": clusterCount, "seed": seed,
    "vocabulary": vectors.vocabulary.count, "nnz": vectors.matrix.nonZeroCount,
    "load_s": seconds(loaded - start), "vectorize_s": seconds(vectorized - loaded),
    "cluster_s": seconds(clustered - vectorized), "total_s": seconds(clustered - start),
    "iterations": result.iterations, "inertia": result.inertia, "converged": result.converged,
    "init": arguments.count == 5 ? "rows:" + arguments[4] : "k-means++", "initial_rows": result.initialRows,
    "peak_mb": peakMegabytes,
    "ari": ClusteringMetrics.adjustedRandIndex(corpusFile.labels, result.labels),
    "nmi": ClusteringMetrics.normalizedMutualInformation(corpusFile.labels, result.labels),
]
let json = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
