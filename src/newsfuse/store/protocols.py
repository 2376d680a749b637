"""What the store and the server need from the pipeline, as protocols: the store never imports a stage.
``newsfuse.pipeline.StoreProcessor`` is the real implementation; tests pass small hand-written ones."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from newsfuse.model import AnnotatedArticle, Article, Brief, IngestReport, Story


class StoryAssigner(Protocol):
    """Incremental story grouping: a new article joins a story or starts one."""

    def restore(self, article: AnnotatedArticle, vector: NDArray[np.float32], story_id: str) -> None:
        """Put back an article already stored, under the story it was stored in."""

    def assign(self, article: AnnotatedArticle, vector: NDArray[np.float32]) -> Story:
        """Place a new article; return the story it joined or started, with every member listed."""

    def take_thread_changes(self) -> list[Story]:
        """The stories whose thread or related stories changed since the last call (threads move as the
        stream goes on: a follow-up joins one, a re-computed window regroups them)."""


class Processor(Protocol):
    """The pipeline as seen by the store and the server."""

    def read(
        self, data: bytes, *, source: str, outlet: str | None, published: date | None, as_json: bool = False
    ) -> IngestReport:
        """Turn one uploaded blob (text, HTML, JSON) into articles; ``as_json``: the blob is declared JSON
        (an article object or a list of them), so it is read as that and never as text."""

    def read_paths(self, paths: Sequence[Path]) -> IngestReport:
        """Read files and folders into articles."""

    def analyse(self, articles: Sequence[Article]) -> list[AnnotatedArticle]:
        """Annotate articles, one result per input, in order."""

    def embed(self, articles: Sequence[AnnotatedArticle]) -> NDArray[np.float32]:
        """One L2-normalised row per article, used for story assignment."""

    def new_assigner(self) -> StoryAssigner:
        """An empty story index."""

    def brief(self, story: Story, members: Sequence[AnnotatedArticle]) -> Brief:
        """Fuse and brief one story."""

    def render(self, brief: Brief, fmt: str) -> str:
        """Render one brief as ``md``, ``json`` or ``html``."""


@runtime_checkable
class VectorBriefer(Protocol):
    """A processor that can brief with the encoder vectors kept for the story, and return the ones it
    computed (by the text's sha1, float32 little-endian), so the store keeps them for the next brief."""

    def brief_with_vectors(
        self, story: Story, members: Sequence[AnnotatedArticle], known: dict[bytes, bytes]
    ) -> tuple[Brief, dict[bytes, bytes]]:
        """``brief``, with ``known`` put in the encoder's cache first; the brief and the vectors it computed."""
