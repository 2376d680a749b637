"""The sentence-encoder vectors a story's brief computed, kept with the story: when an article joins it, or
the server restarts, the next brief encodes only texts it has not seen.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_vectors",
        sa.Column("story_id", sa.String(64), primary_key=True),
        sa.Column("text_key", sa.LargeBinary(20), primary_key=True),
        sa.Column("vector", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("story_vectors")
