"""Ingest quality and speed on the shared corpora: seeds (gold), DUC 2004, PolNeAR, Multi-News.

Run: .venv/bin/python benchmarks/ingest_quality.py
Checks what the gold says about the seed pair (every quotation verbatim in the clean text, every subhead a heading
and never inside a paragraph), and measures articles per second, rejections and duplicates on the larger corpora.
Writes benchmarks/results/ingest.json. Sources: DUC 2004 Task 2 (NIST), PolNeAR (Newell et al., LREC 2018),
Multi-News (Fabbri et al., ACL 2019).
"""

from __future__ import annotations

import ast
import csv
import json
import sys
import time
from pathlib import Path
from typing import Any

from newsfuse.errors import InputError
from newsfuse.ingest import ingest_paths, ingest_text

CORPORA = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"
RESULTS = Path(__file__).resolve().parent / "results" / "ingest.json"


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _seeds() -> dict[str, Any]:
    gold = json.loads((CORPORA / "seeds" / "gold.json").read_text(encoding="utf-8"))
    report = ingest_paths([CORPORA / "seeds" / name for name in gold["docs"]])
    by_name = {Path(article.source or "").name: article for article in report.articles}
    quotes = [(q["doc"], _collapse(q["text"])) for q in gold["quotes"]]
    found = sum(text in by_name[doc].text for doc, text in quotes if doc in by_name)
    subheads = [(q["doc"], q["text"]) for q in gold["not_quotes"] if "subhead" in q["why"]]
    headings = {name: [a.text[s.start : s.end] for s in a.headings] for name, a in by_name.items()}
    subheads_found = sum(text in headings.get(doc, []) for doc, text in subheads)
    return {
        "articles": len(report.articles),
        "quotations_verbatim": found,
        "quotations": len(quotes),
        "subheads_as_headings": subheads_found,
        "subheads": len(subheads),
        "published": {name: str(a.published) for name, a in by_name.items()},
    }


def _folder(path: Path) -> dict[str, Any]:
    started = time.perf_counter()
    report = ingest_paths([path])
    seconds = time.perf_counter() - started
    return {
        "articles": len(report.articles),
        "rejected": len(report.rejected),
        "duplicates": len(report.duplicates),
        "headings": sum(len(a.headings) for a in report.articles),
        "seconds": round(seconds, 3),
        "articles_per_second": round(len(report.articles) / seconds, 1) if seconds else None,
        "backtick_quotes_left": sum(a.text.count("``") for a in report.articles),
    }


def _multinews() -> dict[str, Any]:
    csv.field_size_limit(1 << 30)
    with (CORPORA / "multinews" / "sample_test.csv").open(encoding="utf-8") as handle:
        documents = [doc for row in csv.DictReader(handle) for doc in ast.literal_eval(row["documents"])]
    started = time.perf_counter()
    empty = 0
    for document in documents:
        try:
            ingest_text(document, source="multinews")
        except InputError:
            empty += 1
    seconds = time.perf_counter() - started
    return {
        "documents": len(documents),
        "no_text_left": empty,
        "seconds": round(seconds, 3),
        "articles_per_second": round(len(documents) / seconds, 1),
    }


def main() -> int:
    results = {
        "seeds": _seeds(),
        "duc2004": _folder(CORPORA / "duc2004" / "docs"),
        "polnear_dev": _folder(CORPORA / "polnear" / "dev" / "text"),
        "multinews_sample": _multinews(),
    }
    seeds = results["seeds"]
    print(f"{'corpus':<18}{'articles':>9}{'rejected':>9}{'dupes':>7}{'headings':>9}{'art/s':>9}")
    for name in ("duc2004", "polnear_dev"):
        row = results[name]
        print(
            f"{name:<18}{row['articles']:>9}{row['rejected']:>9}{row['duplicates']:>7}{row['headings']:>9}"
            f"{row['articles_per_second']:>9}"
        )
    multinews = results["multinews_sample"]
    print(
        f"{'multinews_sample':<18}{multinews['documents'] - multinews['no_text_left']:>9}{multinews['no_text_left']:>9}"
        f"{'-':>7}{'-':>9}{multinews['articles_per_second']:>9}"
    )
    print(
        f"\nseeds: gold quotations verbatim {seeds['quotations_verbatim']}/{seeds['quotations']}, "
        f"subheads as headings {seeds['subheads_as_headings']}/{seeds['subheads']}, published {seeds['published']}"
    )
    print(f"DUC ``quotes'' left unconverted: {results['duc2004']['backtick_quotes_left']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
