#!/usr/bin/env python3
"""Writes N failed interactions (experience JSON lines) for the load benchmark's store: seeded, knowledge-grounded
support questions whose responses add an unsupported detail, a refusal, or a wrong number, so clustering has several
real failure modes to separate. Usage: make_store.py N SEED > experiences.jsonl"""
import json
import random
import sys

n, seed = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
products = ["Cascade Pro", "Summit Lite", "Ridge 40", "Trail Runner", "Alpine Shell", "Basecamp Tent", "Nomad Pack"]
makers = ["Northwind Outfitters", "Bluepine Gear", "Cairn & Crest", "Granite Works"]
countries = ["Portugal", "Vietnam", "Italy", "Canada", "Spain", "Poland"]
stores = ["Ghent", "Leeds", "Porto", "Lyon", "Graz", "Turku"]
for i in range(n):
    product, maker, country, store = rng.choice(products), rng.choice(makers), rng.choice(countries), rng.choice(stores)
    warranty, team = rng.randint(1, 5), rng.randint(4, 40)
    context = (f"The {product} is made by {maker} in {country}. It has a {warranty}-year warranty. "
               f"The {store} store has a team of {team} people.")
    kind = rng.random()
    if kind < 0.45:
        question = f"Where is the {product} made?"
        other = rng.choice([c for c in countries if c != country])
        response = f"The {product} is made in {other} by {maker}, and it ships with free lifetime repairs."
        failure = "hallucination"
    elif kind < 0.7:
        question = f"How long is the warranty on the {product}?"
        response = "I'm sorry, I can't help with warranty questions."
        failure = "refusal"
    else:
        question = f"How big is the team at the {store} store?"
        response = f"The {store} store has a team of {team + rng.randint(3, 30)} people, all certified guides."
        failure = "wrong_number"
    print(json.dumps({
        "id": f"load-{seed}-{i}", "prompt_id": "p_v1_1", "input": question, "context": context,
        "response": response, "reward": round(rng.uniform(0.05, 0.4), 3), "success": False,
        "failure_type": failure, "created_at": f"2026-11-{1 + i % 28:02d}T{i % 24:02d}:00:00Z",
    }))
