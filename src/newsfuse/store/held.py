"""Articles the store keeps but does not analyse: those in a language the analysis does not read. They are
stored whole, listed with their language, and never parsed nor placed in a story; the caller decides which
they are (the ingest stage knows the languages, the store does not)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from pydantic import BaseModel
from sqlalchemy import func, select

from newsfuse.model import Article
from newsfuse.store.repository import Store
from newsfuse.store.tables import HeldRow
from newsfuse.store.views import Page


class HeldArticle(BaseModel):
    id: str
    language: str
    outlet: str | None
    title: str | None
    published: date | None
    source: str | None
    url: str | None


def hold(store: Store, articles: Sequence[Article]) -> tuple[list[Article], list[str]]:
    """Keep ``articles`` out of the analysis; (those newly held, the sources of those held already)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    held: list[Article] = []
    known: list[str] = []
    with store.write_lock, store.session() as session:
        for article in articles:
            if session.get(HeldRow, article.id) is not None or any(a.id == article.id for a in held):
                known.append(article.source or article.id)
                continue
            session.add(
                HeldRow(
                    id=article.id,
                    language=article.language,
                    outlet=article.outlet,
                    title=article.title,
                    published=article.published,
                    source=article.source,
                    article_json=article.model_dump_json(),
                    held_at=now,
                )
            )
            held.append(article)
        session.commit()
    return held, known


def is_held(store: Store, article_id: str) -> bool:
    with store.session() as session:
        return session.get(HeldRow, article_id) is not None


def held_articles(store: Store, *, language: str | None = None, offset: int = 0, limit: int = 50) -> Page[HeldArticle]:
    """The held articles, newest first, in one language or all."""
    with store.session() as session:
        where = [HeldRow.language == language] if language else []
        total = session.scalar(select(func.count()).select_from(HeldRow).where(*where)) or 0
        rows = session.scalars(
            select(HeldRow).where(*where).order_by(HeldRow.held_at.desc(), HeldRow.id).offset(offset).limit(limit)
        ).all()
        items = [
            HeldArticle(
                id=r.id,
                language=r.language,
                outlet=r.outlet,
                title=r.title,
                published=r.published,
                source=r.source,
                url=Article.model_validate_json(r.article_json).url,
            )
            for r in rows
        ]
    return Page[HeldArticle](items=items, total=total, offset=offset, limit=limit)


def release(store: Store, article_id: str) -> None:
    """An article no longer held (a page's earlier text, now replaced by its new one)."""
    with store.write_lock, store.session() as session:
        row = session.get(HeldRow, article_id)
        if row is not None:
            session.delete(row)
            session.commit()
