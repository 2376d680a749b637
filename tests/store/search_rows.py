"""Articles stored for search without analysing them: search reads only the articles table, and analysing
50,000 articles would take hours. Used by the search tests and benchmarks/search.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine

from newsfuse.ingest import ingest_paths
from newsfuse.model import Article
from newsfuse.store.tables import ArticleRow

DUC_DOCS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "duc2004" / "docs"


def duc_articles() -> list[Article]:
    """The 500 DUC 2004 Task 2 articles, ingested as ``newsfuse ingest`` reads them."""
    report = ingest_paths([DUC_DOCS])
    assert report.articles, f"no DUC articles under {DUC_DOCS}"
    return report.articles


def store_rows(engine: Engine, articles: list[Article], total: int, batch: int = 2_000) -> int:
    """Insert ``total`` rows: ``articles`` replayed as often as needed (replay k: its own id, dates k × 30 days
    later, as a stream of later news would); the database indexes each row as it arrives."""
    with engine.begin() as connection:
        seq = connection.execute(select(func.max(ArticleRow.seq))).scalar() or 0
    now = datetime.now(UTC).replace(tzinfo=None)
    rows: list[dict[str, object]] = []
    inserted = 0
    for position in range(total):
        replay, article = position // len(articles), articles[position % len(articles)]
        seq += 1
        published = article.published + timedelta(days=30 * replay) if article.published else None
        copy = article.model_copy(update={"id": f"{article.id}r{replay}", "published": published})
        rows.append(
            {
                "id": copy.id,
                "seq": seq,
                "outlet": copy.outlet,
                "title": copy.title,
                "published": published,
                "source": copy.source,
                "article_json": copy.model_dump_json(),
                "annotated_json": "{}",
                "embedding": b"",
                "ingested_at": now,
            }
        )
        if len(rows) >= batch:
            inserted += _flush(engine, rows)
    return inserted + _flush(engine, rows)


def _flush(engine: Engine, rows: list[dict[str, object]]) -> int:
    if not rows:
        return 0
    with engine.begin() as connection:
        connection.execute(insert(ArticleRow), rows)
    count = len(rows)
    rows.clear()
    return count
