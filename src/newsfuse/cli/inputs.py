"""What the commands that read articles take on the command line: file and folder paths, '-' for standard
input, and http(s) URLs, mixed. URLs are fetched with one ``Fetcher`` (robots.txt, per-host delay, retries);
a URL that fails is one ``skipped`` line and the rest of the batch goes on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsfuse.cli.app import fail
from newsfuse.ingest.fetch import Fetcher, FetchSettings
from newsfuse.ingest.web import ingest_urls
from newsfuse.model import IngestReport
from newsfuse.store import Processor, Store
from newsfuse.watch import PollReport, Watcher

FETCH_SETTINGS = FetchSettings()  # the fetcher's defaults (tests on loopback swap in shorter waits)
# Any "scheme://": an address, never a file name (a path with "://" in it is not one anyone types).
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


@dataclass(frozen=True)
class Inputs:
    """The command line's inputs, split: URLs to fetch and paths to read, each in the order given."""

    urls: list[str] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)


def split_inputs(values: list[str]) -> Inputs:
    """URLs (http:// or https://) apart from paths; another scheme (ftp://, file://) is a one-line error."""
    urls: list[str] = []
    paths: list[Path] = []
    for value in values:
        if _SCHEME.match(value):
            if not value.lower().startswith(("http://", "https://")):
                fail(f"only http(s) URLs are fetched, not {value[:120]}")
            urls.append(value)
        else:
            paths.append(Path(value))
    return Inputs(urls=urls, paths=paths)


def check_paths_exist(paths: list[Path]) -> None:
    missing = [str(p) for p in paths if str(p) != "-" and not p.exists()]
    if missing:
        fail(f"no such file or folder: {', '.join(missing)}")


def fetch_urls(urls: list[str], *, outlet: str | None, published: date | None) -> IngestReport:
    """Every URL fetched and read; the ones that fail are ``rejected`` with a one-line reason."""
    if not urls:
        return IngestReport()
    with Fetcher(FETCH_SETTINGS) as fetcher:
        return ingest_urls(urls, fetcher, outlet=outlet, published=published)


def merged(first: IngestReport, second: IngestReport) -> IngestReport:
    """Two reports as one: an article both read (same content hash) is kept once, the second a duplicate."""
    report = IngestReport(
        rejected=first.rejected + second.rejected,
        trimmed=first.trimmed + second.trimmed,
        duplicates=first.duplicates + second.duplicates,
    )
    seen: set[str] = set()
    for article in first.articles + second.articles:
        if article.id in seen:
            report.duplicates.append(article.source or article.id)
        else:
            seen.add(article.id)
            report.articles.append(article)
    return report


def take_pages(
    store: Store, processor: Processor, urls: list[str], *, outlet: str | None, published: date | None
) -> PollReport:
    """Pages given by URL, fetched into the store as ``watch`` takes a feed's entries (a page fetched
    before is asked for conditionally; a changed one is a revision, in its earlier text's place)."""
    if not urls:
        return PollReport()
    with Fetcher(FETCH_SETTINGS) as fetcher:
        return Watcher(store, processor, fetcher).take_pages(urls, outlet=outlet, published=published)


