"""Revisions and corrections in the store itself, on both backends: a page's new text takes its earlier
text's place in its story (the story keeps its id, counts it once, and recomputes its brief); a text already
stored elsewhere simply leaves; a correction changes the stored article and its story's dates, recorded."""

from __future__ import annotations

from datetime import date

from newsfuse.ingest import ingest_bytes
from newsfuse.model import Article
from newsfuse.store import Store
from newsfuse.store.amendments import correct_article, corrections, replace_article
from tests.store.fakes import FakeProcessor
from tests.store.texts import BRIDGE_A, BRIDGE_B, FESTIVAL

# written for this test: the later version of a report
LATER = " Night closures of the bridge will end in May, the council said on Wednesday."


def _article(text: str, source: str) -> Article:
    return ingest_bytes(text.encode(), source=source).articles[0]


def test_a_revision_takes_its_earlier_texts_place(db_url: str) -> None:
    processor = FakeProcessor()
    with Store(db_url) as store:
        first, second = _article(BRIDGE_A, "a"), _article(BRIDGE_B, "b")
        added = store.ingest([first, second, _article(FESTIVAL, "f")], processor).added
        story_id = added[0].story_id
        assert added[1].story_id == story_id
        store.brief(story_id, processor)
        newer = _article(BRIDGE_B.rstrip("\n") + LATER + "\n", "b")
        assert replace_article(store, second.id, newer, processor) == story_id
        assert store.count_articles() == 3 and not store.has_article(second.id)
        story = store.story(story_id)
        assert story is not None and story.article_ids == [first.id, newer.id]
        assert all(second.id not in family.article_ids for family in story.families)
        summary = store.story_summary(story_id)
        assert summary is not None and summary.article_count == 2
        assert not store.is_brief_cached(story_id)
        assert store.check_consistency() == []
        # the next article is placed by an index rebuilt without the earlier text
        assert store.ingest([_article(BRIDGE_A.replace("forty", "fifty"), "a2")], processor).added
        assert store.check_consistency() == []


def test_an_earlier_text_whose_new_text_is_stored_leaves_its_story(db_url: str) -> None:
    processor = FakeProcessor()
    with Store(db_url) as store:
        first, festival = _article(BRIDGE_A, "a"), _article(FESTIVAL, "f")
        added = store.ingest([first, festival], processor).added
        assert replace_article(store, festival.id, first, processor) == added[1].story_id
        assert store.count_articles() == 1 and store.story(added[1].story_id) is None, "an emptied story goes"
        assert store.check_consistency() == []


def test_a_correction_changes_the_article_and_its_story_and_is_recorded(db_url: str) -> None:
    processor = FakeProcessor()
    with Store(db_url) as store:
        first = _article(BRIDGE_A, "a")
        story_id = store.ingest([first, _article(BRIDGE_B, "b")], processor).added[0].story_id
        made = correct_article(store, first.id, {"published": date(2025, 3, 1), "title": "Bridge reopens"}, processor)
        assert [(c.field, c.old, c.new) for c in made] == [
            ("title", "Harbour bridge reopens after repairs", "Bridge reopens"),
            ("published", "2025-03-04", "2025-03-01"),
        ]
        stored = store.article(first.id)
        assert stored is not None and stored.article.published == date(2025, 3, 1)
        summary = store.story_summary(story_id)
        assert summary is not None and summary.first_published == date(2025, 3, 1)
        assert [c.field for c in corrections(store, first.id)] == ["title", "published"]
        assert correct_article(store, first.id, {"title": "Bridge reopens"}, processor) == []
        assert store.check_consistency() == []
