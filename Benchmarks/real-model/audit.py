#!/usr/bin/env python3
"""The reward on a real model's answers: ask a running OpenAI-compatible server (SmolLM2 from Scripts/local-model.sh)
the first-round questions of a `kaizen demo` store under the demo's first prompt, keep each answer's finish_reason and
the system prompt in its metadata, and count what `kaizen verify` calls them (Benchmarks/README.md, "The reward on
SmolLM2's answers").

Usage (from the repository root, after `swift build` and `swift run kaizen demo --fresh`):
    python3 Benchmarks/real-model/audit.py --base-url "$(Scripts/local-model.sh status)" \
        [--demo kaizen-demo] [--limit 120] [--kaizen .build/debug/kaizen] [--before OTHER_KAIZEN] [--out answers.jsonl]

Temperature 0 and seed 1, so a server that honours them answers the same each time; `max_tokens` is sized as the
CLI sizes it on a real endpoint (3 x the reference's tokens + 32, between 48 and 512). With --before, a second
kaizen binary scores the same lines, without the metadata it does not read, and the verdicts that moved are listed.
"""
import argparse
import collections
import json
import math
import os
import sqlite3
import subprocess
import sys
import urllib.request


def ask(base_url, system, experience):
    reference = experience["reference"] or ""
    cap = min(512, max(48, math.ceil(3 * ((len(reference.encode()) + 3) // 4)) + 32))
    context = experience["context"]
    user = f"Context:\n{context}\n\nQuestion:\n{experience['input']}" if context else experience["input"]
    body = {"model": "smollm2", "temperature": 0, "seed": 1, "max_tokens": cap,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}]}
    request = urllib.request.Request(base_url.rstrip("/") + "/chat/completions", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    choice = json.load(urllib.request.urlopen(request, timeout=300))["choices"][0]
    return choice["message"]["content"], choice.get("finish_reason")


def verify(kaizen, path):
    run = subprocess.run([kaizen, "verify", path], capture_output=True, text=True, check=True)
    return [json.loads(line) for line in run.stdout.splitlines()]


def summary(verdicts):
    modes = collections.Counter(mode for verdict in verdicts for mode in verdict["failure_modes"])
    reward = sum(verdict["reward"] for verdict in verdicts) / len(verdicts)
    return (f"successes {sum(verdict['success'] for verdict in verdicts)} of {len(verdicts)}, mean reward {reward:.3f}; "
            + ", ".join(f"{mode} {count}" for mode, count in sorted(modes.items())))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--demo", default="kaizen-demo", help="a `kaizen demo` folder")
    parser.add_argument("--limit", type=int, default=120)
    parser.add_argument("--kaizen", default=".build/debug/kaizen")
    parser.add_argument("--before", help="another kaizen binary to compare with")
    parser.add_argument("--out", default="real-model-answers.jsonl")
    arguments = parser.parse_args()

    with open(os.path.join(arguments.demo, "prompt_registry", "p_v1_1.json")) as file:
        system = json.load(file)["text"]
    store = sqlite3.connect(os.path.join(arguments.demo, "experiences.sqlite"))
    rows = store.execute(
        "SELECT id, input, context, reference, metadata FROM experience WHERE json_extract(metadata, '$.round') = 1 "
        "GROUP BY input ORDER BY id LIMIT ?", (arguments.limit,)).fetchall()
    reasons = collections.Counter()
    with open(arguments.out, "w") as out:
        for number, (identifier, question, context, reference, metadata) in enumerate(rows, 1):
            experience = {"id": identifier, "input": question, "context": context, "reference": reference}
            answer, reason = ask(arguments.base_url, system, experience)
            reasons[reason] += 1
            kept = {key: value for key, value in json.loads(metadata).items() if key in ("kind", "format", "length_budget")}
            kept.update(finish_reason=reason, system_prompt=system)
            out.write(json.dumps(dict(experience, response=answer, metadata=kept)) + "\n")
            print(f"\ranswered {number}/{len(rows)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    print(f"{len(rows)} answers to the first round's questions; finish_reason: "
          + ", ".join(f"{reason} {count}" for reason, count in reasons.most_common()))
    now = verify(arguments.kaizen, arguments.out)
    print(f"{arguments.kaizen}: {summary(now)}")
    if arguments.before:
        before = verify(arguments.before, arguments.out)
        print(f"{arguments.before}: {summary(before)}")
        with open(arguments.out) as file:
            lines = [json.loads(line) for line in file]
        for line, old, new in zip(lines, before, now):
            if old["failure_modes"] != new["failure_modes"]:
                print(f"  {old['failure_modes']} -> {new['failure_modes']}: {line['input']!r} -> "
                      f"{line['response'][:100]!r}")


if __name__ == "__main__":
    main()
