#!/usr/bin/env python3
"""Scores `kaizen verify` on the hand-written question/answer probes beside this script (or another file of the same
shape): one line per question with `knowledge`, `question`, `right_answer`, `hallucinated_answer` and `kind` (a: a
wrong entity, number or date; b: the wrong pick among alternatives the knowledge names, or a flipped yes/no; c: a
sentence with invented specifics; d: an invented entity in the knowledge's words; the fifth and sixth sets use HaluEval
QA's patterns instead).

    python3 Benchmarks/qa-probes/score.py [PROBES.jsonl] [KAIZEN] [BASELINE_KAIZEN]

Ten sets, each written by a writer that saw neither the code nor the sets before it: qa-probes.jsonl (200) was used
while writing the wrong-choice rule; qa-probes-held-out.jsonl (150) was held out until it had been scored once, then
used with the first to develop the rules of 2026-12-06 evening; qa-probes-third.jsonl (200, HotpotQA's shape: half
the knowledge texts glued without a space between sentences) was scored once, and its figures (never its items)
pointed at stitched names; qa-probes-fourth.jsonl (200, the same brief) was written after those rules and scored once.
qa-probes-fifth.jsonl and qa-probes-sixth.jsonl (200 each, 2026-12-06 night) follow HaluEval QA's four hallucination
patterns instead (`kind`: comprehension, factualness, specificity, inference): the fifth was scored once, and its
figures (never its items) chose `unsupportedAnswerShare`; the sixth was written after the rules of that night and
scored once; the seventh (the same brief, less famous entities) after everything of that night, scored once; the
eighth (the same brief) after the rules of 2026-12-07 (the bridge, clauses, counted number words), scored once, then
read for the kinds of answers; the ninth (the same brief) after the kinds of answers, scored once, then read for bare
numbers, echoes and years; the tenth (the same brief) after all of that, scored once.

Each probe is scored twice (right and hallucinated answer; context = knowledge, input = question, no reference).
Prints the hallucination flag's balanced accuracy overall and within deciles of answer word count, beside the naive
overlap baseline (share of the answer's content words not in knowledge + question) at the threshold best on these
same probes (an oracle threshold, so the baseline is favoured), and what each kind caught. The probes were written
for this check without looking at any hallucination benchmark: a stand-in for a knowledge-grounded QA domain, not
a measurement of one.
"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
probes_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "qa-probes.jsonl")
kaizen = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "..", ".build", "debug", "kaizen")
# Another build to compare with (an older commit's `kaizen`): its flag is scored on the same probes and the paired
# difference gets an interval from the same bootstrap draws.
baseline = sys.argv[3] if len(sys.argv) > 3 else None
probes = [json.loads(line) for line in open(probes_path) if line.strip()]

rows = []
with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as lines:
    for index, probe in enumerate(probes):
        for label, key in ((False, "right_answer"), (True, "hallucinated_answer")):
            rows.append({"hallucinated": label, "kind": probe.get("kind", "?"), "answer": probe[key], "probe": probe})
            lines.write(json.dumps({"id": f"{index}-{int(label)}", "input": probe["question"],
                                    "context": probe["knowledge"], "response": probe[key]}) + "\n")


def verify(binary):
    run = subprocess.run([binary, "verify", lines.name], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"{binary} verify failed: {run.stderr}")
    return [json.loads(line) for line in run.stdout.splitlines()]


verdicts = verify(kaizen)
base_verdicts = verify(baseline) if baseline else None
os.unlink(lines.name)

STOP = set("""a an the of in on at to for by with from and or but is are was were be been being it its this that these
those as which who whom whose what when where why how do does did has have had not no yes i you he she they we his her
their our your my me him them us there here than then so such also only both either neither into over under about
after before between during while if because""".split())


def words(text):
    return re.findall(r"[a-z0-9]+", text.lower())


for index, (row, verdict) in enumerate(zip(rows, verdicts)):
    row["flag"] = verdict["hallucination"]
    if base_verdicts:
        row["base"] = base_verdicts[index]["hallucination"]
    content = [word for word in words(row["answer"]) if word not in STOP]
    source = set(words(row["probe"]["knowledge"] + " " + row["probe"]["question"]))
    row["overlap"] = sum(word not in source for word in content) / len(content) if content else 0.0
    row["length"] = len(row["answer"].split())


def balanced(subset, key):
    positive = [row for row in subset if row["hallucinated"]]
    negative = [row for row in subset if not row["hallucinated"]]
    if not positive or not negative:
        return None
    return (sum(row[key] for row in positive) / len(positive) + sum(not row[key] for row in negative) / len(negative)) / 2


best = max((balanced([dict(row, naive=row["overlap"] >= cut) for row in rows], "naive"), cut)
           for cut in sorted({row["overlap"] for row in rows}) + [1.01])
for row in rows:
    row["naive"] = row["overlap"] >= best[1]
lengths = sorted(row["length"] for row in rows)
cuts = sorted({lengths[k * len(lengths) // 10] for k in range(1, 10)})
bins = {}
for row in rows:
    bins.setdefault(next((j for j, cut in enumerate(cuts) if row["length"] <= cut), len(cuts)), []).append(row)
print(f"{len(probes)} probes, {len(rows)} answers; naive overlap threshold {best[1]:.3f} (best on these probes)")
print("| method | balanced accuracy | mean within deciles | min within deciles | deciles |")
print("| --- | ---: | ---: | ---: | ---: |")
methods = [("kaizen verify (hallucination flag)", "flag"), ("naive overlap [oracle threshold]", "naive")]
if base_verdicts:
    methods.append(("baseline kaizen verify", "base"))
for name, key in methods:
    within = [value for value in (balanced(bins[j], key) for j in sorted(bins)) if value is not None]
    print(f"| {name} | {balanced(rows, key):.3f} | {sum(within) / len(within):.3f} | {min(within):.3f} | {len(within)} |")
# Paired bootstrap over probes (each keeps its right and hallucinated answer), seed 1: 95% percentile intervals.
rng = random.Random(1)
pairs = [rows[index:index + 2] for index in range(0, len(rows), 2)]
flag, naive, difference, gain = [], [], [], []
for _ in range(2000):
    sample = [row for pair in (rng.choice(pairs) for _ in pairs) for row in pair]
    a, b = balanced(sample, "flag"), balanced(sample, "naive")
    if a is not None and b is not None:
        flag.append(a)
        naive.append(b)
        difference.append(a - b)
        if base_verdicts:
            gain.append(a - balanced(sample, "base"))


def interval(values):
    values = sorted(values)
    return f"[{values[int(0.025 * len(values))]:.3f}, {values[int(0.975 * len(values)) - 1]:.3f}]"


print(f"95% intervals (paired bootstrap over probes, 2,000 draws): kaizen verify {interval(flag)}, naive "
      f"{interval(naive)}, kaizen verify - naive {interval(difference)} (the naive threshold stays fixed)")
if base_verdicts:
    print(f"kaizen verify - baseline: {balanced(rows, 'flag') - balanced(rows, 'base'):+.3f}, 95% interval "
          f"{interval(gain)} (same draws)")
for kind in sorted({row["kind"] for row in rows}):
    wrong = [row for row in rows if row["kind"] == kind and row["hallucinated"]]
    print(f"kind {kind}: flagged {sum(row['flag'] for row in wrong)}/{len(wrong)}, "
          f"naive {sum(row['naive'] for row in wrong)}/{len(wrong)}"
          + (f", baseline {sum(row['base'] for row in wrong)}/{len(wrong)}" if base_verdicts else ""))
right = [row for row in rows if not row["hallucinated"]]
print(f"right answers flagged: {sum(row['flag'] for row in right)}/{len(right)}, "
      f"naive {sum(row['naive'] for row in right)}/{len(right)}")
