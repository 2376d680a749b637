"""Full-text search over the stored articles: title and body.

SQLite: an FTS5 index (Porter stemming, diacritics folded) over a view of the articles table, kept current
by triggers, so every writer (the repository, a worker, a bulk load) indexes what it stores. PostgreSQL: a
stored generated ``tsvector`` column (English configuration, the title weighted above the body) with a GIN
index.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_BODY = "json_extract({row}.article_json, '$.text')"
_SQLITE_UP = [
    "CREATE VIEW article_search_source AS SELECT seq, coalesce(title, '') AS title, "
    + _BODY.format(row="articles")
    + " AS body FROM articles",
    "CREATE VIRTUAL TABLE article_search USING fts5(title, body, content='article_search_source', "
    "content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER article_search_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO article_search(rowid, title, body) VALUES (new.seq, coalesce(new.title, ''), "
    + _BODY.format(row="new")
    + "); END",
    "CREATE TRIGGER article_search_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO article_search(article_search, rowid, title, body) VALUES ('delete', old.seq, "
    "coalesce(old.title, ''), " + _BODY.format(row="old") + "); END",
    "CREATE TRIGGER article_search_update AFTER UPDATE OF title, article_json ON articles BEGIN "
    "INSERT INTO article_search(article_search, rowid, title, body) VALUES ('delete', old.seq, "
    "coalesce(old.title, ''), " + _BODY.format(row="old") + "); "
    "INSERT INTO article_search(rowid, title, body) VALUES (new.seq, coalesce(new.title, ''), "
    + _BODY.format(row="new")
    + "); END",
    "INSERT INTO article_search(article_search) VALUES ('rebuild')",
]
_SQLITE_DOWN = [
    "DROP TRIGGER article_search_update",
    "DROP TRIGGER article_search_delete",
    "DROP TRIGGER article_search_insert",
    "DROP TABLE article_search",
    "DROP VIEW article_search_source",
]
_POSTGRES_UP = [
    "ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(article_json::jsonb ->> 'text', '')), 'B')) STORED",
    "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
]
_POSTGRES_DOWN = ["DROP INDEX ix_articles_search_vector", "ALTER TABLE articles DROP COLUMN search_vector"]


def upgrade() -> None:
    for statement in _SQLITE_UP if op.get_bind().dialect.name == "sqlite" else _POSTGRES_UP:
        op.execute(statement)


def downgrade() -> None:
    for statement in _SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else _POSTGRES_DOWN:
        op.execute(statement)
