"""A story's brief may fail (a worker over its limits): the reason is kept with the version it failed for.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("stories", sa.Column("brief_error", sa.Text))


def downgrade() -> None:
    op.drop_column("stories", "brief_error")
