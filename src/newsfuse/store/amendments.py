"""Changing what the store holds about an article after it was stored, so that the stories and briefs that use
it are recomputed and nothing is counted twice:

- a **revision**: a page at a known URL whose text changed. The new text takes the earlier text's place in
  its story (same story, one article); the earlier text stays in ``page_revisions``.
- a **correction**: an article's outlet, title, date or URL corrected. Each changed field is recorded with
  its old and new value (``article_corrections``); a new date re-resolves the article's relative dates.

Both bump the story's version, so its cached brief is recomputed on the next read, and drop the store's
in-memory story index, which is rebuilt from the database before the next article is placed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import numpy as np
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from newsfuse.errors import InputError
from newsfuse.model import AnnotatedArticle, Article, SourceFamily, Story
from newsfuse.store.protocols import Processor
from newsfuse.store.repository import Store
from newsfuse.store.tables import ArticleRow, CorrectionRow, MembershipRow, MentionRow, QuotationRow, StoryRow

CORRECTABLE = ("outlet", "title", "published", "url")


@dataclass(frozen=True)
class Change:
    """One field of one article: what it said, and what it says now."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Correction(Change):
    article_id: str
    source: str | None
    corrected_at: datetime


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


# ---------------------------------------------------------------- corrections


def metadata_changes(stored: Article, given: Article) -> dict[str, object]:
    """The metadata ``given`` (the same text, posted again) sets to another value than ``stored`` has. A
    field the new input leaves empty is no correction: only what it says is taken."""
    changes: dict[str, object] = {}
    for field in CORRECTABLE:
        value = getattr(given, field)
        if value is not None and value != getattr(stored, field):
            changes[field] = value
    return changes


def correct_article(
    store: Store, article_id: str, changes: dict[str, object], processor: Processor, *, source: str | None = None
) -> list[Change]:
    """Set the given fields of a stored article (``outlet``, ``title``, ``published``, ``url``); the fields
    that changed. A new date re-resolves the relative dates ("on Wednesday"); a new title re-embeds the
    lead the story index compares by. InputError for an unknown field or article."""
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise InputError(f"cannot correct {', '.join(unknown)}: only {', '.join(CORRECTABLE)}")
    with store.write_lock:
        annotated = store.article(article_id)
        if annotated is None:
            raise InputError(f"no article {article_id!r}")
        before = annotated.article
        try:
            after = before.model_validate({**before.model_dump(), **changes})
        except ValueError as error:
            raise InputError(f"invalid correction: {str(error).splitlines()[0]}") from None
        made = [
            Change(field, _text(getattr(before, field)), _text(getattr(after, field)))
            for field in CORRECTABLE
            if getattr(before, field) != getattr(after, field)
        ]
        if not made:
            return []
        if after.published != before.published:
            annotated = _analysed(after, processor)
        else:
            annotated = annotated.model_copy(update={"article": after})
        vector = _embedded(annotated, processor) if after.title != before.title else None
        now = _now()
        with store.session() as session:
            values: dict[str, object] = {
                "outlet": after.outlet,
                "title": after.title,
                "published": after.published,
                "article_json": after.model_dump_json(),
                "annotated_json": annotated.model_dump_json(),
            }
            if vector is not None:
                values["embedding"] = vector.astype("<f4").tobytes()
            session.execute(update(ArticleRow).where(ArticleRow.id == article_id).values(**values))
            session.add_all(
                CorrectionRow(
                    article_id=article_id,
                    field=change.field,
                    old_value=change.old,
                    new_value=change.new,
                    source=source,
                    corrected_at=now,
                )
                for change in made
            )
            story_id = session.scalar(select(MembershipRow.story_id).where(MembershipRow.article_id == article_id))
            if story_id is not None:
                _refresh_story(session, story_id)
            session.commit()
        store._assigner = None  # the index holds the old dates and lead: rebuilt before the next article
    return made


def corrections(store: Store, article_id: str) -> list[Correction]:
    """What was corrected in an article, oldest first."""
    with store.session() as session:
        rows = session.scalars(
            select(CorrectionRow).where(CorrectionRow.article_id == article_id).order_by(CorrectionRow.id)
        ).all()
        return [
            Correction(
                field=r.field,
                old=r.old_value,
                new=r.new_value,
                article_id=r.article_id,
                source=r.source,
                corrected_at=r.corrected_at,
            )
            for r in rows
        ]


# ---------------------------------------------------------------- revisions


def replace_article(store: Store, old_id: str, article: Article, processor: Processor) -> str | None:
    """A page's new text takes the place of its earlier text ``old_id``: analysed, embedded and stored in
    the earlier text's story, which then counts it once. When the new text is already stored (another page
    gave it), the earlier text simply leaves its story. The story id, or None when the earlier text was no
    longer stored (the new text is then an article of its own: the caller ingests it)."""
    with store.write_lock:
        if not store.has_article(old_id):
            return None
        already = store.has_article(article.id)
        annotated = None if already else _analysed(article, processor)
        vector = None if annotated is None else _embedded(annotated, processor)
        with store.session() as session:
            story_id = session.scalar(select(MembershipRow.story_id).where(MembershipRow.article_id == old_id))
            row = session.get(StoryRow, story_id) if story_id is not None else None
            if row is not None and annotated is not None and vector is not None:
                story = _renamed(Story.model_validate_json(row.story_json), old_id, article.id)
                store._write_article(session, annotated, vector, story)
                # what was corrected in the page's article still holds for its new text
                session.execute(
                    update(CorrectionRow).where(CorrectionRow.article_id == old_id).values(article_id=article.id)
                )
            _remove_article(session, old_id)
            if story_id is not None:
                _refresh_story(session, story_id)
            session.commit()
        store._assigner = None  # the index holds the earlier text: rebuilt before the next article
        return story_id


def _remove_article(session: Session, article_id: str) -> None:
    """An article's rows, gone (its text is kept in ``page_revisions``)."""
    for table in (MentionRow, QuotationRow, MembershipRow):
        session.execute(delete(table).where(table.article_id == article_id))
    session.execute(delete(CorrectionRow).where(CorrectionRow.article_id == article_id))
    session.execute(delete(ArticleRow).where(ArticleRow.id == article_id))
    session.flush()


def _renamed(story: Story, old_id: str, new_id: str) -> Story:
    """The story with ``new_id`` in ``old_id``'s place (its family too)."""

    def swap(article_id: str) -> str:
        return new_id if article_id == old_id else article_id

    families = [
        SourceFamily(
            id=swap(family.id),
            article_ids=[swap(a) for a in family.article_ids],
            representative=swap(family.representative),
        )
        for family in story.families
    ]
    return story.model_copy(update={"article_ids": [swap(a) for a in story.article_ids], "families": families})


def _without(story: Story, gone: set[str]) -> Story:
    """The story without the articles no longer stored in it."""
    families = []
    for family in story.families:
        kept = [a for a in family.article_ids if a not in gone]
        if kept:
            representative = family.representative if family.representative in kept else kept[0]
            families.append(SourceFamily(id=family.id, article_ids=kept, representative=representative))
    return story.model_copy(
        update={"article_ids": [a for a in story.article_ids if a not in gone], "families": families}
    )


def _refresh_story(session: Session, story_id: str) -> None:
    """A story whose members changed: its listing columns, its dates and a new version (its brief is
    recomputed); a story left with no article is removed."""
    row = session.get(StoryRow, story_id)
    if row is None:
        return
    members = session.execute(
        select(ArticleRow.id, ArticleRow.outlet, ArticleRow.published)
        .join(MembershipRow, MembershipRow.article_id == ArticleRow.id)
        .where(MembershipRow.story_id == story_id)
    ).all()
    if not members:
        session.delete(row)
        return
    story = Story.model_validate_json(row.story_json)
    story = _without(story, set(story.article_ids) - {member.id for member in members})
    dates = [member.published for member in members if member.published is not None]
    story = story.model_copy(
        update={"first_published": min(dates, default=None), "last_published": max(dates, default=None)}
    )
    row.story_json = story.model_dump_json()
    row.article_count = len(members)
    # an article that names no outlet is a source of its own (as the repository counts it)
    row.outlet_count = len({m.outlet for m in members if m.outlet}) + sum(1 for m in members if not m.outlet)
    row.first_published, row.last_published = story.first_published, story.last_published
    row.updated_at = _now()
    row.version = (row.version or 0) + 1
    row.brief_version = None
    row.dirty = True


def _analysed(article: Article, processor: Processor) -> AnnotatedArticle:
    try:
        return processor.analyse([article])[0]
    except Exception as error:  # the caller reports it as one line; the store is left as it was
        raise InputError(f"could not be analysed: {type(error).__name__}: {error}") from None


def _embedded(annotated: AnnotatedArticle, processor: Processor) -> np.typing.NDArray[np.float32]:
    try:
        return np.asarray(processor.embed([annotated])[0], dtype=np.float32)
    except Exception as error:
        raise InputError(f"could not be embedded: {type(error).__name__}: {error}") from None


def correct_reposted(store: Store, articles: list[Article], processor: Processor) -> list[tuple[Article, list[Change]]]:
    """Texts posted again with other metadata (``metadata_changes``): each stored article corrected to what
    the new input says; the articles corrected, with what changed. The rest are left to ``ingest``."""
    corrected: list[tuple[Article, list[Change]]] = []
    for article in articles:
        stored = store.article(article.id)
        if stored is None:
            continue
        changes = metadata_changes(stored.article, article)
        if changes:
            made = correct_article(store, article.id, changes, processor, source=article.source)
            if made:
                corrected.append((article, made))
    return corrected
