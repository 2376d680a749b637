"""Ingest: paths, bytes, stdin → clean ``Article`` objects (or ``Rejected`` with a reason)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from newsfuse.model import Article, IngestReport


def ingest_paths(
    paths: Iterable[Path], *, outlet: str | None = None, published: date | None = None, max_bytes: int = 25_000_000
) -> IngestReport:
    """Ingest files and folders (recursively). Format is sniffed: text, PDF-extracted text, HTML,
    RSS/Atom, JSONL, DUC/TREC SGML. ``outlet``/``published`` fill what the input does not say."""
    raise NotImplementedError


def ingest_bytes(
    data: bytes, *, source: str, outlet: str | None = None, published: date | None = None, max_bytes: int = 25_000_000
) -> IngestReport:
    """Ingest one blob (a file's bytes, stdin, an HTTP body)."""
    raise NotImplementedError


def ingest_text(
    text: str,
    *,
    source: str = "text",
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: date | None = None,
) -> Article:
    """Clean one plain/PDF-extracted text into an Article. Raises InputError if nothing is left."""
    raise NotImplementedError
