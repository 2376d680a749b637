"""Article extraction on real news pages: body F1, outlet, title and date, newsfuse beside plain trafilatura.

Run: nice -n 10 .venv/bin/python benchmarks/extraction.py [--limit N] [--show N]
Corpus: ../shared/corpora/article-extraction/ (121 pages of the Zyte/Scrapinghub article-extraction benchmark,
MIT): html/*.html.gz and ground-truth.json (id -> articleBody, url).

Body: the benchmark's own measure (its evaluate.py): 4-token shingles (tokens are ``\\w+``), per page TP/FP/FN
normalised to sum 1, precision and recall averaged over pages, F1 from the two averages. newsfuse is the whole
ingest path (``ingest_bytes``: trafilatura, then newsfuse's cleaning); the baseline is ``trafilatura.extract(html,
include_comments=False)`` exactly as the benchmark runs it, in the same process on the same pages.

Metadata (no gold in the corpus, so each is checked against evidence the extractor does not read):
- outlet: correct when it names the site of the page URL in ground-truth.json: its registered name (``wsj`` of
  www.wsj.com) equals, contains or is contained in the outlet's letters, or is the outlet's initials (``Wall
  Street Journal`` -> wsj); a bare domain, a ``@handle`` or nothing is not an outlet name.
- title: correct when it is, word for word (case and punctuation aside), the text of one of the page's own
  ``<h1>`` headlines, or when the page has no such headline, covers the words of the URL's slug.
- date: correct when it equals the date written in the page URL (``/2019/11/20/``), on pages whose URL has one.
Outlet is measured twice: from the page alone (as a saved file is read), and with the page's URL known (as
the fetch path reads it, so a page without a site name or canonical link still gets its domain).
Writes benchmarks/results/extraction.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import tld
import trafilatura

import newsfuse.ingest as ingest_module
from newsfuse.ingest import ingest_bytes
from newsfuse.ingest.outlets import OutletRegistry, outlet_registry
from newsfuse.model import Article

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "article-extraction"
RESULTS = Path(__file__).resolve().parent / "results" / "extraction.json"
_TOKEN = re.compile(r"\w+")
_SHINGLE = 4
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|\b)")
_SLUG_WORD = re.compile(r"[a-z]{3,}")
_COMPACT = re.compile(r"[^a-z0-9]")


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + _SHINGLE]) for i in range(max(1, len(tokens) - _SHINGLE + 1)) if tokens)


def page_scores(true: str, predicted: str) -> tuple[float, float, float]:
    """TP, FP, FN over 4-token shingles, normalised to sum to 1 (long pages weigh no more than short ones)."""
    gold, guess = _shingles(true), _shingles(predicted)
    tp = float(sum((gold & guess).values()))
    fp = float(sum((guess - gold).values()))
    fn = float(sum((gold - guess).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def body_metrics(scores: list[tuple[float, float, float]]) -> dict[str, float]:
    precision = statistics.mean(_precision(*s) for s in scores if s[0] + s[1] > 0)
    recall = statistics.mean(_recall(*s) for s in scores if s[0] + s[2] > 0)
    return {"f1": 2 * precision * recall / (precision + recall), "precision": precision, "recall": recall}


def _compact(text: str) -> str:
    return _COMPACT.sub("", text.lower())


def site_name(url: str) -> str:
    """The registered name of a URL's site: ``wsj`` for https://www.wsj.com/…, ``bbc`` for bbc.co.uk."""
    parsed = tld.get_tld(url, as_object=True, fail_silently=True)
    return str(getattr(parsed, "domain", "") or "").lower()


def outlet_names_site(outlet: str | None, url: str) -> bool:
    if not outlet or outlet.startswith("@"):
        return False
    name, letters = _compact(site_name(url)), _compact(outlet)
    if not name or not letters:
        return False
    words = [w.lower() for w in re.findall(r"[A-Za-z0-9]+", outlet) if w.lower() not in {"the", "of", "and"}]
    return name in letters or letters in name or _abbreviates(name, words)


def _abbreviates(name: str, words: list[str]) -> bool:
    """Whether ``name`` is made of a prefix of each of some consecutive words: wsj <- Wall Street Journal,
    nbcdfw <- NBC 5 Dallas-Fort Worth (numbers may be skipped)."""
    if not name:
        return True
    if not words:
        return False
    head, rest = words[0], words[1:]
    if head.isdigit() and _abbreviates(name, rest):
        return True
    return any(name.startswith(head[:k]) and _abbreviates(name[k:], rest) for k in range(1, len(head) + 1))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def title_correct(title: str | None, html: str, url: str) -> bool:
    if not title:
        return False
    try:
        root = lxml.html.fromstring(html)
    except Exception:
        return False
    headlines = [_words(h.text_content()) for h in root.iter("h1")]
    headlines = [h for h in headlines if len(h) >= 3]
    if headlines:
        return _words(title) in headlines
    slug = _SLUG_WORD.findall(urlsplit(url).path.lower().rsplit("/", 1)[-1] or urlsplit(url).path.lower())
    return bool(slug) and set(slug) <= set(_words(title))


def url_date(url: str) -> date | None:
    match = _URL_DATE.search(urlsplit(url).path)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


_NO_REGISTRY = OutletRegistry(by_domain={}, by_alias={})


def _without_registry(raw: bytes, source: str) -> list[Article]:
    """The page read as if the outlet registry were empty (the site name, else the domain): an ablation."""
    listed = getattr(ingest_module, "outlet_registry")  # noqa: B009 (the name ingest looks up, swapped here)
    setattr(ingest_module, "outlet_registry", lambda: _NO_REGISTRY)  # noqa: B010
    try:
        return ingest_bytes(raw, source=source).articles
    finally:
        setattr(ingest_module, "outlet_registry", listed)  # noqa: B010


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    parser.add_argument("--show", type=int, default=10, help="how many misses of each kind to print")
    args = parser.parse_args()
    truth: dict[str, dict[str, str]] = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[: args.limit or None]
    ours: list[tuple[float, float, float]] = []
    baseline: list[tuple[float, float, float]] = []
    outlet_ok = outlet_fetched_ok = title_ok = date_ok = dated_urls = 0
    outlet_unlisted_ok = listed = 0  # the outlet registry's share: the same pages read without it
    misses: dict[str, list[str]] = {"outlet": [], "title": [], "date": []}
    seconds = {"newsfuse": 0.0, "trafilatura": 0.0}
    for page_id in ids:
        raw = gzip.decompress((CORPUS / "html" / f"{page_id}.html.gz").read_bytes())
        html = raw.decode("utf-8", errors="replace")
        gold, url = truth[page_id].get("articleBody", ""), truth[page_id]["url"]
        started = time.perf_counter()
        plain = trafilatura.extract(html, include_comments=False) or ""
        seconds["trafilatura"] += time.perf_counter() - started
        started = time.perf_counter()
        report = ingest_bytes(raw, source=f"{page_id}.html")
        seconds["newsfuse"] += time.perf_counter() - started
        article = report.articles[0] if report.articles else None
        ours.append(page_scores(gold, article.text if article else ""))
        baseline.append(page_scores(gold, plain))
        # as the fetch path reads it: the page's address known (it names the page when its markup does not)
        fetched = ingest_bytes(raw, source=url).articles
        if fetched and outlet_names_site(fetched[0].outlet, url):
            outlet_fetched_ok += 1
        unlisted = _without_registry(raw, f"{page_id}.html")
        if unlisted and outlet_names_site(unlisted[0].outlet, url):
            outlet_unlisted_ok += 1
        listed += outlet_registry().for_url(url) is not None
        if article and outlet_names_site(article.outlet, url):
            outlet_ok += 1
        else:
            misses["outlet"].append(f"{site_name(url)!r}: {article.outlet if article else None!r}")
        if article and title_correct(article.title, html, url):
            title_ok += 1
        else:
            misses["title"].append(f"{url[:90]}: {article.title if article else None!r}")
        expected = url_date(url)
        if expected is not None:
            dated_urls += 1
            if article and article.published == expected:
                date_ok += 1
            else:
                misses["date"].append(f"{url[:90]}: {article.published if article else None} vs {expected}")
    results: dict[str, Any] = {
        "corpus": "Zyte/Scrapinghub article-extraction-benchmark (MIT), ../shared/corpora/article-extraction",
        "pages": len(ids),
        "trafilatura_version": trafilatura.__version__,
        "body": {"newsfuse": body_metrics(ours), "trafilatura": body_metrics(baseline)},
        "outlet_correct": outlet_ok / len(ids),
        "outlet_correct_fetched": outlet_fetched_ok / len(ids),
        "outlet_correct_without_registry": outlet_unlisted_ok / len(ids),
        "pages_whose_domain_the_registry_lists": listed,
        "title_correct": title_ok / len(ids),
        "date_correct": date_ok / max(dated_urls, 1),
        "pages_with_url_date": dated_urls,
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
        "misses": misses,
    }
    body = results["body"]
    print(f"{len(ids)} pages, trafilatura {trafilatura.__version__}")
    for name in ("newsfuse", "trafilatura"):
        row = body[name]
        print(
            f"  {name:<12} F1 {row['f1']:.3f}  P {row['precision']:.3f}  R {row['recall']:.3f}  {seconds[name]:.1f} s"
        )
    print(f"outlet names the URL's site: {outlet_ok}/{len(ids)} ({results['outlet_correct']:.3f})")
    fetched_share = results["outlet_correct_fetched"]
    print(f"  with the page URL known (as fetched): {outlet_fetched_ok}/{len(ids)} ({fetched_share:.3f})")
    print(f"  without the outlet registry (page alone): {outlet_unlisted_ok}/{len(ids)}; {listed} domains listed")
    print(f"title is the page's headline: {title_ok}/{len(ids)} ({results['title_correct']:.3f})")
    print(f"date equals the URL's date: {date_ok}/{dated_urls} ({results['date_correct']:.3f})")
    for kind, lines in misses.items():
        print(f"\n{kind} misses ({len(lines)}):")
        for line in lines[: args.show]:
            print(f"  - {line}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    print(f"\nwrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
