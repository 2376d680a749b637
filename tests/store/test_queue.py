"""The ingest queue: an accepted article is committed before it is acknowledged, analysed later, and is
always either queued, failed (with the reason) or stored, never lost and never stored twice."""

from __future__ import annotations

from newsfuse.ingest import ingest_bytes
from newsfuse.model import Article
from newsfuse.store import Store, article_state, enqueue, process_queue
from tests.store.fakes import FakeProcessor
from tests.store.texts import BRIDGE_A, BRIDGE_B, FESTIVAL


def _articles(*texts: str) -> list[Article]:
    return [a for text in texts for a in ingest_bytes(text.encode(), source="upload:post").articles]


def test_queued_then_analysed_once(db_url: str) -> None:
    with Store(db_url) as store:
        accepted = enqueue(store, _articles(BRIDGE_A, BRIDGE_B, BRIDGE_A))
        ids = [q.article_id for q in accepted.queued]
        assert len(ids) == 2, "the same text twice in one upload is queued once"
        assert [article_state(store, i) for i in ids] == [("queued", None)] * 2
        assert store.count_articles() == 0
        again = enqueue(store, _articles(BRIDGE_A))
        assert [q.article_id for q in again.queued] == ids[:1] and not again.duplicates

        outcome = process_queue(store, FakeProcessor())
        assert [a.article_id for a in outcome.added] == ids
        assert outcome.added[0].story_id == outcome.added[1].story_id
        assert [article_state(store, i) for i in ids] == [("analysed", None)] * 2
        assert enqueue(store, _articles(BRIDGE_B)).duplicates == ["upload:post"], "stored now: a duplicate"
        assert process_queue(store, FakeProcessor()).added == [], "nothing left to do"
        assert store.count_articles() == 2 and store.check_consistency() == []


def test_a_failed_analysis_stays_with_its_reason_and_a_repost_tries_again(db_url: str) -> None:
    with Store(db_url) as store:
        bad = enqueue(store, _articles(FESTIVAL + " UNREADABLE", BRIDGE_A)).queued
        outcome = process_queue(store, FakeProcessor(fail_on="UNREADABLE"))
        assert [a.article_id for a in outcome.added] == [bad[1].article_id], "one bad article does not stop the rest"
        state = article_state(store, bad[0].article_id)
        assert state is not None and state[0] == "failed" and "cannot analyse" in (state[1] or "")
        assert enqueue(store, _articles(FESTIVAL + " UNREADABLE")).queued[0].article_id == bad[0].article_id
        assert article_state(store, bad[0].article_id) == ("queued", None)
        assert [a.article_id for a in process_queue(store, FakeProcessor()).added] == [bad[0].article_id]
        assert article_state(store, "no-such-article") is None
