"""Sentence-encoder vectors kept with each story: a brief computed again (an article joined, the server or
its worker restarted) encodes only the texts no earlier brief of the story encoded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select

from newsfuse.errors import StoreError
from newsfuse.model import AnnotatedArticle, Brief, Story
from newsfuse.store.protocols import Processor, VectorBriefer
from newsfuse.store.tables import StoryVectorRow

if TYPE_CHECKING:  # the store calls this module
    from newsfuse.store.repository import Store


def compute_brief(store: Store, story: Story, members: Sequence[AnnotatedArticle], processor: Processor) -> Brief:
    """The processor's brief of ``story``, with the story's kept vectors when the processor takes them."""
    if not isinstance(processor, VectorBriefer):
        return processor.brief(story, members)
    brief, computed = processor.brief_with_vectors(story, members, story_vectors(store, story.id))
    save_story_vectors(store, story.id, computed)
    return brief


def story_vectors(store: Store, story_id: str) -> dict[bytes, bytes]:
    with store.session() as session:
        rows = session.execute(
            select(StoryVectorRow.text_key, StoryVectorRow.vector).where(StoryVectorRow.story_id == story_id)
        ).all()
    return {bytes(key): bytes(vector) for key, vector in rows}


def save_story_vectors(store: Store, story_id: str, vectors: dict[bytes, bytes]) -> None:
    if not vectors:
        return
    try:
        with store.session() as session:
            known = set(
                session.scalars(
                    select(StoryVectorRow.text_key).where(
                        StoryVectorRow.story_id == story_id, StoryVectorRow.text_key.in_(list(vectors))
                    )
                )
            )
            session.add_all(
                StoryVectorRow(story_id=story_id, text_key=key, vector=vector)
                for key, vector in vectors.items()
                if key not in known
            )
            session.commit()
    except StoreError:
        pass  # another process kept them meanwhile; the vectors are a cache, the brief stands without them
