#!/usr/bin/env python3
"""Pools the real-model benchmark's fresh-split verdicts over seeds (`RealModelBenchmark --verdicts-out FILE`, one
run per seed appending to FILE):

    python3 Benchmarks/real-model/pool.py FILE [--resamples 4000]

For every method, the mean reward, success and hallucination rate over all seeds' fresh questions, and the paired
difference from the base prompt and between the two trainer allocations (when both ran), each with a 95% interval
from a two-stage bootstrap: seeds resampled with replacement, then questions within each drawn seed. A seed's
questions share one chosen prompt, so the seeds, not the questions, are the units the choice varies over; with a few
seeds the interval is wide, as it should be. Per-seed differences are printed too. Each trainer also gets a
"(served)" column: its prompt where the gate wrote it, else the base prompt, i.e. what the online side would load.
"""
import collections
import json
import random
import re
import sys

path = sys.argv[1]
resamples = int(sys.argv[sys.argv.index("--resamples") + 1]) if "--resamples" in sys.argv else 4000


def method_key(name):
    """The method's column without the per-seed gate outcome: "trainer (written), halving" -> "trainer, halving"."""
    return re.sub(r"trainer(?: \(written\)|'s choice \(not written\))", "trainer", name)


# (source, seed) -> method -> question -> verdict
runs = collections.defaultdict(lambda: collections.defaultdict(dict))
written = collections.Counter()
for line in open(path):
    row = json.loads(line)
    key = method_key(row["method"])
    runs[(row["source"], row["seed"])][key][row["question"]] = row
    if "(written)" in row["method"]:
        written[(key, row["source"], row["seed"])] = 1
units = sorted(runs)
# What a deployment ends up serving: the trainer's prompt where the gate wrote it, else the base prompt.
for unit in units:
    for method in [m for m in runs[unit] if m.startswith("trainer")]:
        served = runs[unit][method] if written[(method, *unit)] else runs[unit]["base prompt"]
        runs[unit][method + " (served)"] = served
methods = list(runs[units[0]])
measures = {
    "mean reward": lambda v: v["reward"],
    "success": lambda v: 1.0 if v["success"] else 0.0,
    "hallucination": lambda v: 1.0 if "hallucination" in v["failure_modes"] else 0.0,
}


def values(unit, method, measure, against=None):
    """Per question of `unit`: the measure under `method`, minus under `against` when given (paired)."""
    by_question = runs[unit][method]
    other = runs[unit][against] if against else None
    return [
        measure(v) - (measure(other[q]) if other else 0.0) for q, v in sorted(by_question.items())
        if other is None or q in other
    ]


def interval(method, measure, against=None):
    per_unit = [values(u, method, measure, against) for u in units]
    flat = [x for xs in per_unit for x in xs]
    estimate = sum(flat) / len(flat)
    rng = random.Random(20261207)
    draws = []
    for _ in range(resamples):
        total, count = 0.0, 0
        for _ in units:
            xs = per_unit[rng.randrange(len(units))]
            for _ in xs:
                total += xs[rng.randrange(len(xs))]
            count += len(xs)
        draws.append(total / count)
    draws.sort()
    return estimate, draws[int(0.025 * resamples)], draws[int(0.975 * resamples) - 1]


print(f"{len(units)} runs: " + ", ".join(f"{s} seed {n}" for s, n in units)
      + f"; {sum(len(runs[u][methods[0]]) for u in units)} fresh questions in all")
print("")
print("| measure | " + " | ".join(methods) + " |")
print("| --- |" + " --- |" * len(methods))
for name, measure in measures.items():
    print(f"| {name} | " + " | ".join("%.3f [%.3f, %.3f]" % interval(m, measure) for m in methods) + " |")
base = methods[0]
for name, measure in measures.items():
    print(f"| {name}: change from base | - | "
          + " | ".join("%+.3f [%+.3f, %+.3f]" % interval(m, measure, base) for m in methods[1:]) + " |")
print("")
trainers = [m for m in methods if m.startswith("trainer") and not m.endswith("(served)")]
print("Written by the gate: " + "; ".join(
    f"{m} {sum(written[(m, s, n)] for s, n in units)} of {len(units)}" for m in trainers))
pairs = [(m, base) for m in methods[1:]]
served = [m + " (served)" for m in trainers]
if len(trainers) == 2:
    pairs += [(trainers[1], trainers[0]), (served[1], served[0])]
for other in methods[1:]:
    if other not in trainers and other not in served:
        pairs += [(t, other) for t in trainers]
print("")
print("Paired mean-reward differences, pooled and per run:")
print("")
print("| difference | pooled [95% CI] | " + " | ".join(f"seed {n}" for _, n in units) + " |")
print("| --- | --- |" + " ---: |" * len(units))
for method, against in pairs:
    per = [values(u, method, measures["mean reward"], against) for u in units]
    cells = ["%+.3f" % (sum(xs) / len(xs)) for xs in per]
    print(f"| {method} − {against} | " + "%+.3f [%+.3f, %+.3f]" % interval(method, measures["mean reward"], against)
          + " | " + " | ".join(cells) + " |")
