#!/usr/bin/env python3
"""How much of a paired reward difference is sampling noise: the gate's question when it picks its answers per
held-out experience (`held_out_answers`).

Reads two or more `kaizen eval BASE CANDIDATE --json --seed S` outputs over the same test set, one per seed, and
splits the variance of the per-question difference (candidate - base) into the part within questions (answers to
one question under other seeds) and the part between questions, then prints the half-width of the gate's 95%
interval at 20 held-out experiences for 1-4 answers each (normal approximation).

    python3 Benchmarks/real-model/variance.py BASE CANDIDATE eval-1.json eval-2.json ...
"""
import json
import random
import statistics
import sys


def split(differences, k):
    """(within, between) variance of per-question paired differences with k answers each."""
    within = statistics.mean(statistics.variance(row) for row in differences)
    between = max(0.0, statistics.variance([statistics.mean(row) for row in differences]) - within / k)
    return within, between


def main(arguments):
    if len(arguments) < 4:
        sys.exit(__doc__)
    base, candidate, files = arguments[0], arguments[1], arguments[2:]
    runs = []
    for name in files:
        with open(name) as handle:
            result = json.load(handle)
        rewards = {}
        for case in result["cases"]:
            by_prompt = {answer["prompt_id"]: answer["reward"] for answer in case["results"]}
            if base in by_prompt and candidate in by_prompt:
                rewards[case["experience_id"]] = (by_prompt[base], by_prompt[candidate])
        runs.append(rewards)
    questions = sorted(set.intersection(*(set(run) for run in runs)))
    k = len(runs)
    differences = [[run[q][1] - run[q][0] for run in runs] for q in questions]
    within, between = split(differences, k)
    # The within share's 95% percentile interval over questions (2,000 resamples, seed 1).
    rng = random.Random(1)
    shares = []
    for _ in range(2000):
        w, b = split([rng.choice(differences) for _ in differences], k)
        shares.append(w / (w + b) if w + b > 0 else 1.0)
    shares.sort()
    single = [value for row in differences for value in row]
    print(f"{len(questions)} questions x {k} seeds; mean difference {statistics.mean(single):+.4f}")
    print(f"variance of one paired difference {statistics.variance(single):.4f}: within questions {within:.4f}, "
          f"between {between:.4f} (within share {within / (within + between):.2f}, "
          f"95% interval over questions [{shares[49]:.2f}, {shares[1950]:.2f}])")
    for answers in range(1, 5):
        spread = between + within / answers
        print(f"{answers} answer(s) each: sd of an experience's difference {spread ** 0.5:.3f}, "
              f"95% half-width at 20 experiences {1.96 * (spread / 20) ** 0.5:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
