#!/usr/bin/env python3
"""Writes a sample pipeline report JSON (the shape of Sources/Reporting/PipelineReport.swift) for
Scripts/check_report.sh, so the HTML report's layout can be looked at without running the pipeline.

Usage: python3 Scripts/sample_report.py OUT.json [--empty]
  --empty  a run with no training steps, no rounds and no version written (the empty states).
The figures are made up (seeded), shaped like a simulated demo run; nothing here is a measurement.
"""
import json
import math
import random
import sys


def full_report():
    rng = random.Random(20251201)
    steps = 30
    curve, rollouts = [], 0
    for step in range(1, steps + 1):
        rollouts += 64
        reward = 0.64 + 0.12 * (1 - math.exp(-step / 8)) + rng.uniform(-0.015, 0.015)
        kl = 0.09 * (1 - math.exp(-step / 10)) + rng.uniform(0, 0.004)
        curve.append({"step": step, "mean_reward": round(reward, 4), "kl_divergence": round(kl, 5),
                      "zero_spread_share": round(max(0.0, 0.35 - step * 0.008 + rng.uniform(-0.05, 0.05)), 3),
                      "rollouts": rollouts})
    base = ("SYSTEM: You are the customer assistant for Northwind Outfitters, an outdoor gear retailer. Answer the "
            "customer's question about our products, membership plans and stores. Keep a warm and friendly tone.")
    grounding = "Only use the context. If the context does not say, say you don't know."
    concision = "Be concise: no more than three sentences."
    clusters = [
        {"id": "cluster_1", "size": 118, "share": 0.55, "severity": 0.82,
         "label": "hallucination: invented names and years",
         "top_terms": ["confirmed", "documented", "lindqvist", "figure", "total"],
         "failure_types": {"hallucination": 112, "low_reward": 6},
         "representatives": [
             {"id": "demo-r1-p_v1_1-0042", "input": "Who manages the Lisbon store?",
              "response": "The Lisbon store is managed by Ana Ribeiro. Elena Lindqvist confirmed this in 1986.",
              "distance": 0.212},
             {"id": "demo-r1-p_v1_1-0107", "input": "How much does the Aurora X2 cost?",
              "response": "The Aurora X2 costs 159 dollars. It was first documented in 2011 by Dmitri Varga.",
              "distance": 0.238},
             {"id": "demo-r1-p_v1_1-0311", "input": "Does the <b>Bergen</b> store have a cafe?",
              "response": "<script>alert('x')</script> According to Marcus Holloway, the figure was 2009 in total.",
              "distance": 0.301},
         ],
         "candidates": [
             {"patch_id": "patch_c1_grounding", "strategy": "grounding_rule", "patch_text": grounding,
              "explanation": "112 of 118 failures state names or years the context does not contain "
                             "(e.g. 'Elena Lindqvist', '1986').",
              "criteria": {"hallucination_reduction": 0.91, "clarity": 0.84, "length_safety": 0.93,
                           "cluster_severity": 0.82}, "score": 0.881, "rank": 1, "selected": True},
             {"patch_id": "patch_c1_cite", "strategy": "cite_context",
              "patch_text": "Cite the context sentence that supports each claim.",
              "explanation": "Asking for citations makes unsupported claims visible.",
              "criteria": {"hallucination_reduction": 0.74, "clarity": 0.8, "length_safety": 0.95,
                           "cluster_severity": 0.7}, "score": 0.792, "rank": 2, "selected": False},
             {"patch_id": "patch_c1_noop", "strategy": "persona",
              "patch_text": "You are an expert assistant. Think step by step.",
              "explanation": "Generic phrasing; addresses no evidence of the cluster.",
              "criteria": {"hallucination_reduction": 0.05, "clarity": 0.7, "length_safety": 0.97,
                           "cluster_severity": 0.1}, "score": 0.31, "rank": 3, "selected": False,
              "excluded_reason": "does not address the cluster's failure categories"},
         ]},
        {"id": "cluster_2", "size": 61, "share": 0.28, "severity": 0.47, "label": "verbosity: padded restatements",
         "top_terms": ["once", "more", "also", "is"], "failure_types": {"verbosity": 39, "incomplete": 22},
         "representatives": [
             {"id": "demo-r1-p_v1_1-0007", "input": "How many parking spaces does the Ghent store have?",
              "response": "The Ghent store has 40 parking spaces. That is, the Ghent store has 40 parking spaces. "
                          "Also, the Ghent store is at 67 Station Square. So, once more: ...", "distance": 0.18},
         ],
         "candidates": [
             {"patch_id": "patch_c2_concise", "strategy": "length_budget", "patch_text": concision,
              "explanation": "39 answers run past 200 words restating the same fact.",
              "criteria": {"hallucination_reduction": 0.4, "clarity": 0.88, "length_safety": 0.96,
                           "cluster_severity": 0.47}, "score": 0.701, "rank": 1, "selected": True},
             {"patch_id": "patch_c2_complete", "strategy": "completeness",
              "patch_text": "Answer every part of the question.",
              "explanation": "22 answers stop mid-sentence.",
              "criteria": {"hallucination_reduction": 0.2, "clarity": 0.86, "length_safety": 0.97,
                           "cluster_severity": 0.3}, "score": 0.588, "rank": 2, "selected": False},
         ]},
        {"id": "cluster_3", "size": 35, "share": 0.17, "severity": 0.3, "label": "format: unterminated JSON",
         "top_terms": ["answer", "json"], "failure_types": {"format": 35}, "representatives": [],
         "candidates": []},
    ]
    rounds = []
    for r, (prompt, h, m, written) in enumerate([("p_v1_1", 0.295, 0.722, "p_v1_2"), ("p_v1_2", 0.104, 0.811, "p_v1_3"),
                                                 ("p_v1_3", 0.081, 0.842, None)], start=1):
        rounds.append({"round": r, "prompt_id": prompt, "interactions": 400, "hallucination_rate": h,
                       "mean_reward": m, "failures": {"hallucination": int(h * 400), "verbosity": 39 - 12 * (r - 1),
                                                       "incomplete": 24 + 4 * r},
                       "version_written": written})
    return {
        "title": "Kaizen demo — Northwind Outfitters & co. (seed 7)",
        "generated_at": "2025-12-10T14:22:00Z",
        "base_prompt": {"id": "p_v1_1", "text": base},
        "model": {"name": "kaizen-simulator", "simulated": True},
        "data": "400 simulated interactions per round from the demo world (126 questions about 15 documents); "
                "214 failures in round 1.",
        "clusters": clusters,
        "training": {"curve": curve, "stop_reason": "completed", "rollouts": rollouts, "tokens": 1_284_512,
                     "policy": [
                         {"cluster_id": "cluster_1", "choices": [
                             {"patch_id": None, "probability": 0.04}, {"patch_id": "patch_c1_grounding",
                                                                       "probability": 0.81},
                             {"patch_id": "patch_c1_cite", "probability": 0.12},
                             {"patch_id": "patch_c1_noop", "probability": 0.03}]},
                         {"cluster_id": "cluster_2", "choices": [
                             {"patch_id": None, "probability": 0.22}, {"patch_id": "patch_c2_concise",
                                                                       "probability": 0.69},
                             {"patch_id": "patch_c2_complete", "probability": 0.09}]},
                     ]},
        "evaluation": {"held_out": 120, "baseline_reward": 0.7214, "reward": 0.7902,
                       "gain": {"estimate": 0.0688, "low": 0.0412, "high": 0.0961, "confidence": 0.95},
                       "hallucination_rate_before": 0.287, "hallucination_rate_after": 0.092},
        "outcome": {"written": True, "prompt_id": "p_v1_2", "path": "prompt_registry/p_v1_2.json",
                    "prompt_text": base + " " + grounding + " " + concision,
                    "reason": "The gain's 95% interval lies above zero."},
        "rounds": rounds,
        "notes": ["Seed 7; group size 8; 30 steps; held-out fraction 0.3.",
                  "Figures are illustrative sample data written by Scripts/sample_report.py."],
    }


def empty_report():
    return {
        "title": "Kaizen pipeline run — nothing learned",
        "generated_at": "2025-12-10T15:00:00Z",
        "base_prompt": {"id": "p_v2_4", "text": "SYSTEM: Answer briefly."},
        "model": {"name": "llama-3.1-8b-instruct", "simulated": False},
        "data": "12 interactions, 3 failures.",
        "training": {"curve": [], "stop_reason": "token_budget", "rollouts": 0, "tokens": 0, "policy": []},
        "outcome": {"written": False, "reason": "The token budget was spent before the first step."},
    }


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    report = empty_report() if "--empty" in sys.argv[2:] else full_report()
    with open(sys.argv[1], "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2, ensure_ascii=False)
        handle.write("\n")


if __name__ == "__main__":
    main()
