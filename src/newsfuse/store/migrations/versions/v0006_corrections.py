"""Corrections of a stored article's metadata (outlet, title, date, URL), each field's old and new value.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("old_value", sa.Text),
        sa.Column("new_value", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("corrected_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_article_corrections_article_id", "article_corrections", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_article_corrections_article_id", "article_corrections")
    op.drop_table("article_corrections")
