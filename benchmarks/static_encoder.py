"""Would a static first-pass encoder pay? Token vectors distilled offline from the bundled MiniLM, against
MiniLM itself, on quality and speed in one run.

    nice -n 10 .venv/bin/python benchmarks/static_encoder.py [--clusters 10]

Distillation (the model2vec recipe, without its torch dependency): every vocabulary word piece is run
through the bundled int8 MiniLM on its own (``[CLS] piece [SEP]``, mean-pooled as the encoder pools), and a
sentence's static vector is the mean of its pieces' vectors, each weighted by log(1 + rank) of the piece in
the vocabulary (rarer pieces weigh more, as in model2vec's Zipf weighting), L2-normalised.
Quality, on the sentences of the first ``--clusters`` DUC 2004 clusters: for each sentence, its 5 nearest
sentences of other articles of its cluster by MiniLM (the pairs fact grouping would judge); the share of
them among the static encoder's 20 and 50 nearest (recall of a first pass that hands its top-k to MiniLM),
and the Spearman correlation of the two cosines over all such pairs. Speed: sentences per second and CPU
seconds of each encoder over the same sentences (MiniLM without its cache).
Writes benchmarks/results/static_encoder.json. Source: DUC 2004 Task 2 (NIST), read from ../shared/corpora.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.stats import spearmanr

from newsfuse.analyse import analyse
from newsfuse.embed import OnnxSentenceEncoder
from newsfuse.embed.encoder import TOKENIZER_PATH
from newsfuse.ingest import ingest_paths
from newsfuse.model import Settings

ROOT = Path(__file__).resolve().parents[1]
DUC_DOCS = ROOT.parent / "shared" / "corpora" / "duc2004" / "docs"
RESULTS = ROOT / "benchmarks" / "results" / "static_encoder.json"
NEIGHBOURS = 5
FIRST_PASS = (20, 50)


def _cpu() -> float:
    return time.process_time()


def distil(encoder: OnnxSentenceEncoder) -> NDArray[np.float32]:
    """One MiniLM vector per vocabulary piece, encoded alone, then weighted by log(1 + vocabulary rank)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    vocabulary = tokenizer.get_vocab()
    size = max(vocabulary.values()) + 1
    table = np.zeros((size, encoder_dimension(encoder)), dtype=np.float32)
    ids = sorted(vocabulary.values())
    session = encoder._session  # the bundled model, run on single pieces
    for first in range(0, len(ids), 512):
        chunk = ids[first : first + 512]
        input_ids = np.array([[101, piece, 102] for piece in chunk], dtype=np.int64)
        attention = np.ones_like(input_ids)
        feeds = {"input_ids": input_ids, "attention_mask": attention, "token_type_ids": np.zeros_like(input_ids)}
        hidden = np.asarray(session.run(None, feeds)[0], dtype=np.float32)
        table[chunk] = hidden.mean(axis=1)
    weights = np.log1p(np.arange(size, dtype=np.float32))[:, None]
    return (table * weights).astype(np.float32)


def encoder_dimension(encoder: OnnxSentenceEncoder) -> int:
    return int(encoder.encode(["dimension"]).shape[1])


def static_encode(table: NDArray[np.float32], texts: list[str]) -> NDArray[np.float32]:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    for row, encoding in enumerate(tokenizer.encode_batch(texts, add_special_tokens=False)):
        if encoding.ids:
            out[row] = table[encoding.ids].mean(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    normalised: NDArray[np.float32] = (out / np.clip(norms, 1e-12, None)).astype(np.float32)
    return normalised


def _speed(seconds: float, cpu: float, count: int) -> dict[str, float]:
    per_second = round(count / max(seconds, 1e-9), 1)
    return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3), "per_second": per_second}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clusters", type=int, default=10)
    args = parser.parse_args()
    folders = sorted(p for p in DUC_DOCS.iterdir() if p.is_dir())[: args.clusters]
    sentences: list[str] = []
    cluster_of: list[int] = []
    article_of: list[int] = []
    articles_seen = 0
    for cluster, folder in enumerate(folders):
        for annotated in analyse(ingest_paths([folder]).articles, Settings()):
            for index in range(len(annotated.sentences)):
                text = " ".join(annotated.sentence_text(index).split())
                if len(text) >= 20:
                    sentences.append(text)
                    cluster_of.append(cluster)
                    article_of.append(articles_seen)
            articles_seen += 1
    minilm = OnnxSentenceEncoder(cache_entries=0)

    started, cpu = time.perf_counter(), _cpu()
    table = distil(minilm)
    distil_s, distil_cpu = time.perf_counter() - started, _cpu() - cpu

    started, cpu = time.perf_counter(), _cpu()
    exact = minilm.encode(sentences)
    minilm_s, minilm_cpu = time.perf_counter() - started, _cpu() - cpu
    started, cpu = time.perf_counter(), _cpu()
    cheap = static_encode(table, sentences)
    static_s, static_cpu = time.perf_counter() - started, _cpu() - cpu

    clusters = np.array(cluster_of)
    articles = np.array(article_of)
    found = {k: 0 for k in FIRST_PASS}
    wanted = 0
    exact_cos: list[float] = []
    cheap_cos: list[float] = []
    for row in range(len(sentences)):
        others = np.flatnonzero((clusters == clusters[row]) & (articles != articles[row]))
        if len(others) == 0:
            continue
        exact_scores = exact[others] @ exact[row]
        cheap_scores = cheap[others] @ cheap[row]
        exact_cos.extend(exact_scores.tolist())
        cheap_cos.extend(cheap_scores.tolist())
        best = set(others[np.argsort(-exact_scores)[:NEIGHBOURS]].tolist())
        wanted += len(best)
        ranked = others[np.argsort(-cheap_scores)]
        for k in FIRST_PASS:
            found[k] += len(best & set(ranked[:k].tolist()))
    result: dict[str, Any] = {
        "benchmark": "static_encoder",
        "clusters": args.clusters,
        "sentences": len(sentences),
        "distil_seconds": round(distil_s, 1),
        "distil_cpu_seconds": round(distil_cpu, 1),
        "minilm": _speed(minilm_s, minilm_cpu, len(sentences)),
        "static": _speed(static_s, static_cpu, len(sentences)),
        "speedup_cpu": round(minilm_cpu / max(static_cpu, 1e-9), 1),
        **{f"recall_minilm_top{NEIGHBOURS}_in_static_top{k}": round(found[k] / max(wanted, 1), 3) for k in FIRST_PASS},
        "spearman_cosines": round(float(spearmanr(exact_cos, cheap_cos).statistic), 3),
        "pairs": len(exact_cos),
    }
    print(json.dumps(result, indent=2))
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
