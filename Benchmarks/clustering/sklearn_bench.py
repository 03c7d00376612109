#!/usr/bin/env python3
"""scikit-learn side of the clustering benchmark: load a TSV corpus, TfidfVectorizer(sublinear_tf=True),
KMeans(n_clusters=k, n_init=1, random_state=seed); prints one JSON line with times, peak memory, ARI and NMI.

    sklearn_bench.py CORPUS.tsv K SEED
"""
import json
import resource
import sys
import time


def main():
    path, k, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    start = time.perf_counter()
    labels, texts = [], []
    with open(path, encoding="utf-8") as file:
        for line in file:
            label, _, text = line.rstrip("\n").partition("\t")
            labels.append(label)
            texts.append(text)
    loaded = time.perf_counter()
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    vectorized = time.perf_counter()
    model = KMeans(n_clusters=k, n_init=1, random_state=seed).fit(matrix)
    clustered = time.perf_counter()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "tool": "sklearn", "corpus": path, "documents": len(texts), "k": k, "seed": seed,
        "vocabulary": matrix.shape[1], "nnz": int(matrix.nnz),
        "load_s": loaded - start, "vectorize_s": vectorized - loaded, "cluster_s": clustered - vectorized,
        "total_s": clustered - start, "iterations": int(model.n_iter_), "inertia": float(model.inertia_),
        "peak_mb": peak_kb / 1024,
        "ari": adjusted_rand_score(labels, model.labels_), "nmi": normalized_mutual_info_score(labels, model.labels_),
    }))


if __name__ == "__main__":
    main()
