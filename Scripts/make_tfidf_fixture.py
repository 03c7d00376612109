#!/usr/bin/env python3
"""Writes Tests/FailureClusteringTests/Fixtures/sklearn_fixture.json: scikit-learn's answers that the Swift
FailureClustering tests compare against (TfidfVectorizer vectors, KMeans from a fixed init and seeded k-means++,
silhouette, ARI, NMI).

Usage (from the repository root; needs scikit-learn, e.g. `pip install scikit-learn`):
    python3 Scripts/make_tfidf_fixture.py
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.cluster import KMeans, kmeans_plusplus
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, silhouette_samples, silhouette_score

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "FailureClusteringTests" / "Fixtures" / "sklearn_fixture.json"

# Unicode (accents, composed and decomposed; Cyrillic, Greek with final sigma, CJK, Arabic, Devanagari with
# combining marks), punctuation, digits (ASCII, superscript, fractions, Arabic-Indic), underscores, empty rows.
MIXED = [
    "The refund was NOT processed: error 404 at 2025-12-10T14:22:00Z.",
    "Café naïve résumé — the café's crème brûlée costs €3.50!",
    "Привет, мир! Ответ модели был неверным; Привет снова.",
    "日本語のテキスト、東京タワー。Tokyo 2020",
    "ΟΔΟΣ Σίσυφος ΣΟΦΙΑΣ: final sigma test, ΑΣ. Σ alone",
    "snake_case_name and __init__ plus _ alone, foo_bar_42",
    "İstanbul STRASSE straße ẞig Ǆemal ǅemal",
    "cafe\u0301 re\u0301sume\u0301 cafe\u0301",
    "x² ½ ٣٤ ١٢٣ digits: 3.14159, 1,000,000 and 007",
    "a I ? !! .",
    "the the the of and",
    "Refund refund REFUND policy: the refund policy was hallucinated",
    "I can't help with that; don't worry, it's fine.",
    "emoji 😀 test 🚀rocket launch-pad e-mail x_y",
    "Model hallucinated a citation: Smith et al. 2021, p. 42.",
    "مرحبا بالعالم هذا اختبار",
    "हिन्दी भाषा परीक्षण",
    "line one\nline two\ttabbed\r\nline three, the refund again",
    "The model refused: policy says no refund after 30 days.",
    "Timeout after 30 seconds; the model returned nothing.",
]

# Three clearly separated topics for k-means, silhouette and metrics.
TOPICS = {
    "billing": ["refund", "invoice", "charge", "payment", "card", "billing", "subscription", "credit"],
    "weather": ["rain", "forecast", "storm", "sunny", "temperature", "wind", "cloudy", "snow"],
    "code": ["compile", "error", "stack", "trace", "exception", "null", "pointer", "segfault"],
}


def separable_corpus():
    rng = np.random.default_rng(7)
    docs, labels = [], []
    for round_ in range(8):
        for label, words in TOPICS.items():
            picks = rng.choice(len(words), size=5, replace=False)
            docs.append(" ".join(words[i] for i in picks) + f" item{round_}")
            labels.append(label)
    return docs, labels


def overlapping_corpus():
    """Noisy documents: topic words plus words shared by every topic, so clusters overlap and k-means must iterate."""
    rng = np.random.default_rng(13)
    shared = ["model", "answer", "user", "failed", "response", "wrong", "again", "please"]
    docs = []
    for i in range(60):
        words = TOPICS[list(TOPICS)[i % 3]]
        length = int(rng.integers(4, 10))
        picks = [words[int(rng.integers(len(words)))] if rng.random() < 0.6 else shared[int(rng.integers(len(shared)))]
                 for _ in range(length)]
        docs.append(" ".join(picks + ["failure"]))
    return docs


def bound(value):
    return {"count": value} if isinstance(value, int) else {"proportion": value}


def case(name, corpus_name, corpus, **params):
    vectorizer = TfidfVectorizer(**params)
    matrix = vectorizer.fit_transform(corpus).tocsr()
    matrix.sort_indices()
    vocabulary = vectorizer.get_feature_names_out().tolist()
    rows = []
    for i in range(matrix.shape[0]):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        rows.append([[int(c), float(v)] for c, v in zip(matrix.indices[start:end], matrix.data[start:end])])
    stop = params.get("stop_words")
    swift_params = {
        "lowercase": params.get("lowercase", True),
        "stop_words": stop,
        "ngram_range": list(params.get("ngram_range", (1, 1))),
        "min_df": bound(params.get("min_df", 1)),
        "max_df": bound(params.get("max_df", 1.0)),
        "max_features": params.get("max_features"),
        "sublinear_tf": params.get("sublinear_tf", False),
        "use_idf": params.get("use_idf", True),
        "smooth_idf": params.get("smooth_idf", True),
        "normalize": params.get("norm", "l2") is not None,
    }
    if params.get("max_features") is not None:
        # scikit-learn orders by count with a non-stable argsort; the Swift side breaks ties alphabetically.
        # Make sure no tie straddles the cut, so the fixture does not depend on numpy's sort.
        cv = CountVectorizer(**{k: v for k, v in params.items()
                                if k not in ("max_features", "sublinear_tf", "use_idf", "smooth_idf", "norm")})
        totals = np.sort(np.asarray(cv.fit_transform(corpus).sum(axis=0)).ravel())[::-1]
        limit = params["max_features"]
        assert totals[limit - 1] != totals[limit], f"{name}: a tie straddles max_features"
    return {
        "name": name,
        "corpus": corpus_name,
        "parameters": swift_params,
        "vocabulary": vocabulary,
        "idf": vectorizer.idf_.tolist() if params.get("use_idf", True) else [1.0] * len(vocabulary),
        "rows": rows,
    }


def main():
    separable, separable_labels = separable_corpus()
    overlapping = overlapping_corpus()
    corpora = {"mixed": MIXED, "separable": separable, "overlapping": overlapping}
    cases = [
        case("default", "mixed", MIXED),
        case("sublinear", "mixed", MIXED, sublinear_tf=True),
        case("bigrams_english_stop_words", "mixed", MIXED, ngram_range=(1, 2), stop_words="english"),
        case("bigrams_trigrams_only", "mixed", MIXED, ngram_range=(2, 3), stop_words="english"),
        case("min_df_count_max_df_proportion", "mixed", MIXED, min_df=2, max_df=0.2),
        case("min_df_proportion_max_df_count", "mixed", MIXED, min_df=0.1, max_df=3),
        case("max_features", "mixed", MIXED, max_features=6),
        case("max_features_bigrams_sublinear", "mixed", MIXED, max_features=7, ngram_range=(1, 2),
             sublinear_tf=True),
        case("raw_idf_no_norm", "mixed", MIXED, smooth_idf=False, norm=None),
        case("no_idf", "mixed", MIXED, use_idf=False),
        case("no_lowercase_custom_stop_words", "mixed", MIXED, lowercase=False,
             stop_words=["refund", "the", "model"]),
        case("separable_sublinear", "separable", separable, sublinear_tf=True),
        case("overlapping", "overlapping", overlapping),
    ]

    # KMeans from a fixed init (rows 0, 1, 2: one per topic) and with k-means++.
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(separable)
    init_rows = [0, 1, 2]
    fixed = KMeans(n_clusters=3, init=matrix[init_rows].toarray(), n_init=1, max_iter=300, tol=1e-4).fit(matrix)
    plusplus = KMeans(n_clusters=3, n_init=10, random_state=0).fit(matrix)
    # A harder case (overlapping texts, several iterations), same fixed-init protocol. (The "mixed" corpus is not
    # used: its documents share no term with any initial centroid, so exact distance ties decide, which rounding
    # breaks arbitrarily.)
    overlapping_matrix = TfidfVectorizer().fit_transform(overlapping)
    overlapping_init = [0, 1, 2, 3, 4]
    overlapping_fixed = KMeans(n_clusters=5, init=overlapping_matrix[overlapping_init].toarray(), n_init=1).fit(
        overlapping_matrix)
    kmeans = [
        {
            "name": "separable_fixed_init", "case": "separable_sublinear", "k": 3, "init_rows": init_rows,
            "labels": fixed.labels_.tolist(), "inertia": float(fixed.inertia_), "iterations": int(fixed.n_iter_),
            "kmeans_plus_plus_labels": plusplus.labels_.tolist(),
            "kmeans_plus_plus_inertia": float(plusplus.inertia_),
        },
        {
            "name": "overlapping_fixed_init", "case": "overlapping", "k": 5, "init_rows": overlapping_init,
            "labels": overlapping_fixed.labels_.tolist(), "inertia": float(overlapping_fixed.inertia_),
            "iterations": int(overlapping_fixed.n_iter_),
        },
    ]

    # Seeded k-means++ on the overlapping corpus: the rows scikit-learn's k-means++ picks for a `random_state`
    # (NumPy's MT19937 stream) and the partition KMeans reaches from them, with one run and with three runs drawn
    # from the same stream. Every document shares the word "failure", so no exact distance ties decide.
    seeded = []
    for k, seed, runs in [(3, 0, 1), (3, 1, 1), (5, 0, 1), (5, 2, 1), (5, 3, 1), (8, 4, 1), (8, 5, 1), (5, 6, 3),
                          (8, 7, 3)]:
        _, indices = kmeans_plusplus(overlapping_matrix, k, random_state=seed)
        model = KMeans(n_clusters=k, n_init=runs, random_state=seed).fit(overlapping_matrix)
        seeded.append({
            "case": "overlapping", "k": k, "seed": seed, "n_init": runs,
            "initial_rows": [int(row) for row in indices], "labels": model.labels_.tolist(),
            "inertia": float(model.inertia_),
        })

    silhouette = [
        {
            "case": "separable_sublinear", "labels": [list(TOPICS).index(x) for x in separable_labels],
            "score": float(silhouette_score(matrix, separable_labels)),
            "samples": silhouette_samples(matrix, separable_labels).tolist(),
        },
        {
            "case": "overlapping", "labels": overlapping_fixed.labels_.tolist(),
            "score": float(silhouette_score(overlapping_matrix, overlapping_fixed.labels_)),
            "samples": silhouette_samples(overlapping_matrix, overlapping_fixed.labels_).tolist(),
        },
    ]

    rng = np.random.default_rng(11)
    pairs = [
        ([0, 0, 1, 1, 2, 2], [5, 5, 3, 3, 9, 9]),
        ([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]),
        ([0, 0, 0, 0], [0, 0, 0, 0]),
        ([0, 0, 0, 0], [0, 1, 2, 3]),
        ([0, 1, 2, 3], [0, 1, 2, 3]),
        ([0, 0, 1, 1], [0, 1, 0, 1]),
        (rng.integers(0, 5, 200).tolist(), rng.integers(0, 7, 200).tolist()),
        (rng.integers(0, 3, 500).tolist(), rng.integers(0, 3, 500).tolist()),
    ]
    truth = rng.integers(0, 10, 1000)
    noisy = np.where(rng.random(1000) < 0.2, rng.integers(0, 10, 1000), truth)
    pairs.append((truth.tolist(), noisy.tolist()))
    metrics = [
        {"truth": a, "predicted": b, "ari": float(adjusted_rand_score(a, b)),
         "nmi": float(normalized_mutual_info_score(a, b))}
        for a, b in pairs
    ]

    fixture = {
        "generator": "Scripts/make_tfidf_fixture.py",
        "sklearn_version": sklearn.__version__,
        "corpora": corpora,
        "tfidf_cases": cases,
        "kmeans": kmeans,
        "seeded_kmeans": seeded,
        "silhouette": silhouette,
        "metrics": metrics,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(cases)} TF-IDF cases, {len(kmeans)} k-means cases")


if __name__ == "__main__":
    main()
