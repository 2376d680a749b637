"""Encode once across processes: the vectors a story's brief computed are kept with the story and handed to
the next brief of it (after an article joins, or by a restarted server), which computes only new texts."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from newsfuse.ingest import ingest_bytes
from newsfuse.model import AnnotatedArticle, Brief, Story
from newsfuse.store import Store
from tests.store.fakes import FakeProcessor
from tests.store.texts import BRIDGE_A, BRIDGE_B


class VectorFakeProcessor(FakeProcessor):
    """Encodes each member's text (a stand-in vector: its sha1) unless the store handed it over."""

    def __init__(self) -> None:
        super().__init__()
        self.handed: list[set[bytes]] = []
        self.computed: list[set[bytes]] = []

    def brief_with_vectors(
        self, story: Story, members: Sequence[AnnotatedArticle], known: dict[bytes, bytes]
    ) -> tuple[Brief, dict[bytes, bytes]]:
        keys = {hashlib.sha1(m.article.text.encode()).digest() for m in members}
        new = {key: key * 2 for key in keys if key not in known}
        assert all(known[key] == key * 2 for key in keys & set(known)), "kept vectors come back unchanged"
        self.handed.append(set(known))
        self.computed.append(set(new))
        return self.brief(story, members), new


def test_a_story_brief_encodes_only_what_no_earlier_brief_of_it_encoded(db_url: str) -> None:
    with Store(db_url) as store:
        story_id = store.ingest(ingest_bytes(BRIDGE_A.encode(), source="a").articles, FakeProcessor()).added[0].story_id
        first = VectorFakeProcessor()
        assert store.brief(story_id, first) is not None
        assert len(first.computed[0]) == 1 and first.handed == [set()]
        joined = store.ingest(ingest_bytes(BRIDGE_B.encode(), source="b").articles, FakeProcessor()).added[0]
        assert joined.story_id == story_id
        restarted = VectorFakeProcessor()  # a new process: nothing in its own cache
        assert store.brief(story_id, restarted) is not None
        assert restarted.handed == first.computed, "the kept vectors are handed over"
        assert len(restarted.computed[0]) == 1, "only the new article's text is encoded"
        assert store.brief(story_id, restarted) is not None and len(restarted.computed) == 1, "cached brief"
