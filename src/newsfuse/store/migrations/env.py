"""Alembic environment: the store runs migrations itself on open, on the connection it hands over."""

from __future__ import annotations

from alembic import context

from newsfuse.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
