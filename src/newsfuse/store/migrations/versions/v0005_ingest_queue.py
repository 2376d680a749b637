"""Ingest that does not block: an accepted article waits in ``ingest_queue`` (its raw ``Article`` JSON)
until a worker analyses it and stores it in ``articles``; the queue row goes in the same transaction, so
an acknowledged article is always in one of the two. A failed article stays, with the reason.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ingest_queue",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text),
        sa.Column("article_json", sa.Text, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("queued_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_ingest_queue_state", "ingest_queue", ["state", "seq"])


def downgrade() -> None:
    op.drop_index("ix_ingest_queue_state", "ingest_queue")
    op.drop_table("ingest_queue")
