"""Time expressions: timeline recall on the seed pair, coverage and speed on PolNeAR, a sample to read by hand.

    .venv/bin/python benchmarks/dates_quality.py [--samples 25]

1. Seed pair (../shared/corpora/seeds, hand annotation gold.json): ingest and analyse both reports; the undated
   AFP report is re-resolved against the story date (2024-06-19), as the pipeline does. Recall: gold timeline
   entries whose date (and, for ranges such as 1950/1953, end date) some expression of either report resolves to.
2. PolNeAR dev (Newell et al., LREC 2018; 84 US political articles of 2016, ../shared/corpora/polnear/dev):
   no date gold, so it reports expressions per article, the share resolved, relative and future-tense, the
   speed of ``find_time_expressions`` (spaCy parsing excluded), and a fixed-seed sample of relative expressions
   with their context, for reading by hand. The reference date is the one in each file name.
3. AllSides (../shared/corpora/allsides, 1,479 short article bodies of 2021): the same survey and sample, each
   article against its story's date.

Writes benchmarks/results/dates.json.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from datetime import date
from pathlib import Path
from typing import Any

from newsfuse.analyse import analyse, load_nlp
from newsfuse.analyse.dates import find_time_expressions, resolve_times
from newsfuse.ingest import ingest_paths
from newsfuse.model import Settings

BENCHMARKS = Path(__file__).resolve().parent
CORPORA = BENCHMARKS.parent / ".." / "shared" / "corpora"
SEEDS = CORPORA / "seeds"
POLNEAR_TEXT = CORPORA / "polnear" / "dev" / "text"
ALLSIDES = CORPORA / "allsides" / "headlines-2021-10-19.jsonl"
RESULTS = BENCHMARKS / "results" / "dates.json"
STORY_DATE = date(2024, 6, 19)


def score_seeds() -> dict[str, Any]:
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    report = ingest_paths(sorted(SEEDS.glob("*.txt")))
    annotated = [
        item if item.reference_date else resolve_times(item, STORY_DATE)
        for item in analyse(report.articles, Settings())
    ]
    found: set[tuple[str | None, str | None]] = set()
    for item in annotated:
        for expression in item.times:
            found.add((expression.value, expression.end_value))
            found.add((expression.value, None))
    rows = []
    for entry in gold["timeline"]:
        first, _, last = entry["date"].partition("/")
        hit = (first, last or None) in found
        rows.append({"date": entry["date"], "what": entry["what"], "found": hit})
        print(f"  {'ok ' if hit else 'MISS'} {entry['date']:<10} {entry['what']}")
    recall = sum(row["found"] for row in rows) / len(rows)
    expressions = sum(len(item.times) for item in annotated)
    return {"timeline_recall": round(recall, 3), "gold_entries": len(rows), "expressions": expressions, "rows": rows}


def survey_polnear(samples: int) -> dict[str, Any]:
    paths = sorted(POLNEAR_TEXT.glob("*.txt"))
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in paths]
    references = [_date_in_name(path.name) for path in paths]
    return _survey("PolNeAR", texts, references, samples, "reference date in the file name")


def survey_allsides(samples: int) -> dict[str, Any]:
    """AllSides article bodies (short web news of 2021), each against its story's date: text no date rule was
    written on, for reading by hand."""
    texts: list[str] = []
    references: list[date | None] = []
    for line in ALLSIDES.read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        for coverage in (story.get("news") or {}).values():
            if coverage.get("newBody"):
                texts.append(" ".join(coverage["newBody"]))
                references.append(date.fromisoformat(story["date"][:10]))
    return _survey("AllSides", texts, references, samples, "reference date: the story's")


def _survey(name: str, texts: list[str], references: list[date | None], samples: int, note: str) -> dict[str, Any]:
    nlp = load_nlp()
    docs = list(nlp.pipe(texts, batch_size=16))
    started = time.perf_counter()
    per_article = [
        find_time_expressions(doc, lambda offset: 0, reference) for doc, reference in zip(docs, references, strict=True)
    ]
    seconds = time.perf_counter() - started
    expressions = [(text, e) for text, found in zip(texts, per_article, strict=True) for e in found]
    relative = [(text, e) for text, e in expressions if e.relative]
    random.seed(7)
    sample = random.sample(relative, min(samples, len(relative)))
    print(f"\n  {name} sample of {len(sample)} relative expressions ({note}):")
    lines = []
    for text, expression in sample:
        context = " ".join(text[max(0, expression.start - 60) : expression.end + 30].split())
        line = f"{expression.text!r} -> {expression.value} {'(future)' if expression.future else ''} | {context}"
        lines.append(line)
        print("   ", line)
    total = max(1, len(expressions))
    return {
        "articles": len(texts),
        "expressions": len(expressions),
        "per_article": round(len(expressions) / max(1, len(texts)), 2),
        "resolved_share": round(sum(e.value is not None for _, e in expressions) / total, 3),
        "relative_share": round(len(relative) / total, 3),
        "future_share": round(sum(e.future for _, e in expressions) / total, 3),
        "articles_per_second": round(len(texts) / seconds, 1),
        "sample": lines,
    }


def _date_in_name(name: str) -> date | None:
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", name)
    return date(int(match[1]), int(match[2]), int(match[3])) if match else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=25)
    args = parser.parse_args()
    print("Seed pair timeline (gold.json):")
    seeds = score_seeds()
    polnear = survey_polnear(args.samples)
    allsides = survey_allsides(args.samples)
    table = {
        "seed timeline recall": f"{seeds['timeline_recall']:.0%} of {seeds['gold_entries']}",
        "seed expressions": seeds["expressions"],
        "PolNeAR articles": polnear["articles"],
        "PolNeAR expressions per article": polnear["per_article"],
        "PolNeAR resolved": f"{polnear['resolved_share']:.0%}",
        "PolNeAR relative": f"{polnear['relative_share']:.0%}",
        "PolNeAR future-tense": f"{polnear['future_share']:.0%}",
        "find_time_expressions articles/s (parse excluded)": polnear["articles_per_second"],
        "AllSides articles": allsides["articles"],
        "AllSides expressions per article": allsides["per_article"],
        "AllSides resolved": f"{allsides['resolved_share']:.0%}",
        "AllSides relative": f"{allsides['relative_share']:.0%}",
        "AllSides future-tense": f"{allsides['future_share']:.0%}",
    }
    print()
    width = max(len(key) for key in table)
    for key, value in table.items():
        print(f"{key:<{width}}  {value}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps({"seeds": seeds, "polnear": polnear, "allsides": allsides, "sources": _SOURCES}, indent=2) + "\n",
        encoding="utf-8",
    )


_SOURCES = [
    "seed pair: the user's two wire reports (../shared/corpora/seeds) with gold.json",
    "PolNeAR: Newell, Margolin, Ruths, LREC 2018, dev split",
    "AllSides headlines 2021-10-19 (left / center / right coverage of 506 stories), article bodies",
]


if __name__ == "__main__":
    main()
