#!/usr/bin/env python3
"""scikit-learn side of the clustering benchmark: load a TSV corpus, TfidfVectorizer(sublinear_tf=True),
KMeans(n_clusters=k, n_init=1, random_state=seed); prints one JSON line with times, peak memory, inertia_, n_iter_,
whether it converged (n_iter_ < max_iter), ARI and NMI.

    sklearn_bench.py CORPUS.tsv K SEED [--write-init FILE] [--init-rows FILE]

For replaying one start in either tool by hand (run.sh and seed_study.sh use neither):
  --write-init FILE  after the timed part, write the K row indices scikit-learn's k-means++ picks for this seed
                     (`kmeans_plusplus(X, K, random_state=SEED)`, the same draws `KMeans(random_state=SEED)` makes)
                     so the Swift side can start from the same centroids.
  --init-rows FILE   start KMeans from these rows (`init=X[rows]`) instead of its own k-means++.
"""
import json
import resource
import sys
import time


def main():
    arguments = sys.argv[1:]
    options = {}
    for flag in ("--write-init", "--init-rows"):
        if flag in arguments:
            position = arguments.index(flag)
            options[flag] = arguments[position + 1]
            del arguments[position:position + 2]
    path, k, seed = arguments[0], int(arguments[1]), int(arguments[2])
    import numpy as np
    from sklearn.cluster import KMeans, kmeans_plusplus
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
    init = "k-means++"
    if "--init-rows" in options:
        rows = np.loadtxt(options["--init-rows"], dtype=np.int64)
        init = matrix[rows].toarray()
    model = KMeans(n_clusters=k, init=init, n_init=1, random_state=seed).fit(matrix)
    clustered = time.perf_counter()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    record = {
        "tool": "sklearn", "corpus": path, "documents": len(texts), "k": k, "seed": seed,
        "vocabulary": matrix.shape[1], "nnz": int(matrix.nnz),
        "load_s": loaded - start, "vectorize_s": vectorized - loaded, "cluster_s": clustered - vectorized,
        "total_s": clustered - start, "iterations": int(model.n_iter_), "inertia": float(model.inertia_),
        "converged": int(model.n_iter_) < model.max_iter,
        "init": "rows:" + options["--init-rows"] if "--init-rows" in options else "k-means++",
        "peak_mb": peak_kb / 1024,
        "ari": adjusted_rand_score(labels, model.labels_), "nmi": normalized_mutual_info_score(labels, model.labels_),
    }
    # After the timed part and the memory reading: the rows its k-means++ started from (the same draws
    # `KMeans(random_state=seed)` made), so the summary can say whether both tools started from the same rows.
    if init == "k-means++":
        _, indices = kmeans_plusplus(matrix, k, random_state=seed)
        record["initial_rows"] = [int(row) for row in indices]
        if "--write-init" in options:
            np.savetxt(options["--write-init"], indices, fmt="%d")
    print(json.dumps(record))


if __name__ == "__main__":
    main()
