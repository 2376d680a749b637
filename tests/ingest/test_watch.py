"""``watch`` against a real server on loopback: three feeds (RSS, Atom, a news sitemap) listing 30 real pages
of ../shared/corpora/article-extraction. The first poll stores 30 articles; the second fetches nothing (every
feed answers 304); a changed page becomes a revision of its article, not a second article; a poll killed
with SIGKILL halfway loses nothing it acknowledged, and the next poll completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsfuse.ingest import ingest_bytes
from newsfuse.ingest.fetch import Fetcher, FetchSettings
from newsfuse.store import Store
from newsfuse.store.held import held_articles, is_held
from newsfuse.store.watching import WatchState
from newsfuse.watch import Watcher, canonical_url
from tests.ingest.loopback import LoopbackServer, Reply, conditional, corpus_page, corpus_truth
from tests.store.fakes import FakeProcessor

REPO = Path(__file__).resolve().parents[2]
PAGES = 30
SETTINGS = FetchSettings(per_host_delay_seconds=0.0, backoff_seconds=0.01, read_timeout=5.0)
# written for this test: appended to one page so that its text changes
CORRECTION = "<p>Correction: an earlier version of this article misstated the date of the vote.</p>"


@dataclass
class Site:
    server: LoopbackServer
    bodies: dict[str, bytes]  # path -> current HTML
    feeds: list[str]

    def serve_page(self, path: str, body: bytes) -> None:
        self.bodies[path] = body
        self.server.routes[path] = conditional(body, "text/html; charset=utf-8")


def _page_ids() -> list[str]:
    """The first 30 corpus pages (in id order) that give an article on their own."""
    chosen: list[str] = []
    for page_id in sorted(corpus_truth()):
        if ingest_bytes(corpus_page(page_id), source=f"{page_id}.html").articles:
            chosen.append(page_id)
        if len(chosen) == PAGES:
            return chosen
    raise AssertionError("fewer than 30 usable pages in the corpus")


def _rss(server: LoopbackServer, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>Story {p}</title><link>{server.url(p)}?utm_source=rss</link></item>" for p in paths)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>One</title>{items}</channel></rss>'.encode()


def _atom(server: LoopbackServer, paths: list[str]) -> bytes:
    entries = "".join(
        f'<entry><title>Story {p}</title><link href="{server.url(p)}"/><id>{p}</id>'
        "<updated>2019-11-19T10:00:00Z</updated></entry>"
        for p in paths
    )
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Two</title>{entries}</feed>'.encode()


def _sitemap(server: LoopbackServer, paths: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{server.url(p)}</loc><lastmod>2019-11-20</lastmod></url>" for p in paths)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()


@pytest.fixture(scope="module")
def page_ids() -> list[str]:
    return _page_ids()


@pytest.fixture
def site(page_ids: list[str]) -> Iterator[Site]:
    server = LoopbackServer().start()
    paths = [f"/news/{page_id[:12]}.html" for page_id in page_ids]
    running = Site(server=server, bodies={}, feeds=[])
    for path, page_id in zip(paths, page_ids, strict=True):
        running.serve_page(path, corpus_page(page_id))
    listings = [
        ("/one.rss", _rss(server, paths[:10]), "application/rss+xml"),
        ("/two.atom", _atom(server, paths[10:20]), "application/atom+xml"),
        ("/news-sitemap.xml", _sitemap(server, paths[20:]), "application/xml"),
    ]
    for path, body, content_type in listings:
        server.routes[path] = conditional(body, content_type)
        running.feeds.append(server.url(path))
    yield running
    server.stop()


def test_watch_stores_new_pages_then_fetches_nothing_then_keeps_a_revision(site: Site, tmp_path: Path) -> None:
    db = str(tmp_path / "watch.db")
    acknowledged: list[str] = []
    with Store(db) as store, Fetcher(SETTINGS) as fetcher:
        WatchState(store).add_feeds(site.feeds)
        watcher = Watcher(store, FakeProcessor(), fetcher, on_stored=lambda page: acknowledged.append(page.url))
        first = watcher.poll()
        assert first.rejected == [] and first.feeds == 3 and first.links == PAGES
        assert len(first.stored) == PAGES and len(acknowledged) == PAGES
        assert _kept(store) == PAGES
        assert all(page.language for page in first.stored)
        others = [page for page in first.stored if page.language not in ("en", "und")]
        assert others, "the corpus's first pages include some in other languages"
        assert held_articles(store).total == len(others), "those are held out of the English analysis"

        requested_before = len(site.server.log)
        second = watcher.poll()
        new_requests = site.server.log[requested_before:]
        assert second.not_modified == 3 and second.stored == [] and second.revisions == []
        assert [r.path for r in new_requests] == ["/one.rss", "/two.atom", "/news-sitemap.xml"]
        assert all("if-none-match" in r.headers for r in new_requests), "every feed asked conditionally"

        # one page of the RSS feed changes, and the feed says so (new ETag)
        changed = next(iter(site.bodies))
        site.serve_page(changed, _with_correction(site.bodies[changed]))
        rss_paths = list(site.bodies)[:10]
        site.server.routes["/one.rss"] = conditional(_rss(site.server, rss_paths) + b"\n", "application/rss+xml")
        third = watcher.poll()
        assert third.stored == [] and [p.url for p in third.revisions] == [site.server.url(changed) + "?utm_source=rss"]
        assert third.unchanged == 9, "the feed's other pages answered 304 to their conditional GET"
        assert _kept(store) == PAGES, "a revision is not a second article"
        revisions = WatchState(store).revisions(canonical_url(site.server.url(changed)))
        assert len(revisions) == 2 and "misstated the date of the vote" in revisions[1].text
        assert "misstated" not in revisions[0].text


def _kept(store: Store) -> int:
    """Articles the store keeps: analysed and in a story, or held (in a language the analysis does not read)."""
    return store.count_articles() + held_articles(store).total


def _with_correction(html: bytes) -> bytes:
    """The page with a paragraph added inside its article body (after the body's longest paragraph)."""
    article = ingest_bytes(html, source="page.html").articles[0]
    opening = max(article.text.split("\n"), key=len)[:40].encode()
    start = html.rfind(opening)
    assert start >= 0, "the article's first words appear in the page as they are"
    end = html.find(b"</p>", start) + len(b"</p>")
    return html[:end] + CORRECTION.encode() + html[end:]


def _child(db: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.ingest.watch_child", db],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_sigkill_mid_poll_loses_nothing_acknowledged(site: Site, tmp_path: Path) -> None:
    db = str(tmp_path / "killed.db")
    with Store(db) as store:
        WatchState(store).add_feeds(site.feeds)
    child = _child(db)
    assert child.stdout is not None
    acknowledged: dict[str, str] = {}
    for line in child.stdout:
        if line.startswith("stored "):
            _, url, article_id = line.split()
            acknowledged[url] = article_id
        if len(acknowledged) >= 12:
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr.read() if child.stderr else ""
    with Store(db) as store:
        state = WatchState(store)
        assert all(store.has_article(i) or is_held(store, i) for i in acknowledged.values())
        assert all(state.page(canonical_url(url)) is not None for url in acknowledged)
        assert 12 <= _kept(store) < PAGES
        assert store.check_consistency() == []
        # the first feed (10 pages) finished and kept its validators; the feed in flight kept none, so the
        # next poll reads it again
        etags = [feed.etag for feed in state.feeds()]
        assert etags[0] is not None and etags[1] is None and etags[2] is None

    rerun = _child(db)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    stored, duplicates, rejected = (int(n) for n in out.strip().splitlines()[-1].split()[1:])
    assert rejected == 0 and stored + duplicates <= PAGES
    with Store(db) as store:
        assert _kept(store) == PAGES and WatchState(store).count_pages() == PAGES
        assert store.check_consistency() == []


def test_a_failing_feed_is_one_line_and_the_others_are_polled(site: Site, tmp_path: Path) -> None:
    site.server.routes["/down.rss"] = lambda _r: Reply(404)
    with Store(str(tmp_path / "w.db")) as store, Fetcher(SETTINGS) as fetcher:
        WatchState(store).add_feeds([site.server.url("/down.rss"), site.feeds[0]])
        report = Watcher(store, FakeProcessor(), fetcher).poll()
        assert [(r.source, r.reason) for r in report.rejected] == [(site.server.url("/down.rss"), "HTTP 404 Not Found")]
        assert len(report.stored) == 10
        statuses = {feed.url: feed.last_status for feed in WatchState(store).feeds()}
        assert statuses[site.server.url("/down.rss")] == "error: HTTP 404 Not Found"
        assert statuses[site.feeds[0]] == "200: 10 links, 10 new"
