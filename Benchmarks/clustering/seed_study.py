#!/usr/bin/env python3
"""Summarises seed_study.sh's JSON lines: per tool, the distribution over seeds of ARI, inertia and iterations;
Swift started from scikit-learn's initial rows against scikit-learn itself (same seed, paired); and how often a
5-seed median ARI difference as large as a given one arises when both tools' runs are drawn from the observed
per-seed distributions (bootstrap).

    seed_study.py RESULTS.jsonl [OBSERVED_5_SEED_DIFFERENCE]
"""
import json
import random
import statistics
import sys


def describe(name, values):
    spread = statistics.stdev(values) if len(values) > 1 else 0.0
    return (f"| {name} | {len(values)} | {statistics.mean(values):.4f} | {statistics.median(values):.4f} | "
            f"{spread:.4f} | {min(values):.4f} | {max(values):.4f} |")


def main():
    records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    groups = {
        "scikit-learn, own k-means++": [r for r in records if r["tool"] == "sklearn" and r["init"] == "k-means++"],
        "Swift, own k-means++": [r for r in records if r["tool"] == "swift" and r["init"] == "k-means++"],
        "Swift, from scikit-learn's initial rows": [
            r for r in records if r["tool"] == "swift" and r["init"] != "k-means++"],
    }
    for key, digits in (("ari", 4), ("inertia", 1), ("iterations", 2)):
        print(f"\n{key}:\n")
        print("| runs | seeds | mean | median | s.d. | min | max |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, runs in groups.items():
            if runs:
                print(describe(name, [float(r[key]) for r in runs]))
    sklearn = {r["seed"]: r for r in groups["scikit-learn, own k-means++"]}
    replay = {r["seed"]: r for r in groups["Swift, from scikit-learn's initial rows"]}
    paired = sorted(set(sklearn) & set(replay))
    if paired:
        print(f"\nSame initial rows, Swift minus scikit-learn, over {len(paired)} seeds:")
        for key in ("inertia", "ari"):
            differences = [replay[s][key] - sklearn[s][key] for s in paired]
            error = statistics.stdev(differences) / len(differences) ** 0.5 if len(differences) > 1 else 0.0
            print(f"- {key}: mean {statistics.mean(differences):+.4f} (standard error {error:.4f}), "
                  f"median {statistics.median(differences):+.4f}")
        same = sum(1 for s in paired
                   if abs(replay[s]["inertia"] - sklearn[s]["inertia"]) <= 1e-6 * sklearn[s]["inertia"])
        print(f"- runs ending at scikit-learn's inertia (to 1e-6): {same} of {len(paired)}")
    own = [r["ari"] for r in groups["Swift, own k-means++"]]
    theirs = [r["ari"] for r in groups["scikit-learn, own k-means++"]]
    if len(own) >= 5 and len(theirs) >= 5:
        generator = random.Random(0)
        draws = [statistics.median(generator.choices(own, k=5)) - statistics.median(generator.choices(theirs, k=5))
                 for _ in range(20000)]
        observed = float(sys.argv[2]) if len(sys.argv) > 2 else -0.02
        share = sum(1 for d in draws if d <= observed) / len(draws)
        draws.sort()
        print(f"\n5-seed median ARI difference (Swift − scikit-learn), bootstrap from these runs: "
              f"5th-95th percentile {draws[len(draws) // 20]:+.4f} to {draws[-len(draws) // 20]:+.4f}; "
              f"share at or below {observed:+.4f}: {share:.1%}")


if __name__ == "__main__":
    main()
