"""Run by test_watch.py in a child process: one slow watch poll, printing each acknowledged page."""

from __future__ import annotations

import sys

from newsfuse.ingest.fetch import Fetcher, FetchSettings
from newsfuse.store import Store
from newsfuse.watch import StoredPage, Watcher
from tests.store.crash_child import SlowProcessor


def _acknowledge(page: StoredPage) -> None:
    print(f"stored {page.url} {page.article_id}", flush=True)


if __name__ == "__main__":
    with Store(sys.argv[1]) as store, Fetcher(FetchSettings(per_host_delay_seconds=0.0)) as fetcher:
        report = Watcher(store, SlowProcessor(), fetcher, on_stored=_acknowledge).poll()
    print(f"done {len(report.stored)} {len(report.duplicates)} {len(report.rejected)}", flush=True)
