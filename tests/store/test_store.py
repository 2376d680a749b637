"""The store on both backends (SQLite file and a real PostgreSQL server), with a hand-written pipeline."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from newsfuse.errors import StoreError
from newsfuse.ingest import ingest_bytes
from newsfuse.model import AnnotatedArticle, Article, Brief, Story
from newsfuse.store import Store, brief_for_story, database_url, ingest_into_store, list_stories
from tests.store.fakes import FakeProcessor
from tests.store.texts import BRIDGE_A, BRIDGE_B, BRIDGE_FOLLOW_UP, FESTIVAL


def _articles(*texts: str) -> list[Article]:
    articles: list[Article] = []
    for index, text in enumerate(texts):
        articles += ingest_bytes(text.encode(), source=f"t{index}.txt").articles
    return articles


def test_ingest_groups_articles_into_stories(db_url: str) -> None:
    with Store(db_url) as store:
        outcome = store.ingest(_articles(BRIDGE_A, FESTIVAL, BRIDGE_B), FakeProcessor())
        assert len(outcome.added) == 3 and not outcome.rejected and not outcome.duplicates
        story_of = {added.source: added.story_id for added in outcome.added}
        assert story_of["t0.txt"] == story_of["t2.txt"] != story_of["t1.txt"]
        assert store.count_articles() == 3 and store.count_stories() == 2
        bridge = store.story(story_of["t0.txt"])
        assert bridge is not None and len(bridge.article_ids) == 2
        assert [m.article.outlet for m in store.members(bridge.id)] == ["Coast Daily", "Valley Herald"]
        assert store.check_consistency() == []


def test_reingesting_the_same_texts_changes_nothing(db_url: str) -> None:
    processor = FakeProcessor()
    with Store(db_url) as store:
        store.ingest(_articles(BRIDGE_A, BRIDGE_B), processor)
        before = store.stories().items
        analysed = len(processor.analysed)
        again = store.ingest(_articles(BRIDGE_A, BRIDGE_B), processor)
        assert again.added == [] and len(again.duplicates) == 2
        assert len(processor.analysed) == analysed, "a known content hash must not be analysed again"
        assert store.count_articles() == 2
        assert [(s.id, s.article_count, s.updated_at) for s in store.stories().items] == [
            (s.id, s.article_count, s.updated_at) for s in before
        ]


def test_brief_is_cached_until_an_article_joins(db_url: str) -> None:
    processor = FakeProcessor()
    with Store(db_url) as store:
        story_id = store.ingest(_articles(BRIDGE_A), processor).added[0].story_id
        assert not store.is_brief_cached(story_id)
        first = store.brief(story_id, processor)
        assert first is not None and len(first.sources) == 1
        assert store.is_brief_cached(story_id)
        assert store.brief(story_id, processor) == first
        assert processor.briefed == [story_id], "a cached brief must not be recomputed"
        joined = store.ingest(_articles(BRIDGE_B), processor).added[0]
        assert joined.story_id == story_id and not store.is_brief_cached(story_id)
        second = store.brief(story_id, processor)
        assert second is not None and len(second.sources) == 2
        assert processor.briefed == [story_id, story_id]


def test_unknown_story_has_no_brief(db_url: str) -> None:
    with Store(db_url) as store:
        assert store.brief("no-such-story", FakeProcessor()) is None
        assert store.story("no-such-story") is None


def test_reopened_store_rebuilds_stories_from_stored_embeddings(db_url: str) -> None:
    first = FakeProcessor()
    with Store(db_url) as store:
        bridge_story = store.ingest(_articles(BRIDGE_A, FESTIVAL), first).added[0].story_id
        stored_vector = store.embedding(_articles(BRIDGE_A)[0].id)
    assert stored_vector is not None and stored_vector.dtype == np.float32
    second = FakeProcessor()
    with Store(db_url) as store:
        joined = store.ingest(_articles(BRIDGE_B), second).added[0]
        assert joined.story_id == bridge_story
        assert len(second.analysed) == 1, "stored annotations are reused, only the new article is analysed"
        assert store.article(joined.article_id) is not None
        assert store.check_consistency() == []


def test_one_bad_article_does_not_stop_the_batch(db_url: str) -> None:
    processor = FakeProcessor(fail_on="jazz festival")
    with Store(db_url) as store:
        outcome = store.ingest(_articles(BRIDGE_A, FESTIVAL, BRIDGE_B), processor)
        assert [a.source for a in outcome.added] == ["t0.txt", "t2.txt"]
        assert len(outcome.rejected) == 1 and outcome.rejected[0].source == "t1.txt"
        assert "cannot analyse" in outcome.rejected[0].reason


def test_search_by_entity_speaker_and_quoted_words(db_url: str) -> None:
    with Store(db_url) as store:
        store.ingest(_articles(BRIDGE_A, FESTIVAL, BRIDGE_B), FakeProcessor())
        by_speaker = store.search(speaker="marsh")
        assert by_speaker.total == 2 and {hit.outlet for hit in by_speaker.items} == {"Coast Daily", "Valley Herald"}
        by_words = store.search(quote="DEMAND SURPRISED")
        assert by_words.total == 1 and by_words.items[0].speaker == "Okafor"
        by_entity = store.search(entity="okafor")
        assert by_entity.total >= 1 and all("okafor" in hit.text.lower() for hit in by_entity.items)
        assert store.search(entity="100%_").total == 0, "LIKE wildcards in the query are matched literally"
        with pytest.raises(ValueError):
            store.search(entity="a", speaker="b")


def test_pagination_and_newest_first(db_url: str) -> None:
    with Store(db_url) as store:
        store.ingest(_articles(FESTIVAL, BRIDGE_A, BRIDGE_B), FakeProcessor())
        page = store.stories(offset=0, limit=1)
        assert page.total == 2 and len(page.items) == 1
        newest = page.items[0]
        assert newest.last_published is not None and newest.last_published.isoformat() == "2025-03-05"
        assert newest.outlet_count == 2 and newest.outlets == ["Coast Daily", "Valley Herald"]
        rest = store.stories(offset=1, limit=1).items
        assert [s.headline for s in rest] == ["Jazz festival sells out"]
        with pytest.raises(ValueError):
            store.stories(limit=0)


def test_ingest_into_store_reads_files_and_is_idempotent(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(BRIDGE_A, encoding="utf-8")
    (folder / "b.txt").write_text(BRIDGE_B, encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    db = str(tmp_path / "news.db")
    outcome = ingest_into_store([folder], db, processor=FakeProcessor())
    assert len(outcome.added) == 2 and [r.source for r in outcome.rejected] == [str(folder / "empty.txt")]
    again = ingest_into_store([folder], db, processor=FakeProcessor())
    assert again.added == [] and len(again.duplicates) == 2


def test_database_url_forms() -> None:
    assert database_url("news.db") == "sqlite:///news.db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"


def test_unusable_store_is_a_clear_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(str(tmp_path / "missing" / "news.db"))
    with pytest.raises(StoreError, match="cannot open the store"):
        Store("postgresql://nobody@127.0.0.1:9/none?connect_timeout=2")


def test_brief_for_story_renders_and_names_unknown_stories(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    processor = FakeProcessor()
    with Store(db) as store:
        story_id = store.ingest(_articles(BRIDGE_A), processor).added[0].story_id
    assert brief_for_story(db, story_id, "md", processor).startswith("# Harbour bridge reopens")
    assert list_stories(db).items[0].id == story_id
    with pytest.raises(StoreError, match="no story 'missing'"):
        brief_for_story(db, "missing", "md", processor)


def test_migrations_create_exactly_the_declared_schema(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from newsfuse.store.search import is_search_index
    from newsfuse.store.tables import Base

    def declared(_object: object, name: str | None, *_: object) -> bool:
        return not is_search_index(name)  # the full-text index is the database's own (migration 0004)

    with Store(db_url) as store, store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": declared})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_a_follow_up_story_links_both_stories_of_the_thread_and_their_briefs(db_url: str) -> None:
    processor = FakeProcessor(threshold=0.6, thread_threshold=0.2)
    with Store(db_url) as store:
        first = store.ingest(_articles(BRIDGE_A), processor).added[0].story_id
        before = store.brief(first, processor)
        assert before is not None and before.related == []
        later = store.ingest(_articles(BRIDGE_FOLLOW_UP), processor).added[0].story_id
        assert later != first
        first_story, later_story = store.story(first), store.story(later)
        assert first_story is not None and later_story is not None
        assert first_story.thread == later_story.thread == first
        assert first_story.related == [later] and later_story.related == [first]
        assert not store.is_brief_cached(first), "the earlier story's brief lists its thread: it must be redone"
        earlier_brief, later_brief = store.brief(first, processor), store.brief(later, processor)
        assert earlier_brief is not None and later_brief is not None
        assert [(r.story_id, r.headline) for r in earlier_brief.related] == [
            (later, "Harbour bridge cable supplier questioned")
        ]
        assert [r.story_id for r in later_brief.related] == [first]
        listed = {item.id: item for item in store.stories().items}
        assert (listed[first].thread, listed[first].related) == (first, [later])
        assert (listed[later].thread, listed[later].related) == (first, [first])
        assert store.check_consistency() == []


class _ClaimHeadlines(FakeProcessor):
    """A processor whose brief names the story by a claim of its own, as the real brief does when untitled."""

    def brief(self, story: Story, members: Sequence[AnnotatedArticle]) -> Brief:
        return super().brief(story, members).model_copy(update={"headline": "The bridge reopened on Monday"})


def test_the_story_list_shows_the_briefs_headline_once_briefed(db_url: str) -> None:
    processor = _ClaimHeadlines()
    with Store(db_url) as store:
        story_id = store.ingest(_articles(BRIDGE_A), processor).added[0].story_id
        store.brief(story_id, processor)
        [listed] = [s for s in store.stories().items if s.id == story_id]
        assert listed.headline == "The bridge reopened on Monday"
