"""The first schema: articles, stories, memberships, mentions, quotations.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("source", sa.Text),
        sa.Column("article_json", sa.Text, nullable=False),
        sa.Column("annotated_json", sa.Text, nullable=False),
        sa.Column("embedding", sa.LargeBinary, nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("headline", sa.Text),
        sa.Column("story_json", sa.Text, nullable=False),
        sa.Column("article_count", sa.Integer, nullable=False),
        sa.Column("outlet_count", sa.Integer, nullable=False),
        sa.Column("first_published", sa.Date),
        sa.Column("last_published", sa.Date),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("dirty", sa.Boolean, nullable=False),
        sa.Column("brief_json", sa.Text),
        sa.Column("brief_version", sa.Integer),
    )
    op.create_index("ix_stories_recent", "stories", ["last_published", "updated_at"])
    op.create_table(
        "memberships",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id"), nullable=False),
    )
    op.create_index("ix_memberships_story_id", "memberships", ["story_id"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_lower", sa.Text, nullable=False),
        sa.Column("label", sa.String(32), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    op.create_index("ix_mentions_text_lower", "mentions", ["text_lower"])
    op.create_table(
        "quotations",
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_lower", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_lower", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_index("ix_quotations_article_id", "quotations", ["article_id"])
    op.create_index("ix_quotations_speaker_lower", "quotations", ["speaker_lower"])


def downgrade() -> None:
    for table in ("quotations", "mentions", "memberships", "stories", "articles"):
        op.drop_table(table)
