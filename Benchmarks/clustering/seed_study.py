#!/usr/bin/env python3
"""Summarises seed_study.sh's JSON lines: per tool, the distribution over seeds of ARI, inertia and iterations; the
paired differences (Swift − scikit-learn, same seed, hence the same k-means++ rows); and how 5-seed median ARI
differences spread when seeds are resampled, paired (as run.sh compares) and, for contrast, independently (as a
comparison of two tools with unrelated random streams would).

    seed_study.py RESULTS.jsonl [THRESHOLD]      THRESHOLD: the difference whose share is reported (default -0.02)

Lines with an explicit init (`"init": "rows:..."`, from older runs of seed_study.sh) are ignored.
"""
import json
import random
import statistics
import sys


def describe(name, values):
    spread = statistics.stdev(values) if len(values) > 1 else 0.0
    return (f"| {name} | {len(values)} | {statistics.mean(values):.4f} | {statistics.median(values):.4f} | "
            f"{spread:.4f} | {min(values):.4f} | {max(values):.4f} |")


def spread(draws, threshold):
    draws = sorted(draws)
    share = sum(1 for d in draws if d <= threshold) / len(draws)
    return (f"5th-95th percentile {draws[len(draws) // 20]:+.4f} to {draws[-len(draws) // 20]:+.4f}; "
            f"share at or below {threshold:+.4f}: {share:.1%}")


def main():
    records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    threshold = float(sys.argv[2]) if len(sys.argv) > 2 else -0.02
    runs = {tool: {r["seed"]: r for r in records if r["tool"] == tool and r["init"] == "k-means++"}
            for tool in ("sklearn", "swift")}
    names = {"sklearn": "scikit-learn", "swift": "Swift"}
    for key in ("ari", "inertia", "iterations"):
        print(f"\n{key}:\n")
        print("| tool | seeds | mean | median | s.d. | min | max |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for tool, by_seed in runs.items():
            if by_seed:
                print(describe(names[tool], [float(r[key]) for r in by_seed.values()]))
    seeds = sorted(set(runs["sklearn"]) & set(runs["swift"]))
    if not seeds:
        return
    theirs, ours = runs["sklearn"], runs["swift"]
    same_start = sum(1 for s in seeds
                     if ours[s].get("initial_rows") is not None
                     and ours[s].get("initial_rows") == theirs[s].get("initial_rows"))
    print(f"\nSame seed, Swift minus scikit-learn, over {len(seeds)} seeds "
          f"(same k-means++ rows in {same_start} of {len(seeds)}):")
    for key in ("inertia", "ari"):
        differences = [ours[s][key] - theirs[s][key] for s in seeds]
        error = statistics.stdev(differences) / len(differences) ** 0.5 if len(differences) > 1 else 0.0
        print(f"- {key}: mean {statistics.mean(differences):+.4f} (standard error {error:.4f}), "
              f"median {statistics.median(differences):+.4f}")
    same_end = sum(1 for s in seeds if abs(ours[s]["inertia"] - theirs[s]["inertia"]) <= 1e-6 * theirs[s]["inertia"])
    print(f"- runs ending at scikit-learn's inertia (to 1e-6): {same_end} of {len(seeds)}")
    if len(seeds) >= 5:
        generator = random.Random(0)
        paired, independent = [], []
        for _ in range(20000):
            picked = generator.choices(seeds, k=5)
            paired.append(statistics.median(ours[s]["ari"] for s in picked)
                          - statistics.median(theirs[s]["ari"] for s in picked))
            other = generator.choices(seeds, k=5)
            independent.append(statistics.median(ours[s]["ari"] for s in picked)
                               - statistics.median(theirs[s]["ari"] for s in other))
        print("\n5-seed median ARI difference (Swift − scikit-learn), seeds resampled from these runs:")
        print(f"- paired (the same 5 seeds for both, as run.sh): {spread(paired, threshold)}")
        print(f"- independent (unrelated seeds, as two unrelated random streams): {spread(independent, threshold)}")


if __name__ == "__main__":
    main()
