"""Articles in a language the analysis does not read: stored whole and listed with their language, kept out
of the analysis and the stories.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "held_articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("source", sa.Text),
        sa.Column("article_json", sa.Text, nullable=False),
        sa.Column("held_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_held_articles_language", "held_articles", ["language"])


def downgrade() -> None:
    op.drop_index("ix_held_articles_language", "held_articles")
    op.drop_table("held_articles")
