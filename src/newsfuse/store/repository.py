"""The store: articles, annotations, embeddings, stories and cached briefs in one database.

Writes go through one lock per ``Store`` (one writer per process; SQLite serialises processes itself)
and commit one article at a time, so a killed process loses at most the article in flight. Reads take
no lock. A story's brief is cached with the story version it was computed for and recomputed lazily.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from newsfuse.errors import StoreError
from newsfuse.model import AnnotatedArticle, Article, Brief, Rejected, RelatedStory, Story
from newsfuse.store.engine import open_engine
from newsfuse.store.fair_lock import FairRLock
from newsfuse.store.protocols import Processor, StoryAssigner
from newsfuse.store.settling import settle_store
from newsfuse.store.tables import ArticleRow, MembershipRow, MentionRow, QueuedRow, QuotationRow, StoryRow
from newsfuse.store.vectors import compute_brief
from newsfuse.store.views import Added, IngestOutcome, Page, SearchHit, SearchKind, StorySummary

_ANALYSE_BATCH = 16
_CACHED_BRIEF = select(StoryRow.version, StoryRow.brief_version, StoryRow.brief_json, StoryRow.brief_error).where(
    StoryRow.id == bindparam("story_id")
)
MAX_PAGE = 200


class BriefFailed(StoreError):
    """The story's brief could not be computed for its current articles; the message says why. Kept, so
    the story's pages show the failure at once instead of trying (and failing) again on every read."""


class Store:
    """One database. Thread-safe: share one per process (the server does)."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.engine: Engine = open_engine(db)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_lock = FairRLock()  # a writer waiting goes before the ingest worker's next article
        self._brief_locks: dict[str, threading.Lock] = {}
        self._brief_locks_guard = threading.Lock()
        self._assigner: StoryAssigner | None = None
        self._assigner_seq = 0
        self._assigner_ids: set[str] = set()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def write_lock(self) -> FairRLock:
        """Held by each write in this process (the ingest queue's too)."""
        return self._write_lock

    def session(self) -> AbstractContextManager[Session]:
        """A session whose database errors are ``StoreError`` (for the store's own modules)."""
        return self._session()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except SQLAlchemyError as error:
            raise StoreError(f"store error: {str(error).splitlines()[0]}") from None

    # ------------------------------------------------------------------ reads

    def count_articles(self) -> int:
        with self._session() as session:
            return session.scalar(select(func.count()).select_from(ArticleRow)) or 0

    def count_stories(self) -> int:
        with self._session() as session:
            return session.scalar(select(func.count()).select_from(StoryRow)) or 0

    def has_article(self, article_id: str) -> bool:
        with self._session() as session:
            return session.get(ArticleRow, article_id) is not None

    def article(self, article_id: str) -> AnnotatedArticle | None:
        with self._session() as session:
            row = session.get(ArticleRow, article_id)
            return None if row is None else AnnotatedArticle.model_validate_json(row.annotated_json)

    def story_of(self, article_id: str) -> str | None:
        with self._session() as session:
            return session.scalar(select(MembershipRow.story_id).where(MembershipRow.article_id == article_id))

    def story(self, story_id: str) -> Story | None:
        with self._session() as session:
            row = session.get(StoryRow, story_id)
            return None if row is None else Story.model_validate_json(row.story_json)

    def members(self, story_id: str) -> list[AnnotatedArticle]:
        """The story's articles, in the order they were stored."""
        with self._session() as session:
            rows = session.scalars(
                select(ArticleRow)
                .join(MembershipRow, MembershipRow.article_id == ArticleRow.id)
                .where(MembershipRow.story_id == story_id)
                .order_by(ArticleRow.seq)
            )
            return [AnnotatedArticle.model_validate_json(row.annotated_json) for row in rows]

    def stories(self, offset: int = 0, limit: int = 50) -> Page[StorySummary]:
        """Stories, newest first (by latest publication date, then by last update)."""
        offset, limit = _page_bounds(offset, limit)
        with self._session() as session:
            total = session.scalar(select(func.count()).select_from(StoryRow)) or 0
            rows = list(
                session.scalars(
                    select(StoryRow)
                    .order_by(StoryRow.last_published.desc().nulls_last(), StoryRow.updated_at.desc(), StoryRow.id)
                    .offset(offset)
                    .limit(limit)
                )
            )
            outlets = self._outlets_of(session, [row.id for row in rows])
            items = [_summary(row, outlets.get(row.id, [])) for row in rows]
        return Page[StorySummary](items=items, total=total, offset=offset, limit=limit)

    def story_summary(self, story_id: str) -> StorySummary | None:
        with self._session() as session:
            row = session.get(StoryRow, story_id)
            if row is None:
                return None
            return _summary(row, self._outlets_of(session, [story_id]).get(story_id, []))

    def search(
        self,
        *,
        entity: str | None = None,
        speaker: str | None = None,
        quote: str | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> Page[SearchHit]:
        """Case-insensitive substring search over entity mentions, speakers or quoted words (one at a time)."""
        offset, limit = _page_bounds(offset, limit)
        wanted: list[tuple[SearchKind, str | None]] = [("entity", entity), ("speaker", speaker), ("quotation", quote)]
        given = [(kind, value) for kind, value in wanted if value]
        if len(given) != 1:
            raise ValueError("search by exactly one of entity, speaker or quote")
        kind, value = given[0]
        pattern = "%" + _escape_like(value.lower()) + "%"
        found: list[tuple[str, str, str | None, int, int]] = []  # article, text, speaker, start, end
        with self._session() as session:
            if kind == "entity":
                where = MentionRow.text_lower.like(pattern, escape="\\")
                total = session.scalar(select(func.count()).select_from(MentionRow).where(where)) or 0
                for mention in session.scalars(
                    select(MentionRow).where(where).order_by(MentionRow.id).offset(offset).limit(limit)
                ):
                    found.append((mention.article_id, mention.text, None, mention.start, mention.end))
            else:
                column = QuotationRow.speaker_lower if kind == "speaker" else QuotationRow.text_lower
                where = column.like(pattern, escape="\\")
                total = session.scalar(select(func.count()).select_from(QuotationRow).where(where)) or 0
                for quotation in session.scalars(
                    select(QuotationRow).where(where).order_by(QuotationRow.id).offset(offset).limit(limit)
                ):
                    found.append(
                        (quotation.article_id, quotation.text, quotation.speaker, quotation.start, quotation.end)
                    )
            context = self._article_context(session, {hit[0] for hit in found})
        items = [
            SearchHit(
                kind=kind,
                article_id=article_id,
                story_id=context[article_id][0],
                outlet=context[article_id][1],
                title=context[article_id][2],
                text=text,
                speaker=speaker,
                start=start,
                end=end,
            )
            for article_id, text, speaker, start, end in found
        ]
        return Page[SearchHit](items=items, total=total, offset=offset, limit=limit)

    @staticmethod
    def _article_context(
        session: Session, article_ids: set[str]
    ) -> dict[str, tuple[str | None, str | None, str | None]]:
        if not article_ids:
            return {}
        rows = session.execute(
            select(ArticleRow.id, MembershipRow.story_id, ArticleRow.outlet, ArticleRow.title)
            .outerjoin(MembershipRow, MembershipRow.article_id == ArticleRow.id)
            .where(ArticleRow.id.in_(article_ids))
        )
        return {row[0]: (row[1], row[2], row[3]) for row in rows}

    @staticmethod
    def _outlets_of(session: Session, story_ids: list[str]) -> dict[str, list[str]]:
        if not story_ids:
            return {}
        rows = session.execute(
            select(MembershipRow.story_id, ArticleRow.outlet)
            .join(ArticleRow, ArticleRow.id == MembershipRow.article_id)
            .where(MembershipRow.story_id.in_(story_ids))
            .distinct()
        )
        outlets: dict[str, list[str]] = {}
        for story_id, outlet in rows:
            if outlet:
                outlets.setdefault(story_id, []).append(outlet)
        return {story_id: sorted(names) for story_id, names in outlets.items()}

    # ------------------------------------------------------------------ briefs

    def brief(self, story_id: str, processor: Processor) -> Brief | None:
        """The story's brief: cached if no article joined since, else recomputed (once, even when asked
        for by many threads at a time). ``None`` for an unknown story."""
        text = self.brief_json(story_id, processor)
        return None if text is None else Brief.model_validate_json(text)

    def brief_json(self, story_id: str, processor: Processor) -> str | None:
        """``brief`` as the JSON text the store keeps: a cached brief is served without parsing it.
        Raises ``BriefFailed`` when computing it failed for the story's current version."""
        found, cached = self.cached_brief_json(story_id)
        if not found or cached is not None:
            return cached
        with self._brief_lock(story_id):
            found, cached = self.cached_brief_json(story_id)
            if not found or cached is not None:
                return cached
            with self._session() as session:
                row = session.get(StoryRow, story_id)
                if row is None:
                    return None
                version = row.version
                story = Story.model_validate_json(row.story_json)
            try:
                brief = compute_brief(self, story, self.members(story_id), processor)
            except Exception as error:  # a story whose brief fails shows why; the server goes on
                reason = f"the brief could not be computed: {_reason(error)}"
                with self._session() as session:
                    session.execute(
                        update(StoryRow)
                        .where(StoryRow.id == story_id, StoryRow.version == version)
                        .values(brief_json=None, brief_version=version, brief_error=reason)
                    )
                    session.commit()
                raise BriefFailed(reason) from None
            brief.thread = story.thread
            brief.related = self._related_stories(story)
            text = brief.model_dump_json()
            # the brief names an untitled story by its lead claim, which the lists then show too
            named = {"headline": brief.headline} if brief.headline else {}
            # no write lock: the update is idempotent, and only lands if no article joined meanwhile
            with self._session() as session:
                session.execute(
                    update(StoryRow)
                    .where(StoryRow.id == story_id, StoryRow.version == version)
                    .values(brief_json=text, brief_version=version, brief_error=None, dirty=False, **named)
                )
                session.commit()
            return text

    def cached_brief_json(self, story_id: str) -> tuple[bool, str | None]:
        """(the story exists, its up-to-date cached brief as JSON or None): one read, computes nothing.
        Raises ``BriefFailed`` when the brief of the story's current version failed."""
        # the hot read of every brief request: a Core statement built once on a plain connection costs a
        # quarter of an ORM session's select (0.5 against 2 ms), most of a cached GET's time
        try:
            with self.engine.connect() as connection:
                row = connection.execute(_CACHED_BRIEF, {"story_id": story_id}).first()
        except SQLAlchemyError as error:
            raise StoreError(f"store error: {str(error).splitlines()[0]}") from None
        if row is None:
            return (False, None)
        version, brief_version, brief_json, brief_error = row
        if brief_version == version and brief_error:
            raise BriefFailed(brief_error)
        return (True, brief_json if brief_json is not None and brief_version == version else None)

    def is_brief_cached(self, story_id: str) -> bool:
        return self.cached_brief_json(story_id)[1] is not None

    def _brief_lock(self, story_id: str) -> threading.Lock:
        with self._brief_locks_guard:
            return self._brief_locks.setdefault(story_id, threading.Lock())

    # ------------------------------------------------------------------ writes

    def ingest(
        self, articles: Sequence[Article], processor: Processor, on_stored: Callable[[Added], None] | None = None
    ) -> IngestOutcome:
        """Store new articles in order: skip known content hashes, analyse, assign a story, commit each
        article on its own, mark its story's brief stale. One bad article never stops the batch.
        ``on_stored`` is called after each commit: what it has seen survives a crash."""
        outcome = IngestOutcome()
        with self._write_lock:
            fresh: list[Article] = []
            seen: set[str] = set()
            for article in articles:
                if article.id in seen or self.has_article(article.id):
                    outcome.duplicates.append(article.source or article.id)
                else:
                    seen.add(article.id)
                    fresh.append(article)
            for start in range(0, len(fresh), _ANALYSE_BATCH):
                self.store_batch(fresh[start : start + _ANALYSE_BATCH], processor, outcome, on_stored)
            settle_store(self)  # the run is in: its stories settle (see store.settling)
        return outcome

    def store_batch(
        self,
        batch: Sequence[Article],
        processor: Processor,
        outcome: IngestOutcome,
        on_stored: Callable[[Added], None] | None = None,
    ) -> None:
        """Analyse and embed a batch of articles not stored yet, then assign and commit each on its own.
        Analysis holds no lock (a writer queuing articles meanwhile is not held up); the story index and
        the commit are under the write lock. Failures go to ``outcome`` with their reason."""
        analysed = [a for a in self._analyse(list(batch), processor, outcome) if a is not None]
        for annotated, vector in zip(analysed, self._embed(analysed, processor), strict=True):
            with self._write_lock:
                added = self._store_one(annotated, vector, processor, outcome)
            if added is not None and on_stored is not None:
                on_stored(added)

    @staticmethod
    def _embed(analysed: list[AnnotatedArticle], processor: Processor) -> list[NDArray[np.float32] | Exception]:
        """One vector per article, encoded as a batch; an article that breaks the batch gets its error."""
        if not analysed:
            return []
        try:
            return [np.asarray(row, dtype=np.float32) for row in processor.embed(analysed)]
        except Exception:
            results: list[NDArray[np.float32] | Exception] = []
            for annotated in analysed:
                try:
                    results.append(np.asarray(processor.embed([annotated])[0], dtype=np.float32))
                except Exception as error:
                    results.append(error)
            return results

    def _analyse(
        self, batch: list[Article], processor: Processor, outcome: IngestOutcome
    ) -> list[AnnotatedArticle | None]:
        try:
            return list(processor.analyse(batch))
        except Exception:
            # isolate the article that broke the batch: analyse one at a time
            results: list[AnnotatedArticle | None] = []
            for article in batch:
                try:
                    results.append(processor.analyse([article])[0])
                except Exception as error:
                    _reject(outcome, article, _reason(error))
                    results.append(None)
            return results

    def _store_one(
        self,
        annotated: AnnotatedArticle,
        vector: NDArray[np.float32] | Exception,
        processor: Processor,
        outcome: IngestOutcome,
    ) -> Added | None:
        article = annotated.article
        source = article.source or article.id
        if isinstance(vector, Exception):
            _reject(outcome, article, _reason(vector))
            return None
        try:
            assigner = self._current_assigner(processor)
            story = assigner.assign(annotated, vector)
        except Exception as error:
            # the index may be half-updated: rebuild it from the database before the next article
            self._assigner = None
            _reject(outcome, article, _reason(error))
            return None
        try:
            with self._session() as session:
                self._write_article(session, annotated, vector, story)
                self._write_thread_changes(session, assigner.take_thread_changes())
                # leaves the ingest queue in the transaction that stores it: never in neither, nor both
                session.execute(delete(QueuedRow).where(QueuedRow.article_id == article.id))
                session.commit()
        except StoreError as error:
            # another process stored it meanwhile, or the write failed: the in-memory index no longer
            # matches the database, so rebuild it from the database before the next article
            self._assigner = None
            if self.has_article(article.id):
                outcome.duplicates.append(source)
            else:
                _reject(outcome, article, f"could not be stored: {_reason(error)}")
            return None
        self._assigner_ids.add(article.id)
        added = Added(article_id=article.id, story_id=story.id, source=article.source)
        outcome.added.append(added)
        return added

    def _write_article(
        self, session: Session, annotated: AnnotatedArticle, vector: NDArray[np.float32], story: Story
    ) -> None:
        article = annotated.article
        now = datetime.now(UTC).replace(tzinfo=None)
        seq = (session.scalar(select(func.max(ArticleRow.seq))) or 0) + 1
        session.add(
            ArticleRow(
                id=article.id,
                seq=seq,
                outlet=article.outlet,
                title=article.title,
                published=article.published,
                source=article.source,
                article_json=article.model_dump_json(),
                annotated_json=annotated.model_dump_json(),
                embedding=vector.astype("<f4").tobytes(),
                ingested_at=now,
            )
        )
        session.flush()
        # bulk executemany: one round trip per table, not one per row (it matters on PostgreSQL)
        if annotated.mentions:
            session.execute(
                insert(MentionRow),
                [
                    {
                        "article_id": article.id,
                        "text": m.text,
                        "text_lower": m.text.lower(),
                        "label": m.label,
                        "start": m.start,
                        "end": m.end,
                    }
                    for m in annotated.mentions
                ],
            )
        if annotated.quotations:
            session.execute(
                insert(QuotationRow),
                [
                    {
                        "id": q.id,
                        "article_id": article.id,
                        "speaker": q.speaker,
                        "speaker_lower": q.speaker.lower() if q.speaker else None,
                        "text": q.text,
                        "text_lower": q.text.lower(),
                        "kind": q.kind.value,
                        "start": q.start,
                        "end": q.end,
                    }
                    for q in annotated.quotations
                ],
            )
        row = session.get(StoryRow, story.id)
        if row is None:
            row = StoryRow(
                id=story.id, version=0, dirty=True, article_count=0, outlet_count=0, story_json="{}", updated_at=now
            )
            session.add(row)
        session.flush()
        session.merge(MembershipRow(article_id=article.id, story_id=story.id))
        session.flush()
        members = session.execute(
            select(ArticleRow.outlet, ArticleRow.published)
            .join(MembershipRow, MembershipRow.article_id == ArticleRow.id)
            .where(MembershipRow.story_id == story.id)
        ).all()
        dates = [published for _, published in members if published is not None]
        row.story_json = story.model_dump_json()
        row.headline = story.headline or article.title
        row.article_count = len(members)
        # an article that names no outlet is a source of its own: it is not counted as nothing
        row.outlet_count = len({outlet for outlet, _ in members if outlet}) + sum(1 for o, _ in members if not o)
        row.first_published = story.first_published or (min(dates) if dates else None)
        row.last_published = story.last_published or (max(dates) if dates else None)
        row.updated_at = now
        row.version = (row.version or 0) + 1
        row.dirty = True

    def _write_thread_changes(self, session: Session, stories: list[Story]) -> None:
        """Stories whose thread changed: their stored story now names it and its other stories, and their
        cached brief, which lists the thread, is recomputed on the next read."""
        for story in stories:
            row = session.get(StoryRow, story.id)
            if row is None:
                continue
            stored = Story.model_validate_json(row.story_json) if row.story_json not in ("", "{}") else story
            if stored.thread == story.thread and stored.related == story.related:
                continue
            update = {"thread": story.thread, "related": story.related}
            row.story_json = stored.model_copy(update=update).model_dump_json()
            row.brief_version = None
            row.dirty = True

    def _related_stories(self, story: Story) -> list[RelatedStory]:
        if not story.related:
            return []
        with self._session() as session:
            rows = session.execute(
                select(StoryRow.id, StoryRow.headline, StoryRow.first_published).where(StoryRow.id.in_(story.related))
            ).all()
        ordered = sorted(rows, key=lambda row: (row.first_published or date.max, row.id))
        return [RelatedStory(story_id=r.id, headline=r.headline, first_published=r.first_published) for r in ordered]

    def _current_assigner(self, processor: Processor) -> StoryAssigner:
        """The in-memory story index, rebuilt from stored embeddings on first use, and brought up to date
        with articles another process stored since."""
        if self._assigner is None:
            self._assigner = processor.new_assigner()
            self._assigner_seq = 0
            self._assigner_ids = set()
        with self._session() as session:
            rows = session.execute(
                select(
                    ArticleRow.seq,
                    ArticleRow.id,
                    ArticleRow.annotated_json,
                    ArticleRow.embedding,
                    MembershipRow.story_id,
                )
                .join(MembershipRow, MembershipRow.article_id == ArticleRow.id)
                .where(ArticleRow.seq > self._assigner_seq)
                .order_by(ArticleRow.seq)
            ).all()
        for seq, article_id, annotated_json, embedding, story_id in rows:
            self._assigner_seq = seq
            if article_id in self._assigner_ids:
                continue
            vector = np.frombuffer(embedding, dtype="<f4").astype(np.float32)
            self._assigner.restore(AnnotatedArticle.model_validate_json(annotated_json), vector, story_id)
            self._assigner_ids.add(article_id)
        if rows:
            # replaying what was stored makes the same decisions again, and those were written then
            self._assigner.take_thread_changes()
        return self._assigner

    def embedding(self, article_id: str) -> NDArray[np.float32] | None:
        with self._session() as session:
            data = session.scalar(select(ArticleRow.embedding).where(ArticleRow.id == article_id))
        return None if data is None else np.frombuffer(data, dtype="<f4").astype(np.float32)

    def check_consistency(self) -> list[str]:
        """Problems found: an article without a story, a story whose count disagrees with its members."""
        problems: list[str] = []
        with self._session() as session:
            orphans = session.scalars(
                select(ArticleRow.id)
                .outerjoin(MembershipRow, MembershipRow.article_id == ArticleRow.id)
                .where(MembershipRow.story_id.is_(None))
            ).all()
            problems += [f"article {article_id} belongs to no story" for article_id in orphans]
            counts = session.execute(
                select(StoryRow.id, StoryRow.article_count, func.count(MembershipRow.article_id))
                .outerjoin(MembershipRow, MembershipRow.story_id == StoryRow.id)
                .group_by(StoryRow.id, StoryRow.article_count)
            ).all()
            problems += [
                f"story {story_id} says {said} articles but has {real}"
                for story_id, said, real in counts
                if said != real
            ]
            for story_id, story_json in session.execute(select(StoryRow.id, StoryRow.story_json)):
                listed = set(Story.model_validate_json(story_json).article_ids)
                stored = set(
                    session.scalars(select(MembershipRow.article_id).where(MembershipRow.story_id == story_id))
                )
                if listed != stored:
                    problems.append(f"story {story_id} lists {sorted(listed)} but holds {sorted(stored)}")
        return problems


def _summary(row: StoryRow, outlets: list[str]) -> StorySummary:
    story = Story.model_validate_json(row.story_json) if row.story_json not in ("", "{}") else None
    return StorySummary(
        thread=story.thread if story else None,
        related=list(story.related) if story else [],
        id=row.id,
        headline=row.headline,
        article_count=row.article_count,
        outlet_count=row.outlet_count,
        outlets=outlets,
        first_published=row.first_published,
        last_published=row.last_published,
        updated_at=row.updated_at,
    )


def _page_bounds(offset: int, limit: int) -> tuple[int, int]:
    if offset < 0:
        raise ValueError("offset must be 0 or more")
    if not 1 <= limit <= MAX_PAGE:
        raise ValueError(f"limit must be between 1 and {MAX_PAGE}")
    return offset, limit


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _reject(outcome: IngestOutcome, article: Article, reason: str) -> None:
    outcome.rejected.append(Rejected(source=article.source or article.id, reason=reason))
    outcome.failed[article.id] = reason


def _reason(error: Exception) -> str:
    message = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
