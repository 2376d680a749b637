"""A small hand-written pipeline for store and server tests: fast, deterministic, no models loaded.

It reads with the real ingest stage (cheap) and replaces analysis, embedding, grouping and briefing by
a few lines each, so these tests check the store and the server, not the stages."""

from __future__ import annotations

import hashlib
import html
import re
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsfuse.ingest import ingest_bytes, ingest_paths
from newsfuse.model import (
    AnnotatedArticle,
    Article,
    Brief,
    BriefSource,
    Citation,
    CitedSentence,
    IngestReport,
    Mention,
    Quotation,
    QuotationRow,
    QuoteKind,
    Sentence,
    Story,
)

_SENTENCE = re.compile(r"[^.!?]+[.!?]+|[^.!?]+$")
_QUOTE = re.compile(r"\"([^\"]+)\"(?:,? said ([A-Z][a-z]+))?")
_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*")
_DIMENSIONS = 256


class FakeAssigner:
    """Joins the most similar story when cosine ≥ threshold, else starts one named after the article; a new
    story joins that best story's thread when cosine ≥ thread_threshold."""

    def __init__(self, threshold: float, thread_threshold: float | None = None) -> None:
        self.threshold = threshold
        self.thread_threshold = thread_threshold
        self.vectors: list[NDArray[np.float32]] = []
        self.story_of: list[str] = []
        self.stories: dict[str, Story] = {}
        self.changed_threads: set[str | None] = set()

    def restore(self, article: AnnotatedArticle, vector: NDArray[np.float32], story_id: str) -> None:
        self._place(article, vector, story_id, self._nearest(vector))

    def assign(self, article: AnnotatedArticle, vector: NDArray[np.float32]) -> Story:
        story_id = "s-" + article.article.id
        nearest = self._nearest(vector)
        if nearest is not None and nearest[1] >= self.threshold:
            story_id = nearest[0]
        return self._place(article, vector, story_id, nearest)

    def _nearest(self, vector: NDArray[np.float32]) -> tuple[str, float] | None:
        if not self.vectors:
            return None
        scores = np.stack(self.vectors) @ vector
        best = int(np.argmax(scores))
        return self.story_of[best], float(scores[best])

    def _place(
        self, article: AnnotatedArticle, vector: NDArray[np.float32], story_id: str, nearest: tuple[str, float] | None
    ) -> Story:
        self.vectors.append(vector)
        self.story_of.append(story_id)
        story = self.stories.get(story_id)
        if story is None:
            thread = story_id
            if self.thread_threshold is not None and nearest is not None and nearest[1] >= self.thread_threshold:
                thread = self.stories[nearest[0]].thread or nearest[0]
            story = Story(id=story_id, article_ids=[], headline=article.article.title, thread=thread)
        story = story.model_copy(update={"article_ids": [*story.article_ids, article.article.id]})
        published = [d for d in [story.first_published, story.last_published, article.article.published] if d]
        if published:
            story = story.model_copy(update={"first_published": min(published), "last_published": max(published)})
        if story_id not in self.stories and story.thread != story_id:
            self.changed_threads.add(story.thread or story_id)
        self.stories[story_id] = story
        return self._with_related(story)

    def take_thread_changes(self) -> list[Story]:
        changed = [self._with_related(s) for s in self.stories.values() if s.thread in self.changed_threads]
        self.changed_threads = set()
        return changed

    def _with_related(self, story: Story) -> Story:
        related = sorted(s.id for s in self.stories.values() if s.thread == story.thread and s.id != story.id)
        return story.model_copy(update={"related": related})


class FakeProcessor:
    def __init__(
        self, threshold: float = 0.35, fail_on: str | None = None, thread_threshold: float | None = None
    ) -> None:
        self.threshold = threshold
        self.thread_threshold = thread_threshold
        self.fail_on = fail_on
        self.fail_brief_on: str | None = None
        self.analysed: list[str] = []
        self.briefed: list[str] = []
        self._lock = threading.Lock()

    def read(
        self, data: bytes, *, source: str, outlet: str | None, published: date | None, as_json: bool = False
    ) -> IngestReport:
        return ingest_bytes(data, source=source, outlet=outlet, published=published, fmt="json" if as_json else None)

    def read_paths(self, paths: Sequence[Path]) -> IngestReport:
        return ingest_paths(paths)

    def analyse(self, articles: Sequence[Article]) -> list[AnnotatedArticle]:
        results = []
        for article in articles:
            if self.fail_on and self.fail_on in article.text:
                raise ValueError("cannot analyse this article")
            with self._lock:
                self.analysed.append(article.id)
            results.append(_annotate(article))
        return results

    def embed(self, articles: Sequence[AnnotatedArticle]) -> NDArray[np.float32]:
        return np.stack([_bag_of_words(a.article.text) for a in articles])

    def new_assigner(self) -> FakeAssigner:
        return FakeAssigner(self.threshold, self.thread_threshold)

    def brief(self, story: Story, members: Sequence[AnnotatedArticle]) -> Brief:
        with self._lock:
            self.briefed.append(story.id)
        if self.fail_brief_on and any(self.fail_brief_on in a.article.text for a in members):
            raise MemoryError("over the 3.0 GB memory limit")
        sources = [
            BriefSource(
                id=a.article.id,
                outlet=a.article.outlet,
                title=a.article.title,
                url=a.article.url,
                published=a.article.published,
                family_id=None,
                text=a.article.text,
            )
            for a in members
        ]
        summary = []
        for annotated in members:
            if annotated.sentences:
                first = annotated.sentences[0]
                text = annotated.article.text[first.start : first.end]
                citations = [_citation(annotated, first.start, first.end)]
                # the same sentence verbatim in another member supports it too
                for other in members:
                    where = other.article.text.find(text)
                    if other is not annotated and where >= 0:
                        citations.append(_citation(other, where, where + len(text)))
                summary.append(CitedSentence(text=text, citations=citations))
        quotations = [
            QuotationRow(
                speaker=q.speaker,
                speaker_entity=None,
                text=q.text,
                outlets=[a.article.outlet or "?"],
                citations=[_citation(a, q.start, q.end)],
            )
            for a in members
            for q in a.quotations
        ]
        return Brief(
            story_id=story.id,
            headline=story.headline,
            sources=sources,
            summary=summary,
            conflicts=[],
            quotations=quotations,
            timeline=[],
            entities=[],
        )

    def render(self, brief: Brief, fmt: str) -> str:
        if fmt == "json":
            return brief.model_dump_json(indent=2)
        if fmt == "html":
            return "<html><body>" + "".join(f"<p>{html.escape(s.text)}</p>" for s in brief.summary) + "</body></html>"
        return "\n".join([f"# {brief.headline}", "", *[s.text for s in brief.summary]])


def _citation(annotated: AnnotatedArticle, start: int, end: int) -> Citation:
    return Citation(
        article_id=annotated.article.id,
        outlet=annotated.article.outlet,
        start=start,
        end=end,
        text=annotated.article.text[start:end],
    )


def _annotate(article: Article) -> AnnotatedArticle:
    text = article.text
    sentences = [
        Sentence(start=m.start() + (len(m.group()) - len(m.group().lstrip())), end=m.end(), paragraph=0)
        for m in _SENTENCE.finditer(text)
        if m.group().strip()
    ]

    def sentence_at(offset: int) -> int:
        return next((i for i, s in enumerate(sentences) if s.start <= offset < s.end), 0)

    mentions = [
        Mention(start=m.start(), end=m.end(), text=m.group(), label="PERSON", sentence=sentence_at(m.start()))
        for m in _NAME.finditer(text)
    ]
    quotations = [
        Quotation(
            id=f"{article.id}:{m.start(1)}",
            start=m.start(1),
            end=m.end(1),
            text=m.group(1),
            kind=QuoteKind.speech,
            speaker=m.group(2),
            sentence=sentence_at(m.start(1)),
        )
        for m in _QUOTE.finditer(text)
    ]
    return AnnotatedArticle(
        article=article, sentences=sentences, mentions=mentions, quotations=quotations, reference_date=article.published
    )


def _bag_of_words(text: str) -> NDArray[np.float32]:
    vector = np.zeros(_DIMENSIONS, dtype=np.float32)
    for word in re.findall(r"[a-z]{4,}", text.lower()):
        vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % _DIMENSIONS] += 1.0
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
