#!/usr/bin/env python3
"""What `kaizen calibrate` buys on HaluEval: fit the verifier's grounding model on N labelled records of one domain,
then score 2,000 records that took no part in it with `kaizen verify`, with and without the calibrated model.

Usage (from the repository root, after `swift build`):
    python3 Benchmarks/calibration/run.py [--kaizen .build/debug/kaizen] [--data ../shared/data] [--sizes 50,100,300]

Records are drawn with random.Random(7): the first N of the shuffled order are labelled for calibration, records
5,000-6,999 (dialogue) or 1,000-1,999 (summarization) of the same order are the evaluation set. Prints the flag's
balanced accuracy overall and over deciles of response length (mean and worst), as Benchmarks/README.md reports them.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

DOMAINS = {
    # name: (file, context key, input key or None, right key, hallucinated key, first evaluation record)
    "dialogue": ("halueval_dialogue_data.json", "knowledge", "dialogue_history", "right_response",
                 "hallucinated_response", 5000),
    "summarization": ("halueval_summarization_sample.jsonl", "document", None, "right_summary",
                      "hallucinated_summary", 1000),
}


def lines(records, indices, spec, labelled):
    _, context, given, right, invented, _ = spec
    out = []
    for index in indices:
        record = records[index]
        for key, hallucinated in ((right, False), (invented, True)):
            line = {"id": f"{index}-{int(hallucinated)}", "input": record[given] if given else "",
                    "context": record[context], "response": record[key]}
            if labelled:
                line["hallucinated"] = hallucinated
            out.append(json.dumps(line))
    return "\n".join(out) + "\n"


def balanced(labels, flags, indices):
    positives = [i for i in indices if labels[i]]
    negatives = [i for i in indices if not labels[i]]
    if not positives or not negatives:
        return float("nan")
    return (sum(flags[i] for i in positives) / len(positives)
            + sum(not flags[i] for i in negatives) / len(negatives)) / 2


def evaluate(kaizen, path, environment):
    verdicts = subprocess.run([kaizen, "verify", path], capture_output=True, text=True, check=True,
                              env=environment).stdout.splitlines()
    rows = [json.loads(line) for line in open(path)]
    labels = [row["id"].endswith("-1") for row in rows]
    flags = [json.loads(line)["hallucination"] for line in verdicts]
    order = sorted(range(len(rows)), key=lambda i: len(rows[i]["response"].split()))
    deciles = [order[k * len(order) // 10:(k + 1) * len(order) // 10] for k in range(10)]
    scores = [balanced(labels, flags, decile) for decile in deciles]
    return balanced(labels, flags, range(len(rows))), sum(scores) / 10, min(scores)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kaizen", default=".build/debug/kaizen")
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--sizes", default="50,100,300")
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.sizes.split(",")]
    environment = {k: v for k, v in os.environ.items() if k != "KAIZEN_VERIFIER_GROUNDING_MODEL"}
    print("| domain, labelled records (responses) | cross-validated: calibrated vs shipped | evaluated: shipped "
          "| evaluated: calibrated |")
    print("| --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for name, spec in DOMAINS.items():
            path = os.path.join(arguments.data, spec[0])
            if not os.path.exists(path):
                sys.exit(f"missing {path}: pass --data with the folder of HaluEval's files")
            records = [json.loads(line) for line in open(path) if line.strip()]
            order = list(range(len(records)))
            random.Random(7).shuffle(order)
            test = os.path.join(folder, f"{name}-test.jsonl")
            with open(test, "w") as file:
                file.write(lines(records, order[spec[5]:spec[5] + 2000], spec, labelled=False))
            shipped = evaluate(arguments.kaizen, test, environment)
            for size in sizes:
                labelled = os.path.join(folder, f"{name}-{size}.jsonl")
                with open(labelled, "w") as file:
                    file.write(lines(records, order[:size], spec, labelled=True))
                model = os.path.join(folder, f"{name}-{size}.json")
                printed = subprocess.run([arguments.kaizen, "calibrate", labelled, "--output", model],
                                         capture_output=True, text=True, check=True, env=environment).stdout
                figures = {row.split("  ")[0]: row.split()[-1] for row in printed.splitlines() if "  " in row}
                calibrated = evaluate(arguments.kaizen, test, dict(environment, KAIZEN_VERIFIER_GROUNDING_MODEL=model))
                print(f"| {name}, {size} ({2 * size}) | "
                      f"{figures.get('calibrated, on folds it was not fitted on', '?')} vs "
                      f"{figures.get('shipped model', '?')} | "
                      f"{shipped[0]:.3f}, {shipped[1]:.3f}, {shipped[2]:.3f} | "
                      f"{calibrated[0]:.3f}, {calibrated[1]:.3f}, {calibrated[2]:.3f} |")


if __name__ == "__main__":
    main()
