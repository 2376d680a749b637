"""Threads in the store with the real pipeline: a follow-up joins the thread of the story it follows, the
stored rows of the whole thread say so, and a store reopened later (its index rebuilt by replay) goes on."""

from __future__ import annotations

from pathlib import Path

from newsfuse.ingest import ingest_bytes
from newsfuse.pipeline import StoreProcessor
from newsfuse.store import Store, ingest_into_store

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "harbour-bridge"

INQUIRY = """Title: Saltmarsh Bridge inquiry hears engineers warned of corroded pier steel
Source: Calder Evening Star
Date: March 19, 2025

Engineers told the independent inquiry into the collapse of the Saltmarsh Bridge in Port Calder on
Wednesday that they had warned the harbour authority about corroded steel in the northern pier during
the November inspection, months before the span gave way.

Tomas Brandt, the authority's chief engineer, said the cracked pier cap found by divers had been on a
repair list since the autumn. The inquiry will sit again next week.
"""


def test_a_follow_up_joins_the_thread_and_every_stored_story_of_it_learns(tmp_path: Path) -> None:
    db = str(tmp_path / "threads.db")
    processor = StoreProcessor()
    outcome = ingest_into_store([EXAMPLE], db, processor=processor)
    assert outcome.added and not outcome.rejected
    with Store(db) as store:
        stories = {item.id: item for item in store.stories(limit=50).items}
        bridge = max(stories.values(), key=lambda item: item.article_count)  # four outlets' reports
        pier = next(item for item in stories.values() if item.headline and "pier" in item.headline)
        apples = next(item for item in stories.values() if item.headline and "apple" in item.headline)
        assert bridge.id != pier.id and bridge.thread == pier.thread
        assert apples.thread not in (bridge.thread, None) and apples.related == []

    # reopened: the index is rebuilt from the stored articles, then a later report arrives
    with Store(db) as store:
        added = store.ingest(ingest_bytes(INQUIRY.encode(), source="inquiry.txt").articles, processor).added
        assert len(added) == 1
        inquiry = store.story(added[0].story_id)
        assert inquiry is not None and inquiry.id not in (bridge.id, pier.id)
        assert inquiry.thread == bridge.thread
        for story_id in (bridge.id, pier.id):
            stored = store.story(story_id)
            assert stored is not None and stored.thread == bridge.thread and inquiry.id in stored.related
        brief = store.brief(bridge.id, processor)
        assert brief is not None and inquiry.id in [r.story_id for r in brief.related]
        assert store.check_consistency() == []
