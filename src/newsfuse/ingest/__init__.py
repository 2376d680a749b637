"""Ingest: paths, bytes, stdin → clean ``Article`` objects (or ``Rejected`` with a reason)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from newsfuse.errors import InputError
from newsfuse.ingest.decode import decode_bytes
from newsfuse.ingest.draft import Draft
from newsfuse.ingest.feeds import read_feed
from newsfuse.ingest.html import read_html
from newsfuse.ingest.jsonl import read_json, read_jsonl
from newsfuse.ingest.sgml import read_sgml
from newsfuse.ingest.sniff import Format, sniff_format
from newsfuse.ingest.text import clean_text, split_header, strip_boilerplate
from newsfuse.model import Article, IngestReport, Rejected, Span, article_id_for

__all__ = ["MAX_ARTICLE_CHARS", "ingest_bytes", "ingest_paths", "ingest_text", "input_files", "strip_boilerplate"]

# spaCy's default max_length: one article longer than this cannot be analysed in one piece.
MAX_ARTICLE_CHARS = 1_000_000


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
    data: bytes, *, source: str, outlet: str | None = None, published: date | None = None, max_bytes: int = 25_000_000
) -> IngestReport:
    """Ingest one blob (a file's bytes, stdin, an HTTP body)."""
    batch = _Batch(outlet=outlet, published=published)
    if len(data) > max_bytes:
        batch.reject(source, _too_big(len(data), max_bytes))
    else:
        batch.add_blob(data, source=source, name=None)
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
    return _build_article(draft, outlet=outlet, published=published)


class _Batch:
    """One ingest call: the report being filled and the content hashes already seen."""

    def __init__(self, *, outlet: str | None, published: date | None) -> None:
        self.report = IngestReport()
        self.outlet = outlet
        self.published = published
        self._seen: set[str] = set()

    def reject(self, source: str, reason: str) -> None:
        self.report.rejected.append(Rejected(source=source, reason=reason))

    def add_blob(self, data: bytes, *, source: str, name: str | None) -> None:
        try:
            text = decode_bytes(data)
            if not text.strip():
                raise InputError("empty input (whitespace only)")
            drafts = _read_format(sniff_format(text, name), text, source)
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
            article = _build_article(draft, outlet=self.outlet, published=self.published)
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


# A folder's own documentation is not coverage; named explicitly, such a file is still read.
_FOLDER_DOCUMENTATION = ("readme", "license", "licence", "notice", "changelog", "copying")


def _walk(path: Path, report: IngestReport) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if not child.is_file() or any(part.startswith(".") for part in child.relative_to(path).parts):
                continue
            if child.stem.lower() in _FOLDER_DOCUMENTATION:
                report.rejected.append(
                    Rejected(source=str(child), reason="skipped: the folder's documentation, not an article")
                )
                continue
            yield child
    elif path.is_file():
        yield path
    elif not path.exists():
        report.rejected.append(Rejected(source=str(path), reason="no such file or directory"))
    else:
        report.rejected.append(Rejected(source=str(path), reason="not a regular file or folder"))


def _read_file(path: Path, max_bytes: int) -> bytes:
    """Read at most ``max_bytes + 1`` bytes, so an oversized file is refused without loading it."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(_too_big(size, max_bytes))
        with path.open("rb") as handle:
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


def _build_article(draft: Draft, *, outlet: str | None, published: date | None) -> Article:
    if len(draft.text) > MAX_ARTICLE_CHARS:
        # Refuse before the cleaning passes, which would be slow on tens of megabytes.
        _check_length(len(" ".join(draft.text.split())))
    raw = strip_boilerplate(draft.text) if draft.strip_boilerplate else draft.text
    clean = clean_text(raw, draft.layout)
    if not clean.text.strip():
        raise InputError("no article text left after cleaning")
    _check_length(len(clean.text))
    return Article(
        id=article_id_for(clean.text),
        text=clean.text,
        title=draft.title,
        outlet=draft.outlet or outlet,
        url=draft.url,
        published=draft.published or published,
        source=draft.source,
        headings=[Span(start=start, end=end) for start, end in clean.headings],
    )


def _check_length(chars: int) -> None:
    if chars > MAX_ARTICLE_CHARS:
        raise InputError(f"{chars:,} characters, over the {MAX_ARTICLE_CHARS:,}-character article limit")
