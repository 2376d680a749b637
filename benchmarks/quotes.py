"""Quotation extraction with speakers: quality on the seed pair and PolNeAR, coverage and speed on DUC 2004.

    .venv/bin/python benchmarks/quotes.py [--samples 30] [--no-duc] [--no-polnear]

1. Seed pair (../shared/corpora/seeds, hand annotation gold.json): ingest, analyse, score. A match is the same
   document and overlapping spans after whitespace collapse. Recall: gold quotations of kind "speech" that some
   predicted quotation overlaps. Precision: predicted "speech" quotations that overlap some gold quotation (of
   either kind: a gold term found as speech is a kind error, not a false quotation). Speaker accuracy: on matched
   gold speech quotations, the predicted speaker equals the gold one (case and spacing aside). Every miss, false
   positive and wrong speaker is printed, then the check that none of gold.json's ``not_quotes`` is reported.
2. PolNeAR dev (Newell et al., LREC 2018; ../shared/corpora/polnear/dev): direct quotations are the quote-marked
   parts of ``Content`` spans, their speaker the linked ``Source``. Same recall/precision definitions; speaker
   accuracy counts a match when the predicted speaker and the source share their last word (pronoun sources,
   which the benchmark cannot resolve, are left out of that figure).
3. DUC 2004 Task 2 (NIST; 500 newswire articles): quotations found, share with a speaker, a fixed-seed sample
   of quotations to read by hand, and analyse throughput (articles per second, spaCy load excluded).

Writes benchmarks/results/quotes.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsfuse.analyse import analyse, load_nlp
from newsfuse.ingest import ingest_paths
from newsfuse.model import AnnotatedArticle, Article, QuoteKind, Settings, article_id_for

BENCHMARKS = Path(__file__).resolve().parent
CORPORA = BENCHMARKS.parent / ".." / "shared" / "corpora"
SEEDS = CORPORA / "seeds"
DUC_DOCS = CORPORA / "duc2004" / "docs"
POLNEAR = CORPORA / "polnear" / "dev"
RESULTS = BENCHMARKS / "results" / "quotes.json"
_QUOTED = re.compile(r"[\"“]([^\"“”]+)[\"”]")
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you", "him", "her", "them"})


# ---------------------------------------------------------------- matching after whitespace collapse


@dataclass
class Collapsed:
    """A text with runs of whitespace collapsed to one space, and the map from original to collapsed offsets."""

    text: str
    position: list[int]

    @classmethod
    def of(cls, original: str) -> Collapsed:
        out: list[str] = []
        position: list[int] = []
        for char in original:
            position.append(len(out))
            if char.isspace():
                if out and out[-1] != " ":
                    out.append(" ")
            else:
                out.append(char)
        position.append(len(out))
        return cls("".join(out), position)

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.position[start], self.position[end]

    def occurrences(self, needle: str) -> list[tuple[int, int]]:
        needle = " ".join(needle.split())
        return [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), self.text)]


def _overlaps(left: tuple[int, int], right: tuple[int, int]) -> bool:
    return left[0] < right[1] and right[0] < left[1]


def _same_name(left: str | None, right: str | None) -> bool:
    return (
        left is not None
        and right is not None
        and " ".join(left.split()).casefold() == " ".join(right.split()).casefold()
    )


# ---------------------------------------------------------------- seed pair


def score_seeds(verbose: bool = True) -> dict[str, Any]:
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    report = ingest_paths(sorted(SEEDS.glob("*.txt")))
    annotated = {Path(a.article.source or "").name: a for a in analyse(report.articles, Settings())}
    gold_quotes = gold["quotes"]
    speech_gold = [q for q in gold_quotes if q["kind"] == "speech"]
    found = speaker_right = 0
    misses: list[str] = []
    wrong_speakers: list[str] = []
    kind_right = 0
    for quote in speech_gold:
        doc = annotated[quote["doc"]]
        collapsed = Collapsed.of(doc.article.text)
        spans = collapsed.occurrences(quote["text"])
        hits = [q for q in doc.quotations if any(_overlaps(collapsed.span(q.start, q.end), s) for s in spans)]
        if not hits:
            misses.append(f"{quote['doc']}: {quote['text']!r} ({quote['speaker']})")
            continue
        found += 1
        kind_right += hits[0].kind is QuoteKind.speech
        if _same_name(hits[0].speaker, quote["speaker"]):
            speaker_right += 1
        else:
            wrong_speakers.append(f"{quote['text'][:60]!r}: got {hits[0].speaker!r}, gold {quote['speaker']!r}")
    predicted = [(name, q) for name, doc in annotated.items() for q in doc.quotations if q.kind is QuoteKind.speech]
    correct = 0
    false_positives: list[str] = []
    for name, quotation in predicted:
        collapsed = Collapsed.of(annotated[name].article.text)
        span = collapsed.span(quotation.start, quotation.end)
        gold_spans = [s for q in gold_quotes if q["doc"] == name for s in collapsed.occurrences(q["text"])]
        if any(_overlaps(span, s) for s in gold_spans):
            correct += 1
        else:
            false_positives.append(f"{name}: {quotation.text!r} ({quotation.speaker})")
    reported_not_quotes: list[str] = []
    for item in gold["not_quotes"]:
        doc = annotated[item["doc"]]
        collapsed = Collapsed.of(doc.article.text)
        spans = collapsed.occurrences(item["text"])
        for quotation in doc.quotations:
            inner = collapsed.span(quotation.start, quotation.end)
            if any(s[0] <= inner[0] and inner[1] <= s[1] for s in spans):
                reported_not_quotes.append(item["text"])
    result = {
        "gold_speech_quotes": len(speech_gold),
        "predicted_speech_quotes": len(predicted),
        "precision": round(correct / len(predicted), 4) if predicted else 0.0,
        "recall": round(found / len(speech_gold), 4),
        "speaker_accuracy": round(speaker_right / found, 4) if found else 0.0,
        "kind_accuracy_on_matched": round(kind_right / found, 4) if found else 0.0,
        "not_quotes_reported": reported_not_quotes,
        "misses": misses,
        "false_positives": false_positives,
        "wrong_speakers": wrong_speakers,
    }
    if verbose:
        print("\n== seed pair (gold.json) ==")
        for key in ("gold_speech_quotes", "predicted_speech_quotes", "precision", "recall", "speaker_accuracy"):
            print(f"  {key:<26} {result[key]}")
        print(f"  {'kind_accuracy_on_matched':<26} {result['kind_accuracy_on_matched']}")
        for label in ("misses", "false_positives", "wrong_speakers"):
            print(f"  {label}: {len(result[label])}")
            for line in result[label]:
                print(f"    - {line}")
        verdict = "none reported" if not reported_not_quotes else f"REPORTED {reported_not_quotes}"
        print(f"  not_quotes (headings, subheads, a sign): {verdict}")
    return result


# ---------------------------------------------------------------- PolNeAR


def _polnear_gold(text: str, annotation: str) -> list[tuple[int, int, str]]:
    """(start, end, source text) of every quote-marked part of a Content span."""
    spans: dict[str, tuple[str, int, int, str]] = {}
    links: list[dict[str, str]] = []
    for line in annotation.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 3:
            kind, *offsets = fields[1].split(" ")
            if ";" in " ".join(offsets):  # discontinuous span: keep its outer bounds
                numbers = [int(n) for n in re.findall(r"\d+", " ".join(offsets))]
                start, end = min(numbers), max(numbers)
            else:
                start, end = int(offsets[0]), int(offsets[1])
            spans[fields[0]] = (kind, start, end, fields[2])
        elif line.startswith("E") and len(fields) >= 2:
            links.append(dict(part.split(":", 1) for part in fields[1].split() if ":" in part))
    quotes: list[tuple[int, int, str]] = []
    for link in links:
        content = spans.get(link.get("Content", ""))
        source = spans.get(link.get("Source", ""))
        if content is None or source is None:
            continue
        for match in _QUOTED.finditer(text, content[1], content[2]):
            if len(match.group(1).split()) >= 1:
                quotes.append((match.start(1), match.end(1), source[3]))
    return quotes


def score_polnear(verbose: bool = True) -> dict[str, Any]:
    texts = sorted((POLNEAR / "text").glob("*.txt"))
    articles: list[Article] = []
    gold: list[list[tuple[int, int, str]]] = []
    for path in texts:
        annotations = sorted((POLNEAR / "attributions").glob(path.stem + "_*.ann"))
        if not annotations:
            continue
        text = path.read_text(encoding="utf-8")
        articles.append(Article(id=article_id_for(text), text=text, source=str(path)))
        gold.append(_polnear_gold(text, annotations[0].read_text(encoding="utf-8")))
    annotated = analyse(articles, Settings())
    found = speaker_judged = speaker_right = predicted = correct = 0
    total = sum(len(g) for g in gold)
    for doc, quotes in zip(annotated, gold, strict=True):
        for start, end, source in quotes:
            hits = [q for q in doc.quotations if _overlaps((q.start, q.end), (start, end))]
            if not hits:
                continue
            found += 1
            if source.strip().lower() in _PRONOUNS:
                continue
            speaker_judged += 1
            got = (hits[0].speaker or "").split()
            speaker_right += bool(got) and got[-1].strip("'’s").lower() in source.lower()
        for quotation in doc.quotations:
            if quotation.kind is not QuoteKind.speech:
                continue
            predicted += 1
            correct += any(_overlaps((quotation.start, quotation.end), (s, e)) for s, e, _ in quotes)
    result = {
        "articles": len(articles),
        "gold_direct_quotes": total,
        "predicted_speech_quotes": predicted,
        "precision": round(correct / predicted, 4) if predicted else 0.0,
        "recall": round(found / total, 4) if total else 0.0,
        "speaker_accuracy_named_sources": round(speaker_right / speaker_judged, 4) if speaker_judged else 0.0,
    }
    if verbose:
        print("\n== PolNeAR dev (direct quotations inside Content spans) ==")
        for key, value in result.items():
            print(f"  {key:<32} {value}")
    return result


# ---------------------------------------------------------------- DUC 2004


def _sentence_of(doc: AnnotatedArticle, index: int) -> str:
    return " ".join(doc.sentence_text(index).split()) if index < len(doc.sentences) else ""


def run_duc(samples: int, verbose: bool = True) -> dict[str, Any]:
    paths = sorted(DUC_DOCS.glob("*/*"))
    report = ingest_paths(paths)
    load_nlp()
    started = time.perf_counter()
    annotated = analyse(report.articles, Settings())
    seconds = time.perf_counter() - started
    quotations = [(doc, q) for doc in annotated for q in doc.quotations]
    speech = [(doc, q) for doc, q in quotations if q.kind is QuoteKind.speech]
    with_speaker = [item for item in speech if item[1].speaker]
    rng = random.Random(2004)
    sample = rng.sample(speech, min(samples, len(speech)))
    result = {
        "files": len(paths),
        "articles": len(report.articles),
        "rejected": len(report.rejected),
        "quotations": len(quotations),
        "speech_quotations": len(speech),
        "speech_with_speaker_share": round(len(with_speaker) / len(speech), 4) if speech else 0.0,
        "analyse_seconds": round(seconds, 2),
        "articles_per_second": round(len(report.articles) / seconds, 2) if seconds else 0.0,
        "cpu_count": os.cpu_count(),
        "sample": [
            {"speaker": q.speaker, "via": q.via, "cue": q.cue, "text": " ".join(q.text.split())} for _, q in sample
        ],
    }
    if verbose:
        print("\n== DUC 2004 (500 newswire articles) ==")
        for key, value in result.items():
            if key != "sample":
                print(f"  {key:<28} {value}")
        print(f"\n  {len(sample)} sampled speech quotations (seed 2004), to read by hand:")
        for doc, quotation in sample:
            via = f" via {quotation.via}" if quotation.via else ""
            print(f"  * [{quotation.speaker}{via}] {' '.join(quotation.text.split())[:110]}")
            print(f"      sentence: {_sentence_of(doc, quotation.sentence)[:160]}")
    return result


def _table(rows: Iterable[Sequence[object]]) -> None:
    for row in rows:
        print("  " + " | ".join(f"{cell!s:<14}" for cell in row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--no-duc", action="store_true")
    parser.add_argument("--no-polnear", action="store_true")
    args = parser.parse_args()
    results: dict[str, Any] = {"seeds": score_seeds()}
    if not args.no_polnear:
        results["polnear_dev"] = score_polnear()
    if not args.no_duc:
        results["duc2004"] = run_duc(args.samples)
    print("\n== summary ==")
    rows: list[list[object]] = [["set", "precision", "recall", "speaker acc."]]
    seeds = results["seeds"]
    rows.append(["seeds", seeds["precision"], seeds["recall"], seeds["speaker_accuracy"]])
    if "polnear_dev" in results:
        pol = results["polnear_dev"]
        rows.append(["PolNeAR dev", pol["precision"], pol["recall"], pol["speaker_accuracy_named_sources"]])
    _table(rows)
    if "duc2004" in results:
        duc = results["duc2004"]
        print(
            f"  DUC 2004: {duc['speech_quotations']} speech quotations, {duc['speech_with_speaker_share']:.1%} "
            f"with a speaker, {duc['articles_per_second']} articles/s"
        )
    print("  reference (other data, other setup): SFU Gender Gap Tracker P 84.6 R 82.7, speaker 86.5 %")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    # Figures only: the sampled quotations are corpus text, printed above for the read, never committed.
    figures = {
        name: {k: len(v) if isinstance(v, list) else v for k, v in value.items() if k != "sample"}
        for name, value in results.items()
    }
    RESULTS.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(BENCHMARKS.parent)}")


if __name__ == "__main__":
    main()
