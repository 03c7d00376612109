#!/usr/bin/env python3
"""Fits the verifier's grounding model on the fitting half of HaluEval dialogue and writes
Sources/Verification/GroundingModel+Fitted.swift.

The features come from the Swift verifier itself, so the script and `verify` cannot disagree on tokenising:

    swift run -c release VerifierBenchmark --dump-features /tmp/features.tsv   # from the repository root
    python3 Scripts/fit_grounding_model.py /tmp/features.tsv                    # needs numpy and scipy

Model: logistic regression, `logit = b + Σ_i w_i f_i + Σ_{unsupported words u} v_u`, fitted on the rows whose
split is `fit` only (the benchmark reports on the `held` rows). The sign of each feature weight is constrained to
the direction grounding implies (unsupported names/numbers and a dialogue name in an unsupported claim add risk;
a number conflicting with a stated one adds risk; knowledge evidence and new knowledge
names remove it), and word weights are constrained to >= 0, so an unsupported
word can only add risk. The word vocabulary is the unsupported words seen in at least MIN_WORD_COUNT fitting-half
responses that also occur in at least one fitting-half knowledge snippet (a word no knowledge ever states, such as
a filler, gets no weight). L2 penalties: WORD_L2 on word weights, FEATURE_L2 on feature weights, none on the bias.
The flag threshold (on the risk, the logistic of the logit) maximises balanced accuracy on the fitting half.
"""
import csv
import math
import pathlib
import sys
from collections import Counter

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Sources" / "Verification" / "GroundingModel+Fitted.swift"
FEATURES = [
    "unsupported_name", "unsupported_name_share", "unsupported_number", "context_evidence_share",
    "new_context_name", "input_name_in_unsupported_claim", "conflicting_number",
]
SIGNS = [1, 1, 1, -1, -1, 1, 1]
MIN_WORD_COUNT = 5
WORD_L2 = 3e-5
FEATURE_L2 = 1e-4


def load(path):
    csv.field_size_limit(10**7)
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows


def main():
    rows = load(sys.argv[1] if len(sys.argv) > 1 else "/tmp/features.tsv")
    fit = np.array([row["split"] == "fit" for row in rows])
    y = np.array([float(row["hallucinated"]) for row in rows])
    dense = np.array([[float(row[name]) for name in FEATURES] for row in rows])
    words = [row["unsupported_words"].split() for row in rows]

    knowledge_vocabulary = set()
    seen_records = set()
    counts = Counter()
    for row, row_words, is_fit in zip(rows, words, fit):
        if not is_fit:
            continue
        counts.update(set(row_words))
        if row["record"] not in seen_records:
            seen_records.add(row["record"])
            knowledge_vocabulary.update(row["knowledge_words"].split())
    vocabulary = sorted(w for w, c in counts.items() if c >= MIN_WORD_COUNT and w in knowledge_vocabulary)
    column = {w: i for i, w in enumerate(vocabulary)}
    entries = [(r, column[w]) for r, row_words in enumerate(words) for w in row_words if w in column]
    word_matrix = sparse.csr_matrix(
        (np.ones(len(entries)), ([r for r, _ in entries], [c for _, c in entries])),
        shape=(len(rows), len(vocabulary)))
    x = sparse.hstack([sparse.csr_matrix(dense), word_matrix]).tocsr()

    xf, yf = x[fit], y[fit]
    n, d = xf.shape
    penalty = np.full(d, WORD_L2)
    penalty[: len(FEATURES)] = FEATURE_L2

    def loss(parameters):
        w, b = parameters[:-1], parameters[-1]
        z = xf @ w + b
        p = 1 / (1 + np.exp(-z))
        value = np.sum(np.logaddexp(0, z) - yf * z) / n + 0.5 * np.sum(penalty * w * w)
        gradient = np.r_[xf.T @ (p - yf) / n + penalty * w, np.sum(p - yf) / n]
        return value, gradient

    bounds = [(0, None) if s > 0 else (None, 0) for s in SIGNS] + [(0, None)] * len(vocabulary) + [(None, None)]
    result = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B", bounds=bounds,
                      options={"maxiter": 20000})
    w, b = result.x[:-1], result.x[-1]
    # Round as the Swift file stores them, then choose the threshold with the rounded model.
    feature_weights = [round(float(v), 4) for v in w[: len(FEATURES)]]
    word_weights = {word: round(float(v), 4) for word, v in zip(vocabulary, w[len(FEATURES):]) if round(float(v), 4) > 0}
    intercept = round(float(b), 4)
    logits = intercept + dense @ np.array(feature_weights) + np.array(
        [sum(word_weights.get(u, 0.0) for u in row_words) for row_words in words])
    risk = 1 / (1 + np.exp(-logits))

    def balanced(mask, threshold):
        positive = risk[mask & (y == 1)] >= threshold
        negative = risk[mask & (y == 0)] < threshold
        return (positive.mean() + negative.mean()) / 2

    candidates = np.unique(np.round(risk[fit], 4))
    threshold = max(candidates, key=lambda t: balanced(fit, t))
    print(f"converged={result.success} vocabulary={len(vocabulary)} nonzero word weights={len(word_weights)}")
    print(f"intercept={intercept} feature weights={dict(zip(FEATURES, feature_weights))}")
    print(f"threshold={threshold:.4f} balanced accuracy: fitting half {balanced(fit, threshold):.4f}, "
          f"held-out half {balanced(~fit, threshold):.4f}")

    lines = [
        "// Generated by Scripts/fit_grounding_model.py from the VerifierBenchmark --dump-features output; do not edit.",
        f"// Fitted on the fitting half of HaluEval dialogue ({int(fit.sum())} responses, seeded split by record);",
        f"// vocabulary: unsupported words in >= {MIN_WORD_COUNT} fitting responses that occur in some knowledge snippet;",
        f"// L2 {WORD_L2} on word weights, {FEATURE_L2} on feature weights; {len(word_weights)} non-zero word weights.",
        "",
        "extension GroundingModel {",
        "    /// The model fitted on the fitting half of HaluEval dialogue (see `Scripts/fit_grounding_model.py`).",
        "    package static let fitted = GroundingModel(",
        f"        intercept: {intercept!r},",
        "        featureWeights: [" + ", ".join(repr(v) for v in feature_weights) + "],",
        "        wordWeights: fittedWordWeights)",
        "",
        "    /// The risk threshold that maximised balanced accuracy on the fitting half.",
        f"    package static let fittedThreshold = {float(threshold)!r}",
        "",
        "    private static let fittedWordWeights: [String: Double] = [",
    ]
    for word in sorted(word_weights):
        escaped = word.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'        "{escaped}": {word_weights[word]!r},')
    lines += ["    ]", "}", ""]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
