"""Full-text search speed over stored articles, SQLite FTS5 and PostgreSQL tsvector, at 500 and 50,000.

    nice -n 10 .venv/bin/python benchmarks/search.py [--sizes 500,50000] [--repeat 7]

The 475 distinct DUC 2004 Task 2 articles (read from ../shared/corpora/duc2004/docs, never copied) are
stored, then replayed (each replay its own ids, dates 30 days later) until the store holds each size; the
rows go straight into the articles table (search reads nothing else; analysing 50,000 articles would take
hours) and the database indexes them as they arrive. Each query (a phrase, a name, a date range, an outlet
filter) is timed as the API runs it: the count and the first page of 20 with snippets; the median of
``--repeat`` runs after one warm-up. The baseline in the same run is the substring match the store had
before (``lower(text) LIKE '%…%'`` over every article), on the same rows and filters.
A throwaway PostgreSQL server is started (initdb + pg_ctl on loopback, as the tests do).
Writes benchmarks/results/search.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.pg import create_database, postgres_server  # noqa: E402
from tests.store.search_rows import duc_articles, store_rows  # noqa: E402

from newsfuse.store import Store  # noqa: E402
from newsfuse.store.search import ArticleQuery, search_articles  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "search.json"
QUERIES: dict[str, tuple[ArticleQuery, str]] = {  # name: (query, the baseline's substring)
    "phrase": (ArticleQuery('"human rights"'), "human rights"),
    "name": (ArticleQuery('"Hun Sen"'), "hun sen"),
    "date range": (ArticleQuery("hurricane", since=date(1998, 11, 1), until=date(1998, 11, 30)), "hurricane"),
    "outlet": (ArticleQuery("president", outlet="The New York Times"), "president"),
}


def _median_ms(run: Callable[[], Any], repeat: int) -> float:
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def _baseline(engine: Engine, query: ArticleQuery, substring: str) -> int:
    """The substring scan search was before: every article's text lowered and matched, then filtered; the
    count and the first page, as the full-text search gives them."""
    body = (
        "json_extract(article_json, '$.text')" if engine.dialect.name == "sqlite" else "article_json::jsonb ->> 'text'"
    )
    sql = f"SELECT id, seq FROM articles WHERE lower({body}) LIKE :pattern"
    params: dict[str, Any] = {"pattern": f"%{substring}%"}
    if query.since:
        sql, params["since"] = sql + " AND published >= :since", query.since
    if query.until:
        sql, params["until"] = sql + " AND published <= :until", query.until
    if query.outlet:
        sql, params["outlet"] = sql + " AND lower(outlet) = lower(:outlet)", query.outlet
    with engine.connect() as connection:
        total = int(connection.execute(text(f"SELECT count(*) FROM ({sql}) AS hits"), params).scalar_one())
        connection.execute(text(sql + " ORDER BY seq LIMIT 20"), params).all()
    return total


def measure(db: str, size: int, repeat: int) -> dict[str, Any]:
    articles = duc_articles()
    with Store(db) as store:
        start = time.perf_counter()
        store_rows(store.engine, articles, total=size)
        load = time.perf_counter() - start
        figures: dict[str, Any] = {"articles": size, "load_seconds": round(load, 1), "queries": {}}
        for name, (query, substring) in QUERIES.items():
            page = search_articles(store.engine, query, limit=20)
            indexed = _median_ms(partial(search_articles, store.engine, query, limit=20), repeat)
            scan = _median_ms(partial(_baseline, store.engine, query, substring), repeat)
            figures["queries"][name] = {
                "hits": page.total,
                "full_text_ms": indexed,
                "substring_scan_ms": scan,
                "speedup": round(scan / indexed, 1) if indexed else None,
            }
            print(f"  {size:>6} {name:<11} {page.total:>6} hits  full text {indexed:>8.2f} ms  scan {scan:>9.2f} ms")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,50000")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--backends", default="sqlite,postgresql", help="Run these; keep the file's other figures.")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    backends = args.backends.split(",")
    results: dict[str, Any] = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results.update(source="DUC 2004 Task 2 documents (NIST), replayed; ../shared/corpora/duc2004/docs")
    results.update(repeat=args.repeat)
    if "sqlite" in backends:
        results["sqlite"] = []
        with tempfile.TemporaryDirectory() as folder:
            for size in sizes:
                print(f"sqlite, {size} articles")
                results["sqlite"].append(measure(str(Path(folder) / f"search-{size}.db"), size, args.repeat))
    if "postgresql" in backends:
        results["postgresql"] = []
        with postgres_server() as server:
            for size in sizes:
                print(f"postgresql, {size} articles")
                results["postgresql"].append(measure(create_database(server), size, args.repeat))
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
