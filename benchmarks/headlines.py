"""Untitled headlines on real leads: how many lead sentences get a gist, and how many articles get no headline
of at most 14 words.

    flock /tmp/newsfuse-heavy.lock nice -n 10 .venv/bin/python benchmarks/headlines.py [--sample 30]

Leads: each article's first sentence (the second when the first is a dateline alone), as the stories stage
names an untitled article. Corpora, read from ../shared/corpora, never copied: DUC 2004 Task 2 (articles
0-199 and 200-499 apart: the first 200 were read by hand while the gist was built), Multi-News (articles
300-599 of the sample's clusters, never read while building) and AllSides roundup-test (articles 300-599,
likewise), fusion-dev (its 38 articles, as ``../shared/eval/build_fusion_dev.py`` writes them).

Per article, the headline ``brief.headline`` would give a one-article story: the lead's gist; else the lead
whole when it has 4 to 14 words; else the gist of a later sentence (the analyse stage gives the opening three
one, and reads on until a sentence has one when none of them has); else the first later sentence of 4 to 14
words opening on a capital, whole ("short sentence"); else none. The baseline in the same run is
what an untitled story showed before when its lead had no gist: the lead sentence whole.
A lead of fewer than 4 words ("AP", "EXCLUSIVE:") is a fragment, counted apart: it heads nothing.
Writes benchmarks/results/headlines.json, with ``--sample`` leads and headlines drawn at random to read.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from newsfuse.analyse import analyse
from newsfuse.evaluate.corpora import CorpusName, load_corpus
from newsfuse.ingest import ingest_paths
from newsfuse.model import AnnotatedArticle, Article
from newsfuse.stories.features import without_dateline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RESULTS = ROOT / "benchmarks" / "results" / "headlines.json"
MAX_WORDS = 14
SETS: list[tuple[str, CorpusName | None, int, int]] = [  # name, corpus, first article, count
    ("duc2004 0-199 (read while building)", "duc2004", 0, 200),
    ("duc2004 200-499", "duc2004", 200, 300),
    ("multinews 300-599", "multinews", 300, 300),
    ("allsides 300-599", "allsides", 300, 300),
    ("fusion-dev", None, 0, 100),
]


def _articles(corpus: CorpusName | None, first: int, count: int) -> list[Article]:
    if corpus is None:
        with tempfile.TemporaryDirectory() as out:
            subprocess.run(
                [sys.executable, str(SHARED / "eval" / "build_fusion_dev.py"), out], check=True, capture_output=True
            )
            return list(ingest_paths([Path(out) / "all.jsonl"]).articles)
    articles: list[Article] = []
    for cluster in load_corpus(corpus):
        articles.extend(cluster.ingest()[0])
        if len(articles) >= first + count:
            break
    return articles[first : first + count]


def _lead(annotated: AnnotatedArticle) -> tuple[int, str] | None:
    for position in range(min(2, len(annotated.sentences))):
        sentence = " ".join(without_dateline(annotated.sentence_text(position)).split())
        if sentence:
            return position, sentence
    return None


def _headline(annotated: AnnotatedArticle, position: int, lead: str) -> tuple[str | None, str]:
    """The headline and where it came from: the lead's gist, the lead whole, a later sentence's gist, the first
    sentence short enough whole."""
    gist = annotated.sentence_gist(position)
    if gist:
        return gist, "lead gist"
    if 4 <= len(lead.split()) <= MAX_WORDS:
        return lead.rstrip(" .,;:"), "lead whole"
    for later in range(position + 1, len(annotated.sentences)):
        gist = annotated.sentence_gist(later)
        if gist:
            return gist, "later gist"
    for later in range(position + 1, len(annotated.sentences)):
        sentence = " ".join(without_dateline(annotated.sentence_text(later)).split()).rstrip(" .,;:")
        if 4 <= len(sentence.split()) <= MAX_WORDS and sentence[:1].isupper():
            return sentence, "short sentence"
    return None, "none"


def measure(name: str, corpus: CorpusName | None, first: int, count: int, rng: random.Random, sample: int) -> Any:
    articles = _articles(corpus, first, count)
    started = time.process_time()
    annotated = analyse(articles)
    cpu = time.process_time() - started
    rows: list[dict[str, Any]] = []
    for article in annotated:
        found = _lead(article)
        if found is None:
            continue
        position, lead = found
        headline, source = _headline(article, position, lead)
        rows.append(
            {
                "id": article.article.id,
                "lead": lead,
                "headline": headline,
                "from": source,
                "fragment": len(lead.split()) < 4,
            }
        )
    leads = [r for r in rows if not r["fragment"]]
    sources = ("lead gist", "lead whole", "later gist", "short sentence", "none")
    counts = {k: sum(r["from"] == k for r in leads) for k in sources}
    lengths = [len(r["headline"].split()) for r in leads if r["headline"]]
    return {
        "set": name,
        "articles": len(articles),
        "leads": len(leads),
        "fragments (under 4 words)": len(rows) - len(leads),
        "lead with a gist": counts["lead gist"],
        "headline from": counts,
        "without a headline of at most 14 words": counts["none"] + sum(n > MAX_WORDS for n in lengths),
        "longest headline (words)": max(lengths, default=0),
        "mean headline (words)": round(sum(lengths) / max(1, len(lengths)), 1),
        "baseline, lead whole: at most 14 words": sum(4 <= len(r["lead"].split()) <= MAX_WORDS for r in leads),
        "analyse cpu s": round(cpu, 1),
        "sample": rng.sample(leads, min(sample, len(leads))),
        "without a headline (all)": [r for r in leads if r["from"] == "none"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=10, help="leads per set drawn at random to read")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    results = []
    for name, corpus, first, count in SETS:
        result = measure(name, corpus, first, count, rng, args.sample)
        results.append(result)
        print({k: v for k, v in result.items() if k not in {"sample", "without a headline (all)"}}, flush=True)
    RESULTS.write_text(json.dumps({"sets": results}, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
