#!/usr/bin/env python3
"""Fits the verifier's grounding model on the fitting halves of HaluEval dialogue and summarization and writes the
bundled resource Sources/Verification/Resources/grounding-model.json (or, with --check, verifies it).

The features come from the Swift verifier itself, so the script and `verify` cannot disagree on tokenising:

    swift run -c release --package-path Benchmarks VerifierBenchmark --dump-features /tmp/features.tsv   # from the repository root
    python3 Scripts/fit_grounding_model.py /tmp/features.tsv                    # writes the resource (needs numpy)
    python3 Scripts/fit_grounding_model.py --check /tmp/features.tsv            # exits 1 if the resource differs

Data: ../shared/data/halueval_dialogue_data.json (context = knowledge, input = dialogue history) and
../shared/data/halueval_summarization_sample.jsonl (context = document, no input); each record's right and
hallucinated response, no reference. Split: the `split` column, a seeded hash of the record index
(GroundingFitData.isFitting, seed 20251128); only `fit` rows are used here, and the benchmark reports on `held` rows.

Model: logistic regression over the feature columns (GroundingFeatures.names: today one share, the unaligned share; no
word weights): minimise  sum_i v_i * logloss_i / sum_i v_i + (L2 / 2) * |w|^2  (bias not penalised), where v_i gives
each domain the same total weight, by Newton's method. Each weight has a direction (DIRECTIONS: unsupported material
adds risk, knowledge used removes it); while a fitted weight points the wrong way, the feature whose weight is most
wrong is dropped (weight 0) and the rest refitted, so the risk never falls as more of a response is unsupported.
VerifierBenchmark fits the same loss the same way in Swift and prints how far its weights are from the resource's.
Weights are rounded to 4 decimals; the flag threshold is the risk (of the rounded model) that maximises domain-weighted balanced accuracy on the fitting rows.

--check: the resource records the features of a few fitting rows (the fitting records among the first
SAMPLE_RECORDS of each domain). Every such row present in FEATURES.tsv must have the recorded label, length and
features; when FEATURES.tsv holds all the fitting rows, the refitted weights and threshold must equal the resource's.
A table that holds neither fails too (nothing was checked).
"""
import csv
import json
import pathlib
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Sources" / "Verification" / "Resources" / "grounding-model.json"
META = ["domain", "record", "split", "hallucinated", "words"]
L2 = 1e-3
# The direction each feature may push the risk (as GroundingFeatures.directions in Swift): what is unsupported can only
# add risk, knowledge the response uses can only remove it.
DIRECTIONS = {"unaligned_share": 1}
SAMPLE_RECORDS = 40
WEIGHT_TOLERANCE = 1e-4
THRESHOLD_TOLERANCE = 1e-3
FEATURE_TOLERANCE = 1e-9


def load(path):
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        names = [name for name in reader.fieldnames if name not in META]
        return names, list(reader)


def fit_logistic(x, y, v, l2):
    """Newton's method on the domain-weighted, L2-regularised logistic loss; returns (weights, bias)."""
    n, d = x.shape
    a = np.hstack([x, np.ones((n, 1))])
    v = v / v.sum()
    beta = np.zeros(d + 1)
    penalty = np.r_[np.full(d, l2), 0.0]
    for _ in range(50):
        p = 1 / (1 + np.exp(-(a @ beta)))
        gradient = a.T @ (v * (p - y)) + penalty * beta
        hessian = (a * (v * p * (1 - p))[:, None]).T @ a + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return beta[:-1], beta[-1]


def fit_directed(x, y, v, names, l2):
    """fit_logistic, then while some weight has the wrong sign, drops the feature whose weight is most wrong (its
    weight becomes 0) and refits the rest; returns (weights for all names, bias)."""
    active = list(range(len(names)))
    while True:
        w, b = fit_logistic(x[:, active], y, v, l2)
        wrong = [(DIRECTIONS[names[a]] * value, a) for value, a in zip(w, active) if DIRECTIONS[names[a]] * value < 0]
        if not wrong:
            break
        active.remove(min(wrong)[1])
    weights = np.zeros(len(names))
    weights[active] = w
    return weights, b


def balanced(flag, y, v):
    return (np.sum(v * flag * y) / np.sum(v * y) + np.sum(v * ~flag * (1 - y)) / np.sum(v * (1 - y))) / 2


def fit(names, rows):
    fitting = [row for row in rows if row["split"] == "fit"]
    x = np.array([[float(row[name]) for name in names] for row in fitting])
    y = np.array([float(row["hallucinated"]) for row in fitting])
    domains = np.array([row["domain"] for row in fitting])
    v = np.array([1.0 / np.sum(domains == domain) for domain in domains])
    w, b = fit_directed(x, y, v, names, L2)
    weights = {name: round(float(value), 4) for name, value in zip(names, w)}
    intercept = round(float(b), 4)
    risk = 1 / (1 + np.exp(-(intercept + x @ np.array([weights[name] for name in names]))))
    candidates = np.unique(risk)
    scores = [balanced(risk >= t, y, v) for t in candidates]
    threshold = float(candidates[int(np.argmax(scores))])
    per_domain = {domain: balanced(risk[domains == domain] >= threshold, y[domains == domain], v[domains == domain])
                  for domain in sorted(set(domains))}
    counts = {domain: int(np.sum(domains == domain)) for domain in sorted(set(domains))}
    return intercept, weights, round(threshold, 6), per_domain, counts


def sample(names, rows):
    """The fitting rows of the first SAMPLE_RECORDS records of each domain, as the resource records them."""
    return [{"domain": row["domain"], "record": int(row["record"]), "hallucinated": int(row["hallucinated"]),
             "words": int(row["words"]), "features": [float(row[name]) for name in names]}
            for row in rows if row["split"] == "fit" and int(row["record"]) < SAMPLE_RECORDS]


def check(path):
    names, rows = load(path)
    resource = json.loads(OUT.read_text(encoding="utf-8"))
    problems = []
    if names != resource["feature_names"]:
        problems.append(f"feature columns {names} differ from the resource's {resource['feature_names']}")
    recorded = {(r["domain"], r["record"], r["hallucinated"]): r for r in resource["check_rows"]}
    checked = 0
    for row in rows:
        key = (row["domain"], int(row["record"]), int(row["hallucinated"]))
        if key not in recorded or row["split"] != "fit":
            continue
        checked += 1
        expected = recorded[key]
        values = [float(row[name]) for name in names]
        if int(row["words"]) != expected["words"] or len(values) != len(expected["features"]) or any(
                abs(a - b) > FEATURE_TOLERANCE for a, b in zip(values, expected["features"])):
            problems.append(f"{key}: features {values} (words {row['words']}) differ from the recorded "
                            f"{expected['features']} (words {expected['words']})")
    fitting_rows = sum(row["split"] == "fit" for row in rows)
    refitted = fitting_rows == int(resource["provenance"]["fitting_rows"]) and not problems[:1]
    if refitted:
        intercept, weights, threshold, _, _ = fit(names, rows)
        if abs(intercept - resource["intercept"]) > WEIGHT_TOLERANCE or any(
                abs(weights[n] - resource["weights"][n]) > WEIGHT_TOLERANCE for n in names):
            problems.append(f"refitted weights {intercept}, {weights} differ from the resource's "
                            f"{resource['intercept']}, {resource['weights']}")
        if abs(threshold - resource["threshold"]) > THRESHOLD_TOLERANCE:
            problems.append(f"refitted threshold {threshold} differs from the resource's {resource['threshold']}")
    if checked == 0 and not refitted:
        problems.append("the table has none of the recorded rows and not all fitting rows: nothing was checked")
    for problem in problems:
        print("mismatch:", problem)
    print(f"checked {checked} recorded rows; refit {'compared' if refitted else 'skipped (not all fitting rows)'}; "
          f"{'OK' if not problems else 'FAILED'}")
    return 0 if not problems else 1


def main(arguments):
    if arguments[:1] == ["--check"] and len(arguments) == 2:
        return check(arguments[1])
    if len(arguments) != 1:
        print(__doc__)
        return 2
    names, rows = load(arguments[0])
    intercept, weights, threshold, per_domain, counts = fit(names, rows)
    resource = {
        "feature_names": names,
        "intercept": intercept,
        "weights": weights,
        "threshold": threshold,
        "provenance": {
            "script": "Scripts/fit_grounding_model.py",
            "features_from": "swift run -c release VerifierBenchmark --dump-features",
            "data": "HaluEval dialogue (../shared/data/halueval_dialogue_data.json, knowledge as context, dialogue "
                    "history as input) and HaluEval summarization (../shared/data/halueval_summarization_sample.jsonl, "
                    "document as context, no input); right and hallucinated responses, no reference",
            "split": "fitting half of each file: seeded SplitMix64 hash of the record index, seed 20251128 "
                     "(GroundingFitData.isFitting); held-out halves never used",
            "fitting_rows": str(sum(counts.values())),
            "fitting_rows_by_domain": ", ".join(f"{d} {n}" for d, n in counts.items()),
            "loss": f"logistic, each domain weighted equally, L2 {L2} on feature weights, Newton's method; features "
                    f"whose weight points against its direction dropped one at a time",
            "directions": ", ".join(f"{n} {'+' if DIRECTIONS[n] > 0 else '-'}" for n in names),
            "threshold": "risk maximising domain-weighted balanced accuracy on the fitting rows",
            "fitting_balanced_accuracy": ", ".join(f"{d} {a:.4f}" for d, a in per_domain.items()),
        },
        "check_rows": sample(names, rows),
    }
    # One recorded row per line, so the file stays readable.
    head = json.dumps({k: v for k, v in resource.items() if k != "check_rows"}, indent=1)
    rows_text = ",\n".join("  " + json.dumps(row) for row in resource["check_rows"])
    OUT.write_text(head[:-2] + ',\n "check_rows": [\n' + rows_text + "\n ]\n}\n", encoding="utf-8")
    print(f"intercept={intercept} weights={weights} threshold={threshold}")
    print("fitting-half balanced accuracy: " + resource["provenance"]["fitting_balanced_accuracy"])
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
