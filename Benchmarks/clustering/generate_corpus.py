#!/usr/bin/env python3
"""Writes a labelled corpus as TSV (`label<TAB>text` per line) that both benchmarks read.

    generate_corpus.py synthetic N SEED OUT   short failure texts of 20 kinds, seeded
    generate_corpus.py banking77 DATA_DIR OUT BANKING77 train + test (CSV) as TSV

Files are written where asked (run.sh uses a temporary directory); never commit them.
"""
import csv
import random
import sys

PRODUCTS = ["premium plan", "basic plan", "gift card", "savings account", "travel insurance", "credit card",
            "mobile app", "router", "laptop", "headphones", "subscription", "loyalty points"]
CITIES = ["Paris", "Berlin", "Tokyo", "Lagos", "Lima", "Oslo", "Austin", "Delhi", "Cairo", "Sydney"]
NAMES = ["Smith", "Garcia", "Chen", "Okafor", "Novak", "Ito", "Silva", "Khan", "Muller", "Dubois"]
FILLER = ["the user asked", "the customer said", "in the reply", "the answer", "the assistant", "according to the bot",
          "unfortunately", "as noted", "in this case", "again", "please note", "apparently"]

KINDS = {
    "hallucinated_citation": [
        "cited a paper by {name} et al {year} that does not exist",
        "invented a source {name} {year} journal article with a fake doi",
        "the reference to {name} {year} is fabricated and not in the context",
    ],
    "wrong_refund_amount": [
        "stated the refund for the {product} is {num} dollars but policy says {num2}",
        "refund amount of {num} for {product} is wrong",
        "promised a {num} dollar refund on the {product} which is incorrect",
    ],
    "outdated_policy": [
        "quoted the old {product} policy from {year} instead of the current one",
        "used an outdated return policy for the {product}",
        "policy text for {product} is out of date since {year}",
    ],
    "refused_valid_request": [
        "refused to help with a normal {product} question",
        "declined a valid request about the {product} citing safety",
        "said it cannot assist with changing the {product} although it is allowed",
    ],
    "timeout": [
        "request timed out after {num} seconds with no answer",
        "no response within {num} seconds upstream timeout",
        "the model call hit the timeout limit of {num} seconds",
    ],
    "json_format_error": [
        "output was not valid json missing closing brace",
        "returned malformed json with trailing comma in field {field}",
        "json schema violation field {field} has wrong type",
    ],
    "wrong_language": [
        "answered in {language} although the user wrote in english",
        "switched to {language} halfway through the answer",
        "replied in the wrong language {language}",
    ],
    "unit_conversion_error": [
        "converted {num} miles to kilometers incorrectly",
        "mixed up celsius and fahrenheit for {city} weather",
        "unit conversion error {num} pounds stated as kilograms",
    ],
    "made_up_url": [
        "linked to a made up url for the {product} help page",
        "the link https example com {field} returns not found and was invented",
        "provided a fake website address for {city} office",
    ],
    "wrong_date": [
        "gave the wrong opening date for the {city} branch",
        "said the deadline is {year} but the context says otherwise",
        "date of the event in {city} is incorrect",
    ],
    "math_error": [
        "arithmetic mistake {num} plus {num2} computed wrongly",
        "calculated interest on the {product} incorrectly",
        "the total of {num} items was summed wrong",
    ],
    "missing_context": [
        "ignored the retrieved context about the {product}",
        "did not use the provided document on {product} terms",
        "answer contradicts the knowledge base article on {product}",
    ],
    "truncated_answer": [
        "answer cut off mid sentence after {num} tokens",
        "response truncated before listing the {product} steps",
        "output stopped early incomplete instructions",
    ],
    "pii_leak": [
        "revealed the phone number of customer {name}",
        "exposed the email address of {name} in the reply",
        "leaked account details of {name} from {city}",
    ],
    "toxic_tone": [
        "rude and condescending tone toward the customer",
        "sarcastic reply mocking the question about the {product}",
        "used insulting language when the user complained",
    ],
    "wrong_product": [
        "described the {product} when the user asked about the {product2}",
        "confused the {product} with the {product2}",
        "recommended the {product2} instead of the requested {product}",
    ],
    "incorrect_api_usage": [
        "suggested calling the deprecated endpoint {field} version {num}",
        "api example uses wrong parameter name {field}",
        "the code sample passes {field} as a string instead of integer",
    ],
    "contradiction": [
        "said yes then no about the {product} eligibility in the same answer",
        "contradicted its earlier statement about {city} availability",
        "first claimed the fee is {num} then claimed it is free",
    ],
    "over_verbose": [
        "answer is {num} paragraphs long for a one line question",
        "extremely long response repeating the {product} details several times",
        "verbose reply with unnecessary background about {city}",
    ],
    "ignored_instruction": [
        "ignored the instruction to answer in bullet points",
        "did not follow the system prompt limit of {num} words",
        "disregarded the request to include the {field} field",
    ],
}
LANGUAGES = ["french", "german", "spanish", "japanese", "portuguese"]
FIELDS = ["user_id", "order_id", "amount", "currency", "status", "created_at", "items", "email"]


def synthetic(count, seed, out):
    rng = random.Random(seed)
    kinds = sorted(KINDS)
    with open(out, "w", encoding="utf-8") as file:
        for _ in range(count):
            kind = rng.choice(kinds)
            text = rng.choice(KINDS[kind]).format(
                name=rng.choice(NAMES), year=rng.randint(1990, 2025), product=rng.choice(PRODUCTS),
                product2=rng.choice(PRODUCTS), num=rng.randint(1, 500), num2=rng.randint(1, 500),
                field=rng.choice(FIELDS), language=rng.choice(LANGUAGES), city=rng.choice(CITIES))
            if rng.random() < 0.7:
                text = rng.choice(FILLER) + " " + text
            if rng.random() < 0.3:
                text = text + " " + rng.choice(FILLER)
            file.write(f"{kind}\t{text}\n")


def banking77(data_dir, out):
    with open(out, "w", encoding="utf-8") as file:
        for split in ("train", "test"):
            with open(f"{data_dir}/banking77_{split}.csv", newline="", encoding="utf-8") as source:
                for row in csv.DictReader(source):
                    text = " ".join(row["text"].split())
                    file.write(f"{row['category']}\t{text}\n")


if __name__ == "__main__":
    if sys.argv[1] == "synthetic":
        synthetic(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    elif sys.argv[1] == "banking77":
        banking77(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
