// The Swift side of the clustering benchmark (see Benchmarks/README.md, "Failure clustering"): load a TSV corpus
// (`label<TAB>text` per line), TF-IDF with sublinear tf, k-means with one k-means++ run, then print one JSON line with
// wall times, peak memory (VmHWM) and the adjusted Rand index and NMI against the labels.
//
//     ClusteringBenchmark CORPUS.tsv K SEED
import FailureClustering
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 4, let clusterCount = Int(arguments[2]), let seed = UInt64(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: ClusteringBenchmark CORPUS.tsv K SEED\n".utf8))
    exit(2)
}
let path = arguments[1]
let clock = ContinuousClock()

let start = clock.now
let corpusFile = try CorpusFile(path: path)
let loaded = clock.now
let vectors = try TFIDFVectorizer(configuration: .init(sublinearTF: true)).fitTransform(corpusFile.corpus)
let vectorized = clock.now
let result = try KMeans(configuration: .init(clusterCount: clusterCount, runCount: 1, seed: seed)).fit(vectors.matrix)
let clustered = clock.now
let peakMegabytes = PeakMemory.megabytes()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

let report: [String: Any] = [
    "tool": "swift", "corpus": path, "documents": corpusFile.corpus.count, "k": clusterCount, "seed": seed,
    "vocabulary": vectors.vocabulary.count, "nnz": vectors.matrix.nonZeroCount,
    "load_s": seconds(loaded - start), "vectorize_s": seconds(vectorized - loaded),
    "cluster_s": seconds(clustered - vectorized), "total_s": seconds(clustered - start),
    "iterations": result.iterations, "inertia": result.inertia, "peak_mb": peakMegabytes,
    "ari": ClusteringMetrics.adjustedRandIndex(corpusFile.labels, result.labels),
    "nmi": ClusteringMetrics.normalizedMutualInformation(corpusFile.labels, result.labels),
]
let json = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
