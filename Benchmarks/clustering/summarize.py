#!/usr/bin/env python3
"""Summarises run.sh's JSON lines: per corpus, medians over seeds for each tool and the Swift/scikit-learn ratios,
as a Markdown table (the one pasted into Benchmarks/README.md)."""
import collections
import json
import statistics
import sys


def main():
    runs = collections.defaultdict(lambda: collections.defaultdict(list))
    for line in open(sys.argv[1], encoding="utf-8"):
        if line.strip():
            record = json.loads(line)
            runs[record["corpus_name"]][record["tool"]].append(record)
    print()
    print("| corpus | docs | k | seeds | tool | load s | vectorize s | cluster s | total s | peak MB | ARI | NMI |")
    print("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    verdicts = []
    for corpus, tools in runs.items():
        medians = {}
        for tool in ("swift", "sklearn"):
            records = tools.get(tool, [])
            if not records:
                continue
            median = {key: statistics.median(r[key] for r in records)
                      for key in ("load_s", "vectorize_s", "cluster_s", "total_s", "peak_mb", "ari", "nmi")}
            medians[tool] = median
            first = records[0]
            print(f"| {corpus} | {first['documents']:,} | {first['k']} | {len(records)} | {tool} | "
                  f"{median['load_s']:.3f} | {median['vectorize_s']:.3f} | {median['cluster_s']:.3f} | "
                  f"{median['total_s']:.3f} | {median['peak_mb']:.0f} | {median['ari']:.4f} | {median['nmi']:.4f} |")
        if len(medians) == 2:
            swift, sk = medians["swift"], medians["sklearn"]
            speedup = sk["total_s"] / swift["total_s"]
            # Per-seed speedups (same seed, same corpus, run back to back), median of those too.
            paired = [s["total_s"] for s in sorted(tools["sklearn"], key=lambda r: r["seed"])]
            ours = [s["total_s"] for s in sorted(tools["swift"], key=lambda r: r["seed"])]
            paired_speedup = statistics.median(a / b for a, b in zip(paired, ours))
            verdicts.append(
                f"{corpus}: end-to-end speed-up {speedup:.2f}x (median of per-seed ratios {paired_speedup:.2f}x), "
                f"peak memory {swift['peak_mb'] / sk['peak_mb']:.2f}x of scikit-learn's, "
                f"ARI {swift['ari']:.4f} vs {sk['ari']:.4f} (difference {swift['ari'] - sk['ari']:+.4f}), "
                f"NMI {swift['nmi']:.4f} vs {sk['nmi']:.4f}")
    print()
    for verdict in verdicts:
        print("- " + verdict)
    # Per seed: what each tool's k-means reached (inertia is the objective both minimise; ARI is against the labels).
    print()
    # "same start": whether both k-means++ runs picked the same rows (the seeds share NumPy's random stream).
    print("| corpus | seed | same start | swift inertia | sklearn inertia | swift iterations | sklearn iterations | "
          "swift ARI | sklearn ARI |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for corpus, tools in runs.items():
        swift = {r["seed"]: r for r in tools.get("swift", [])}
        sklearn = {r["seed"]: r for r in tools.get("sklearn", [])}
        for seed in sorted(set(swift) & set(sklearn)):
            a, b = swift[seed], sklearn[seed]
            same = a.get("initial_rows") is not None and a.get("initial_rows") == b.get("initial_rows")
            print(f"| {corpus} | {seed} | {'yes' if same else 'no'} | {a['inertia']:,.1f} | {b['inertia']:,.1f} | {a['iterations']}"
                  f"{'' if a.get('converged', True) else ' (not converged)'} | {b['iterations']}"
                  f"{'' if b.get('converged', True) else ' (not converged)'} | {a['ari']:.4f} | {b['ari']:.4f} |")


if __name__ == "__main__":
    main()
