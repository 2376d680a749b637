"""Watching the web: the feeds polled (with their validators for conditional GET), the pages fetched (by
canonical URL) and every revision of a page's article.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("last_polled_at", sa.DateTime),
        sa.Column("last_status", sa.Text),
    )
    op.create_table(
        "pages",
        sa.Column("url_key", sa.Text, primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("fetched_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_pages_article_id", "pages", ["article_id"])
    op.create_table(
        "page_revisions",
        sa.Column("url_key", sa.Text, sa.ForeignKey("pages.url_key"), primary_key=True),
        sa.Column("revision", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("article_json", sa.Text, nullable=False),
        sa.Column("fetched_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("page_revisions")
    op.drop_table("pages")
    op.drop_table("feeds")
