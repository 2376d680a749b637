"""Full-text search over stored articles, on both backends (SQLite FTS5, PostgreSQL tsvector), over the
475 distinct DUC 2004 articles: a phrase, a name, a date range, an outlet filter, paging, and what must
be refused. Expected hits are found by reading the texts here, independently of either index."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest

from newsfuse.model import Article
from newsfuse.store import Store
from newsfuse.store.search import ArticleQuery, search_articles
from tests.store.search_rows import duc_articles, store_rows


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return duc_articles()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(
    request: pytest.FixtureRequest, articles: list[Article], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    if request.param == "sqlite":
        db = str(tmp_path_factory.mktemp("search") / "news.db")
    else:
        from tests.pg import create_database

        db = create_database(request.getfixturevalue("postgres"))
    with Store(db) as opened:
        store_rows(opened.engine, articles, total=len(articles))
        yield opened


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    from tests.pg import postgres_server

    with postgres_server() as url:
        yield url


def _all(store: Store, query: ArticleQuery) -> list[str]:
    page = search_articles(store.engine, query, limit=200)
    assert page.total == len(page.items) or page.total > 200
    return [hit.article_id for hit in page.items]


def _with(articles: list[Article], pattern: str) -> set[str]:
    return {f"{a.id}r0" for a in articles if re.search(pattern, a.text)}


def test_a_phrase_finds_exactly_the_articles_holding_it(store: Store, articles: list[Article]) -> None:
    expected = _with(articles, r"(?i)\bhuman rights\b")
    assert len(expected) > 5
    found = set(_all(store, ArticleQuery('"human rights"')))
    assert found == expected
    # the words apart are more articles than the phrase
    assert len(_all(store, ArticleQuery("human rights"))) >= len(found)


def test_a_name_finds_the_articles_naming_the_person_and_shows_where(store: Store, articles: list[Article]) -> None:
    expected = _with(articles, r"\bHun Sen\b")
    assert len(expected) > 5
    page = search_articles(store.engine, ArticleQuery('"Hun Sen"'), limit=200)
    assert {hit.article_id for hit in page.items} == expected
    first = page.items[0]
    assert first.highlights, "the snippet shows where the name matched"
    assert all(set(first.snippet[s:e].lower().split()) <= {"hun", "sen"} for s, e in first.highlights)


def test_a_date_range_and_an_outlet_narrow_the_hits(store: Store, articles: list[Article]) -> None:
    since, until = date(1998, 11, 1), date(1998, 11, 30)
    ranged = set(_all(store, ArticleQuery("hurricane", since=since, until=until)))
    expected = {
        f"{a.id}r0"
        for a in articles
        if re.search(r"(?i)\bhurricanes?\b", a.text) and a.published and since <= a.published <= until
    }
    assert ranged == expected and expected
    outlet = "The New York Times"  # the registry's name; a reader may type it without "The", in any case
    wanted = {f"{a.id}r0" for a in articles if re.search(r"(?i)\bhurricanes?\b", a.text) and a.outlet == outlet}
    assert wanted, "the DUC articles include New York Times reports of the hurricane"
    for typed in (outlet, "new york times", "  NEW  York Times "):
        assert set(_all(store, ArticleQuery("hurricane", outlet=typed))) == wanted, typed


def test_pages_do_not_overlap_and_count_the_whole(store: Store) -> None:
    first = search_articles(store.engine, ArticleQuery("president"), offset=0, limit=10)
    second = search_articles(store.engine, ArticleQuery("president"), offset=10, limit=10)
    assert first.total == second.total > 20
    assert not {h.article_id for h in first.items} & {h.article_id for h in second.items}


def test_query_syntax_in_the_users_text_is_only_words(store: Store) -> None:
    # FTS5 operators and stray quotes are searched as words, never parsed (no error, no injection)
    for text in ["NEAR(hun sen)", 'hun* OR "', "title:cambodia", "'; DROP TABLE articles; --"]:
        search_articles(store.engine, ArticleQuery(text))
    assert store.count_articles() > 0


@pytest.mark.parametrize("text", ["", "   ", '""', "!!!"])
def test_a_query_without_a_word_is_refused(store: Store, text: str) -> None:
    with pytest.raises(ValueError, match="needs a word"):
        search_articles(store.engine, ArticleQuery(text))


def test_a_backwards_date_range_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        search_articles(store.engine, ArticleQuery("storm", since=date(1998, 12, 1), until=date(1998, 11, 1)))
