"""What ``watch`` keeps in the store besides articles: the feeds it polls, the pages it fetched (by canonical
URL, with their validators), and every revision of a page's article. Each write commits on its own, so a
killed poll keeps everything it acknowledged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from newsfuse.model import Article
from newsfuse.store.repository import Store
from newsfuse.store.tables import FeedRow, PageRow, RevisionRow


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None
    last_modified: str | None
    last_polled_at: datetime | None
    last_status: str | None


@dataclass(frozen=True)
class PageState:
    url_key: str
    url: str
    article_id: str
    revision: int
    etag: str | None
    last_modified: str | None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class WatchState:
    """The watch tables of one store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def add_feeds(self, urls: list[str]) -> list[str]:
        """Register feeds (known ones are left as they are); the URLs that were new."""
        added: list[str] = []
        with self._store._session() as session:
            for url in dict.fromkeys(urls):
                if session.get(FeedRow, url) is None:
                    session.add(FeedRow(url=url, added_at=_now()))
                    added.append(url)
            session.commit()
        return added

    def feeds(self) -> list[FeedState]:
        with self._store._session() as session:
            rows = session.scalars(select(FeedRow).order_by(FeedRow.added_at, FeedRow.url)).all()
            return [
                FeedState(
                    url=r.url,
                    etag=r.etag,
                    last_modified=r.last_modified,
                    last_polled_at=r.last_polled_at,
                    last_status=r.last_status,
                )
                for r in rows
            ]

    def feed(self, url: str) -> FeedState | None:
        return next((f for f in self.feeds() if f.url == url), None)

    def save_poll(self, url: str, status: str, *, etag: str | None = None, last_modified: str | None = None) -> None:
        """Record a poll. Validators are saved only with a poll that finished, so a poll cut short is
        repeated whole next time (its pages already stored are then skipped)."""
        with self._store._session() as session:
            row = session.get(FeedRow, url) or FeedRow(url=url, added_at=_now())
            row.last_polled_at = _now()
            row.last_status = status
            if etag is not None or last_modified is not None:
                row.etag, row.last_modified = etag, last_modified
            session.merge(row)
            session.commit()

    def page(self, url_key: str) -> PageState | None:
        with self._store._session() as session:
            row = session.get(PageRow, url_key)
            if row is None:
                return None
            return PageState(
                url_key=row.url_key,
                url=row.url,
                article_id=row.article_id,
                revision=row.revision,
                etag=row.etag,
                last_modified=row.last_modified,
            )

    def record_page(
        self, url_key: str, url: str, article: Article, *, etag: str | None, last_modified: str | None
    ) -> int:
        """A page's article, as its first revision or (text changed) as its next one; the revision number."""
        now = _now()
        with self._store._session() as session:
            row = session.get(PageRow, url_key)
            if row is None:
                row = PageRow(url_key=url_key, url=url, article_id=article.id, revision=1, fetched_at=now)
                session.add(row)
            elif row.article_id != article.id:
                row.revision += 1
                row.article_id = article.id
            row.etag, row.last_modified, row.fetched_at = etag, last_modified, now
            session.flush()
            if session.get(RevisionRow, (url_key, row.revision)) is None:
                session.add(
                    RevisionRow(
                        url_key=url_key,
                        revision=row.revision,
                        article_id=article.id,
                        article_json=article.model_dump_json(),
                        fetched_at=now,
                    )
                )
            session.commit()
            return row.revision

    def touch_page(self, url_key: str, *, etag: str | None, last_modified: str | None) -> None:
        """The page was fetched again and its text had not changed: keep the new validators."""
        with self._store._session() as session:
            row = session.get(PageRow, url_key)
            if row is not None:
                row.etag, row.last_modified, row.fetched_at = etag, last_modified, _now()
                session.commit()

    def revisions(self, url_key: str) -> list[Article]:
        with self._store._session() as session:
            rows = session.scalars(
                select(RevisionRow).where(RevisionRow.url_key == url_key).order_by(RevisionRow.revision)
            ).all()
            return [Article.model_validate_json(r.article_json) for r in rows]

    def count_pages(self) -> int:
        with self._store._session() as session:
            return len(session.scalars(select(PageRow.url_key)).all())

    def was_revised(self, article_id: str) -> bool:
        """Whether ``article_id`` is an earlier text of a page, since replaced by a newer one (its page now
        gives another article): the same text found again elsewhere is not a new article."""
        with self._store._session() as session:
            earlier = session.scalars(select(RevisionRow.url_key).where(RevisionRow.article_id == article_id)).all()
            return any(
                (page := session.get(PageRow, key)) is not None and page.article_id != article_id for key in earlier
            )
