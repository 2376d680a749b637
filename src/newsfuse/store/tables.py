"""The store's tables (SQLAlchemy 2). Model objects are kept whole as JSON; a few columns are copied
out of them only where SQL must filter, sort or search (ids, dates, speakers, entity names)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    """One article: the cleaned ``Article`` and its ``AnnotatedArticle``, both as model JSON."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True, doc="Insertion order: stories are rebuilt in it.")
    outlet: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(Text)
    article_json: Mapped[str] = mapped_column(Text)
    annotated_json: Mapped[str] = mapped_column(Text)
    embedding: Mapped[bytes] = mapped_column(LargeBinary, doc="float32 little-endian, one row of the encoder.")
    ingested_at: Mapped[datetime] = mapped_column(DateTime)


class StoryRow(Base):
    """One story: the ``Story`` JSON and its cached brief, valid while ``brief_version == version``."""

    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    headline: Mapped[str | None] = mapped_column(Text)
    story_json: Mapped[str] = mapped_column(Text)
    article_count: Mapped[int] = mapped_column(Integer, default=0)
    outlet_count: Mapped[int] = mapped_column(Integer, default=0)
    first_published: Mapped[date | None] = mapped_column(Date)
    last_published: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=0, doc="Bumped each time an article joins.")
    dirty: Mapped[bool] = mapped_column(Boolean, default=True)
    brief_json: Mapped[str | None] = mapped_column(Text)
    brief_version: Mapped[int | None] = mapped_column(Integer)
    brief_error: Mapped[str | None] = mapped_column(Text, doc="Why the brief of brief_version failed, if it did.")


class MembershipRow(Base):
    __tablename__ = "memberships"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id"), index=True)


class MentionRow(Base):
    """Entity mentions, copied out for search by entity."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    text_lower: Mapped[str] = mapped_column(Text, index=True)
    label: Mapped[str] = mapped_column(String(32))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class QuotationRow(Base):
    """Quotations, copied out for search by speaker or quoted words."""

    __tablename__ = "quotations"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    speaker: Mapped[str | None] = mapped_column(Text)
    speaker_lower: Mapped[str | None] = mapped_column(Text, index=True)
    text: Mapped[str] = mapped_column(Text)
    text_lower: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


Index("ix_stories_recent", StoryRow.last_published, StoryRow.updated_at)


class FeedRow(Base):
    """A feed or sitemap that ``watch`` polls, and what its last answer said (for the next conditional GET)."""

    __tablename__ = "feeds"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    last_polled_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_status: Mapped[str | None] = mapped_column(Text, doc="'200: 12 links, 3 new', '304', or the error line.")


class PageRow(Base):
    """A page fetched for the store, by canonical URL: the article it gave and its validators."""

    __tablename__ = "pages"

    url_key: Mapped[str] = mapped_column(Text, primary_key=True, doc="Canonical URL (courlan), the dedup key.")
    url: Mapped[str] = mapped_column(Text)
    article_id: Mapped[str] = mapped_column(String(64), index=True, doc="The latest revision's article.")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(DateTime)


class RevisionRow(Base):
    """Every version of a page's article, oldest first; revision 1 is the stored article itself."""

    __tablename__ = "page_revisions"

    url_key: Mapped[str] = mapped_column(ForeignKey("pages.url_key"), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(String(64))
    article_json: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(DateTime)


class QueuedRow(Base):
    """An accepted article waiting for analysis (``state`` 'queued'), or one whose analysis failed
    ('failed', with the reason). Removed in the transaction that stores the analysed article."""

    __tablename__ = "ingest_queue"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str | None] = mapped_column(Text)
    article_json: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    queued_at: Mapped[datetime] = mapped_column(DateTime)


Index("ix_ingest_queue_state", QueuedRow.state, QueuedRow.seq)


class CorrectionRow(Base):
    """One field of one stored article corrected (outlet, title, published or url): its old and new value."""

    __tablename__ = "article_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text, doc="What asked for it: the upload's name, the command line.")
    corrected_at: Mapped[datetime] = mapped_column(DateTime)


class HeldRow(Base):
    """An article in a language the analysis does not read: stored and listed, never parsed or placed in a
    story (a later version that reads its language can take it from here)."""

    __tablename__ = "held_articles"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    language: Mapped[str] = mapped_column(String(16), index=True)
    outlet: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(Text)
    article_json: Mapped[str] = mapped_column(Text)
    held_at: Mapped[datetime] = mapped_column(DateTime)


class StoryVectorRow(Base):
    """A sentence-encoder vector a story's brief computed (float32 little-endian), by the text's sha1."""

    __tablename__ = "story_vectors"

    story_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    text_key: Mapped[bytes] = mapped_column(LargeBinary(20), primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary)
