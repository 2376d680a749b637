"""Full-text search over the stored articles' titles and bodies, with date and outlet filters.

SQLite answers from its FTS5 index (ranked by BM25, the title weighted five times the body), PostgreSQL
from its ``tsvector`` column (``websearch_to_tsquery``, ranked by ``ts_rank_cd``); both indexes are made by
migration 0004 and kept current by the database itself. A query is words and "quoted phrases", all of
which must match; the user's text never becomes query syntax (FTS5 operators are quoted away)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from newsfuse.errors import StoreError
from newsfuse.store.views import Page

# Snippet markers: control characters ingest removes from article text, so they cannot occur in it.
_OPEN, _CLOSE = "\x02", "\x03"
_TERMS = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w", re.UNICODE)
MAX_QUERY_CHARS = 200


def is_search_index(name: str | None) -> bool:
    """Whether a schema object is one migration 0004 made for search, outside the ORM's tables: the FTS5
    table and its shadow tables, the search view, the tsvector column and its index."""
    return bool(name) and (str(name).startswith("article_search") or name in _INDEX_OBJECTS)


_INDEX_OBJECTS = {"search_vector", "ix_articles_search_vector"}


@dataclass(frozen=True)
class SearchSettings:
    """How search ranks and shows: the title's weight against the body (SQLite BM25), snippet length."""

    title_weight: float = 5.0
    snippet_words: int = 24


class ArticleHit(BaseModel):
    article_id: str
    story_id: str | None
    title: str | None
    outlet: str | None
    published: date | None
    snippet: str = Field(description="A passage of the article around the matches, as plain text.")
    highlights: list[tuple[int, int]] = Field(
        default_factory=list, description="Where the query matched, as [start, end) offsets into the snippet."
    )


@dataclass(frozen=True)
class ArticleQuery:
    text: str
    since: date | None = None
    until: date | None = None
    outlet: str | None = None

    def terms(self) -> list[str]:
        """The words and quoted phrases of the query that hold a letter or digit."""
        found = [phrase or word for phrase, word in _TERMS.findall(self.text)]
        return [" ".join(term.split()) for term in found if _WORD.search(term)]


def search_articles(
    engine: Engine, query: ArticleQuery, *, offset: int = 0, limit: int = 20, settings: SearchSettings | None = None
) -> Page[ArticleHit]:
    """The stored articles matching every term of ``query``, best first, one page of them."""
    settings = settings or SearchSettings()
    if len(query.text) > MAX_QUERY_CHARS:
        raise ValueError(f"a search is at most {MAX_QUERY_CHARS} characters")
    if query.since and query.until and query.since > query.until:
        raise ValueError("the date range ends before it starts")
    terms = query.terms()
    if not terms:
        raise ValueError("a search needs a word or a quoted phrase")
    filters, params = _filters(query)
    params.update(offset=offset, limit=limit)
    sqlite = engine.dialect.name == "sqlite"
    params["match"] = _match_text(terms, sqlite)
    if sqlite:
        params.update(open=_OPEN, close=_CLOSE, words=settings.snippet_words, weight=settings.title_weight)
        matched = (
            "FROM article_search JOIN articles a ON a.seq = article_search.rowid WHERE article_search MATCH :match"
        )
        rows_sql = (
            "SELECT a.id, m.story_id, a.title, a.outlet, a.published, "
            "snippet(article_search, 1, :open, :close, ' … ', :words) AS snippet "
            "FROM article_search JOIN articles a ON a.seq = article_search.rowid "
            "LEFT JOIN memberships m ON m.article_id = a.id "
            f"WHERE article_search MATCH :match{filters} "
            "ORDER BY bm25(article_search, :weight, 1.0), a.seq LIMIT :limit OFFSET :offset"
        )
        count_sql = f"SELECT count(*) {matched}{filters}"
    else:
        params["options"] = f"StartSel={_OPEN}, StopSel={_CLOSE}, MaxWords={settings.snippet_words}, MinWords=8"
        where = f"a.search_vector @@ q.query{filters}"
        # one pass over the matches ranks and counts them (a phrase is rechecked on each row's tsvector, the
        # dear part); only the page's rows get a headline
        rows_sql = (
            "WITH q AS (SELECT websearch_to_tsquery('english', :match) AS query), "
            "hits AS (SELECT a.seq, ts_rank_cd(a.search_vector, q.query) AS rank, count(*) OVER () AS total "
            f"FROM articles a CROSS JOIN q WHERE {where} ORDER BY rank DESC, a.seq LIMIT :limit OFFSET :offset) "
            "SELECT a.id, m.story_id, a.title, a.outlet, a.published, "
            "ts_headline('english', coalesce(a.article_json::jsonb ->> 'text', ''), q.query, :options) AS snippet, "
            "hits.total FROM hits JOIN articles a ON a.seq = hits.seq CROSS JOIN q "
            "LEFT JOIN memberships m ON m.article_id = a.id ORDER BY hits.rank DESC, a.seq"
        )
        count_sql = (
            f"SELECT count(*) FROM articles a CROSS JOIN websearch_to_tsquery('english', :match) AS q(query) "
            f"WHERE {where}"
        )
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(rows_sql), params).all()
            if sqlite or not rows:  # SQLite counts apart; past the last page PostgreSQL has no row to say it
                total = int(connection.execute(text(count_sql), params).scalar_one())
            else:
                total = int(rows[0][-1])
    except SQLAlchemyError as error:
        raise StoreError(f"search failed: {str(error).splitlines()[0]}") from None
    items = [_hit(*row[:6]) for row in rows]
    return Page[ArticleHit](items=items, total=total, offset=offset, limit=limit)


def _match_text(terms: list[str], sqlite: bool) -> str:
    """The query's terms as the index's own query text, every term a literal word or phrase."""
    if sqlite:
        return " ".join('"' + term.replace('"', '""') + '"' for term in terms)
    return " ".join(f'"{term}"' if " " in term else term for term in terms)


def article_match(engine: Engine, words: str) -> tuple[str, dict[str, Any]]:
    """A condition on ``articles a`` that holds when the article matches every word and phrase of ``words``
    in the full-text index, and its parameters: for filters that narrow other listings by article text."""
    terms = ArticleQuery(words).terms()
    if not terms:
        raise ValueError("a text filter needs a word or a quoted phrase")
    sqlite = engine.dialect.name == "sqlite"
    condition = (
        "a.seq IN (SELECT rowid FROM article_search WHERE article_search MATCH :match)"
        if sqlite
        else "a.search_vector @@ websearch_to_tsquery('english', :match)"
    )
    return condition, {"match": _match_text(terms, sqlite)}


def _filters(query: ArticleQuery) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if query.since:
        clauses.append(" AND a.published >= :since")
        params["since"] = query.since
    if query.until:
        clauses.append(" AND a.published <= :until")
        params["until"] = query.until
    if query.outlet and query.outlet.strip():
        clauses.append(" AND lower(a.outlet) IN (:outlet, :the_outlet)")
        params["outlet"], params["the_outlet"] = outlet_names(query.outlet)
    return "".join(clauses), params


def outlet_names(outlet: str) -> tuple[str, str]:
    """The lower-case names an outlet filter matches: as typed, and with or without a leading "The" (the
    outlet registry names "The New York Times"; a reader types "new york times")."""
    name = " ".join(outlet.lower().split())
    bare = name.removeprefix("the ")
    return bare, f"the {bare}"


def _hit(
    article_id: str, story_id: str | None, title: str | None, outlet: str | None, published: Any, marked: str | None
) -> ArticleHit:
    snippet, highlights = _unmark(" ".join((marked or "").split()))
    if isinstance(published, str):  # SQLite hands a raw text column back through text()
        published = date.fromisoformat(published)
    return ArticleHit(
        article_id=article_id,
        story_id=story_id,
        title=title,
        outlet=outlet,
        published=published,
        snippet=snippet,
        highlights=highlights,
    )


def _unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Plain text and the spans the database marked in it."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length, start = 0, None
    for piece in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if piece == _OPEN:
            start = length
        elif piece == _CLOSE:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        else:
            plain.append(piece)
            length += len(piece)
    return "".join(plain), spans
