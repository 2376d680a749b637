"""Ingest: paths, bytes, stdin → clean ``Article`` objects (or ``Rejected`` with a reason)."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from newsfuse.errors import InputError
from newsfuse.ingest.agency import carried_agency
from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.decode import decode_bytes
from newsfuse.ingest.draft import Draft
from newsfuse.ingest.feeds import read_feed
from newsfuse.ingest.furniture import first_date_line, strip_furniture
from newsfuse.ingest.html import read_html
from newsfuse.ingest.jsonl import read_json, read_jsonl
from newsfuse.ingest.language import detect_language
from newsfuse.ingest.limits import LIMITS, IngestLimits
from newsfuse.ingest.outlets import outlet_registry
from newsfuse.ingest.sgml import read_sgml
from newsfuse.ingest.sniff import FORMATS, Format, sniff_format
from newsfuse.ingest.text import clean_text, split_header, strip_boilerplate
from newsfuse.model import Article, IngestReport, Rejected, Span, Trimmed, article_id_for

__all__ = [
    "FORMATS",
    "LIMITS",
    "MAX_ARTICLE_CHARS",
    "Format",
    "IngestLimits",
    "ingest_bytes",
    "ingest_paths",
    "ingest_text",
    "input_files",
    "strip_boilerplate",
]

MAX_ARTICLE_CHARS = LIMITS.max_article_chars


def ingest_paths(
    paths: Iterable[Path], *, outlet: str | None = None, published: date | None = None, max_bytes: int = 25_000_000
) -> IngestReport:
    """Ingest files and folders (recursively). Format is sniffed: text, PDF-extracted text, HTML,
    RSS/Atom, JSONL, DUC/TREC SGML. ``outlet``/``published`` fill what the input does not say."""
    batch = _Batch(outlet=outlet, published=published)
    for path in paths:
        for file_path in _walk(Path(path), batch.report):
            source = str(file_path)
            try:
                data = _read_file(file_path, max_bytes)
            except InputError as error:
                batch.reject(source, str(error))
                continue
            batch.add_blob(data, source=source, name=file_path.name)
    return batch.report


def input_files(paths: Iterable[Path]) -> tuple[list[Path], list[Rejected]]:
    """The files ``ingest_paths`` would read (folders walked), and the paths it would refuse outright.
    Lets a caller shard a corpus by file before ingesting it (the scale path)."""
    report = IngestReport()
    files = [file_path for path in paths for file_path in _walk(Path(path), report)]
    return files, list(report.rejected)


def ingest_bytes(
    data: bytes,
    *,
    source: str,
    outlet: str | None = None,
    published: date | None = None,
    max_bytes: int = 25_000_000,
    fmt: Format | None = None,
) -> IngestReport:
    """Ingest one blob (a file's bytes, stdin, an HTTP body). ``source`` names it (a name ending in
    ``.json`` or ``.html`` breaks a sniffing tie); ``fmt`` says the format when the caller knows it (an
    HTTP body declared ``application/json`` is read as JSON, never as text)."""
    batch = _Batch(outlet=outlet, published=published)
    if len(data) > max_bytes:
        batch.reject(source, _too_big(len(data), max_bytes))
    else:
        batch.add_blob(data, source=source, name=source, fmt=fmt)
    return batch.report


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
    draft = _text_draft(text, source)
    draft.title = draft.title or title
    draft.url = draft.url or url
    return _build_article(draft, outlet=outlet, published=published)[0]


class _Batch:
    """One ingest call: the report being filled and the content hashes already seen."""

    def __init__(self, *, outlet: str | None, published: date | None) -> None:
        self.report = IngestReport()
        self.outlet = outlet
        self.published = published
        self._seen: set[str] = set()

    def reject(self, source: str, reason: str) -> None:
        self.report.rejected.append(Rejected(source=source, reason=reason))

    def add_blob(self, data: bytes, *, source: str, name: str | None, fmt: Format | None = None) -> None:
        try:
            text = decode_bytes(data)
            if not text.strip():
                raise InputError("empty input (whitespace only)")
            drafts = _read_format(fmt or sniff_format(text, name), text, source)
        except InputError as error:
            self.reject(source, str(error))
            return
        except Exception as error:  # one bad input must never stop the batch
            self.reject(source, _unexpected(error))
            return
        for draft in drafts:
            if isinstance(draft, Rejected):
                self.report.rejected.append(draft)
            else:
                self._add_draft(draft)

    def _add_draft(self, draft: Draft) -> None:
        try:
            article, trimmed = _build_article(draft, outlet=self.outlet, published=self.published)
        except InputError as error:
            self.reject(draft.source, str(error))
            return
        except Exception as error:  # one bad article must never stop the batch
            self.reject(draft.source, _unexpected(error))
            return
        if article.id in self._seen:
            self.report.duplicates.append(draft.source)
            return
        self._seen.add(article.id)
        self.report.articles.append(article)
        self.report.trimmed += [Trimmed(source=draft.source, reason=reason) for reason in trimmed]


# A folder's own documentation is not coverage; named explicitly, such a file is still read.
_DATE_LINE_WINDOW = 2_000  # characters at the top of a text searched for a lone date line
_FOLDER_DOCUMENTATION = ("readme", "license", "licence", "notice", "changelog", "copying")


def _walk(path: Path, report: IngestReport) -> Iterator[Path]:
    """The regular files under ``path`` in sorted order. Symbolic links are never followed, and hidden
    files and folders, FIFOs, sockets and devices are never read; each is reported with the reason."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        report.rejected.append(Rejected(source=str(path), reason="no such file or directory"))
        return
    except OSError as error:
        report.rejected.append(Rejected(source=str(path), reason=f"cannot read: {error.strerror or error}"))
        return
    if stat.S_ISLNK(mode):
        report.rejected.append(Rejected(source=str(path), reason="skipped: a symbolic link (links are not followed)"))
    elif stat.S_ISDIR(mode):
        yield from _walk_folder(path, report)
    elif stat.S_ISREG(mode):
        yield path
    else:
        report.rejected.append(Rejected(source=str(path), reason=f"skipped: {_kind(mode)}, not a regular file"))


def _walk_folder(folder: Path, report: IngestReport) -> Iterator[Path]:
    try:
        children = sorted(folder.iterdir())
    except OSError as error:
        report.rejected.append(Rejected(source=str(folder), reason=f"cannot list folder: {error.strerror or error}"))
        return
    for child in children:
        if child.name.startswith("."):
            kind = "folder" if child.is_dir() and not child.is_symlink() else "file"
            report.rejected.append(Rejected(source=str(child), reason=f"skipped: a hidden {kind}"))
        elif child.stem.lower() in _FOLDER_DOCUMENTATION and child.is_file() and not child.is_symlink():
            report.rejected.append(
                Rejected(source=str(child), reason="skipped: the folder's documentation, not an article")
            )
        else:
            yield from _walk(child, report)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file or folder"


def _read_file(path: Path, max_bytes: int) -> bytes:
    """Read at most ``max_bytes + 1`` bytes, so an oversized file is refused without loading it. Opened
    without following a link and without blocking, and read only if it is a regular file."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError("skipped: a symbolic link (links are not followed)") from None
        raise InputError(f"cannot read file: {error.strerror or type(error).__name__}") from None
    with os.fdopen(descriptor, "rb") as handle:
        try:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError(f"skipped: {_kind(info.st_mode)}, not a regular file")
            if info.st_size > max_bytes:
                raise InputError(_too_big(info.st_size, max_bytes))
            data = handle.read(max_bytes + 1)
        except OSError as error:
            raise InputError(f"cannot read file: {error.strerror or type(error).__name__}") from None
    if len(data) > max_bytes:
        raise InputError(_too_big(len(data), max_bytes))
    return data


def _too_big(size: int, max_bytes: int) -> str:
    return f"file is {size:,} bytes, over the {max_bytes:,}-byte limit"


def _unexpected(error: Exception) -> str:
    message = str(error).splitlines()[0] if str(error) else ""
    return f"could not be read ({type(error).__name__}{': ' + message if message else ''})"


def _read_format(fmt: Format, text: str, source: str) -> list[Draft | Rejected]:
    if fmt == "html":
        return [read_html(text, source)]
    if fmt == "feed":
        return read_feed(text, source)
    if fmt == "jsonl":
        return read_jsonl(text, source)
    if fmt == "json":
        return read_json(text, source)
    if fmt == "sgml":
        return read_sgml(text, source)
    return [_text_draft(text, source)]


def _text_draft(text: str, source: str) -> Draft:
    header, body = split_header(text)
    return Draft(
        text=body, source=source, title=header.title, outlet=header.outlet, url=header.url, published=header.published
    )


def _build_article(
    draft: Draft, *, outlet: str | None, published: date | None, limits: IngestLimits = LIMITS
) -> tuple[Article, list[str]]:
    """The article, and what the caps cut from it (text, title, outlet, URL), one line each."""
    if len(draft.text) > limits.max_article_chars:
        # Refuse before the cleaning passes, which would be slow on tens of megabytes.
        _check_length(len(" ".join(draft.text.split())), limits)
    day = draft.published or published
    if day is None and draft.strip_boilerplate and (line := first_date_line(draft.text[:_DATE_LINE_WINDOW])):
        day = parse_date(line)  # the lone date line furniture removal drops still dates the article
    if day is not None and not limits.earliest_year <= day.year <= limits.latest_year:
        raise InputError(f"publication date {day.isoformat()} is outside {limits.earliest_year}-{limits.latest_year}")
    raw, lines_cut = _first_lines(draft.text, limits.max_lines)
    named = outlet_registry().outlet(draft.outlet or outlet, draft.url)
    agency = carried_agency(raw, named)  # read before furniture removal drops the credits
    raw = strip_furniture(strip_boilerplate(raw)) if draft.strip_boilerplate else raw
    clean = clean_text(raw, draft.layout, limits)
    if not clean.text.strip():
        raise InputError("no article text left after cleaning")
    _check_length(len(clean.text), limits)
    lines_note = [f"kept the first {limits.max_lines:,} lines of {lines_cut:,}"] if lines_cut else []
    trimmed = draft.trimmed + lines_note + clean.trimmed
    article = Article(
        id=article_id_for(clean.text),
        text=clean.text,
        title=_capped("title", draft.title, limits.max_title_chars, trimmed),
        outlet=_capped("outlet", named, limits.max_outlet_chars, trimmed),
        url=_capped("url", draft.url, limits.max_url_chars, trimmed),
        published=day,
        language=detect_language(clean.text),
        agency=agency,
        source=draft.source,
        headings=[Span(start=start, end=end) for start, end in clean.headings],
    )
    return article, trimmed


def _first_lines(text: str, max_lines: int) -> tuple[str, int]:
    """The text up to its ``max_lines``-th line break, and the number of lines it had (0 if not cut)."""
    if text.count("\n") < max_lines:
        return text, 0
    cut = -1
    for _ in range(max_lines):
        cut = text.index("\n", cut + 1)
    return text[:cut], text.count("\n") + 1


def _capped(field: str, value: str | None, limit: int, trimmed: list[str]) -> str | None:
    """A metadata value cut to ``limit`` characters (at a space when there is one near the end)."""
    if value is None or len(value) <= limit:
        return value
    cut = value[:limit]
    space = cut.rfind(" ")
    if space > limit * 3 // 4:
        cut = cut[:space]
    trimmed.append(f"{field} of {len(value):,} characters cut to {len(cut):,}")
    return cut.rstrip() or None


def _check_length(chars: int, limits: IngestLimits) -> None:
    if chars > limits.max_article_chars:
        raise InputError(f"{chars:,} characters, over the {limits.max_article_chars:,}-character article limit")
