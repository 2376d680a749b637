"""Keeping a store current from feeds and sitemaps: poll each registered feed with a conditional GET, fetch the
pages it lists that the store has not seen (by canonical URL, then by content hash), store their articles,
and keep a changed page at a known URL as a new revision of its article (never a second article).

Wiring, like pipeline.py: it joins the ingest stage (fetching, reading) to the store. Every page is committed
on its own and acknowledged after its commit; a feed's validators are saved only once its poll finished, so
a poll killed halfway is repeated whole next time and skips what it had stored."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from types import FrameType

from courlan import clean_url, normalize_url

from newsfuse.errors import InputError
from newsfuse.ingest.fetch import Fetched, Fetcher, FetchError
from newsfuse.ingest.language import is_analysed
from newsfuse.ingest.web import Link, Listing, articles_from, listing_text, read_listing
from newsfuse.model import Article, Rejected
from newsfuse.store.amendments import replace_article
from newsfuse.store.held import hold, is_held, release
from newsfuse.store.protocols import Processor
from newsfuse.store.repository import Store
from newsfuse.store.watching import WatchState


@dataclass(frozen=True)
class WatchSettings:
    """The watch loop's thresholds, in one place."""

    interval_seconds: float = 900.0
    max_links_per_feed: int = 500
    max_child_sitemaps: int = 20  # a sitemap index is read one level down, at most this many sitemaps


@dataclass(frozen=True)
class StoredPage:
    """A page whose article is now in the store (acknowledged: it survives a crash)."""

    url: str
    article_id: str
    language: str
    revision: int
    outlet: str | None
    agency: str | None = None  # the agency whose report the page carries ("(AP) —")

    @property
    def credit(self) -> str:
        """How the page's source is named: "Harbour Gazette, via Associated Press"."""
        outlet = self.outlet or "no outlet"
        return f"{outlet}, via {self.agency}" if self.agency else outlet


@dataclass
class PollReport:
    feeds: int = 0
    not_modified: int = 0
    links: int = 0
    stored: list[StoredPage] = field(default_factory=list)
    revisions: list[StoredPage] = field(default_factory=list)
    unchanged: int = 0
    known: int = 0
    duplicates: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    requests: int = 0
    stopped: bool = False


def canonical_url(url: str) -> str:
    """The key a page is known by: tracking parameters and fragment dropped, scheme and host lower-cased."""
    try:
        cleaned = clean_url(url) or url
        return str(normalize_url(cleaned, strict=True)).split("#", 1)[0]
    except (ValueError, TypeError):
        return url.strip()


class Watcher:
    """One store, one fetcher, one processor: ``poll()`` once (``--once``), or ``run()`` until stopped."""

    def __init__(
        self,
        store: Store,
        processor: Processor,
        fetcher: Fetcher,
        settings: WatchSettings | None = None,
        on_stored: Callable[[StoredPage], None] | None = None,
    ) -> None:
        self.store = store
        self.state = WatchState(store)
        self.processor = processor
        self.fetcher = fetcher
        self.settings = settings or WatchSettings()
        self.on_stored = on_stored
        self.stop_requested = threading.Event()

    def poll(self) -> PollReport:
        report = PollReport()
        requests_before = self.fetcher.requests
        for feed in self.state.feeds():
            if self.stop_requested.is_set():
                report.stopped = True
                break
            report.feeds += 1
            self._poll_feed(feed.url, feed.etag, feed.last_modified, report)
        report.requests = self.fetcher.requests - requests_before
        return report

    def take_pages(self, urls: list[str], *, outlet: str | None = None, published: date | None = None) -> PollReport:
        """Fetch and store pages given by address (``newsfuse ingest URL --db``), as a feed's entries are: a
        known page is asked for conditionally, and one whose text changed becomes a revision."""
        report = PollReport(links=len(urls))
        requests_before = self.fetcher.requests
        for url in urls:
            if self.stop_requested.is_set():
                report.stopped = True
                break
            self._take(Link(url=url, published=published, outlet=outlet), report)
        report.requests = self.fetcher.requests - requests_before
        return report

    def run(self, on_poll: Callable[[PollReport], None] | None = None) -> None:
        """Poll every ``interval_seconds`` until ``stop_requested`` is set (SIGINT/SIGTERM under ``signals``)."""
        while not self.stop_requested.is_set():
            report = self.poll()
            if on_poll is not None:
                on_poll(report)
            self.stop_requested.wait(self.settings.interval_seconds)

    @contextmanager
    def signals(self) -> Iterator[None]:
        """SIGINT and SIGTERM finish the page in flight, then stop (main thread only)."""

        def stop(_signum: int, _frame: FrameType | None) -> None:
            self.stop_requested.set()

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    # ---------------------------------------------------------------- one feed

    def _poll_feed(self, url: str, etag: str | None, last_modified: str | None, report: PollReport) -> None:
        try:
            fetched = self.fetcher.fetch(url, etag=etag, last_modified=last_modified)
        except FetchError as error:
            report.rejected.append(Rejected(source=url, reason=str(error)))
            self.state.save_poll(url, f"error: {error}")
            return
        if fetched.not_modified:
            report.not_modified += 1
            self.state.save_poll(url, "304 not modified")
            return
        try:
            listing = self._listing(fetched)
        except InputError as error:
            report.rejected.append(Rejected(source=url, reason=str(error)))
            self.state.save_poll(url, f"error: {error}")
            return
        links = listing.links[: self.settings.max_links_per_feed]
        report.links += len(links)
        stored_before = len(report.stored)
        for link in links:
            if self.stop_requested.is_set():
                report.stopped = True
                return  # validators not saved: the next poll reads this feed again
            self._take(link, report)
        new = len(report.stored) - stored_before
        self.state.save_poll(
            url,
            f"{fetched.status}: {len(links)} links, {new} new",
            etag=fetched.etag,
            last_modified=fetched.last_modified,
        )

    def _listing(self, fetched: Fetched) -> Listing:
        listing = read_listing(listing_text(fetched), fetched.final_url)
        if not listing.sitemaps:
            return listing
        links = list(listing.links)
        for child in listing.sitemaps[: self.settings.max_child_sitemaps]:
            try:
                links += read_listing(listing_text(self.fetcher.fetch(child)), child).links
            except InputError:
                continue  # one broken child sitemap leaves the others
        return Listing(kind=listing.kind, links=links, sitemaps=[], title=listing.title)

    # ---------------------------------------------------------------- one page

    def _take(self, link: Link, report: PollReport) -> None:
        key = canonical_url(link.url)
        known = self.state.page(key)
        try:
            if known is None:
                fetched = self.fetcher.fetch(link.url)
            else:
                fetched = self.fetcher.fetch(link.url, etag=known.etag, last_modified=known.last_modified)
        except FetchError as error:
            report.rejected.append(Rejected(source=link.url, reason=str(error)))
            return
        if fetched.not_modified:
            report.unchanged += 1
            return
        article = self._article(fetched, link, report)
        if article is None:
            return
        if known is not None:
            self._revise(key, known.article_id, article, fetched, report)
            return
        kept = self._keep(article, report)
        if kept is None:
            return
        # kept already: the same text under another address, one article now known by this URL too
        revision = self.state.record_page(
            key, link.url, article, etag=fetched.etag, last_modified=fetched.last_modified
        )
        page = StoredPage(link.url, article.id, article.language, revision, article.outlet, article.agency)
        if kept:
            report.stored.append(page)
            if self.on_stored is not None:
                self.on_stored(page)
        else:
            report.duplicates.append(link.url)

    def _keep(self, article: Article, report: PollReport) -> bool | None:
        """A new page's article kept in the store: analysed and placed in a story, or (in a language the
        analysis does not read) held. True: kept now; False: kept already; None: it failed (in ``report``)."""
        if self.store.has_article(article.id) or is_held(self.store, article.id):
            return False
        if self.state.was_revised(article.id):
            return False  # a page's earlier text, replaced in its story: counted once, as the newer one
        if not is_analysed(article.language):
            held, _ = hold(self.store, [article])
            return bool(held)
        outcome = self.store.ingest([article], self.processor)
        report.rejected += outcome.rejected
        if outcome.added:
            return True
        return False if outcome.duplicates else None

    def _article(self, fetched: Fetched, link: Link, report: PollReport) -> Article | None:
        page = articles_from(fetched, outlet=link.outlet, published=link.published)
        report.rejected += page.rejected
        if not page.articles:
            return None
        article = page.articles[0]
        # the feed's title and date stand in for what the page does not say
        return article.model_copy(
            update={"title": article.title or link.title, "published": article.published or link.published}
        )

    def _revise(self, key: str, stored_id: str, article: Article, fetched: Fetched, report: PollReport) -> None:
        if article.id == stored_id:
            self.state.touch_page(key, etag=fetched.etag, last_modified=fetched.last_modified)
            report.unchanged += 1
            return
        release(self.store, stored_id)  # an earlier text held out of the analysis: the new one replaces it
        try:
            # the new text takes the earlier one's place in its story: one article, counted once
            story_id = replace_article(self.store, stored_id, article, self.processor)
        except InputError as error:
            report.rejected.append(Rejected(source=fetched.url, reason=str(error)))
            return
        # the earlier text is no longer stored, or was held (another language): the new one is kept afresh
        if story_id is None and self._keep(article, report) is None:
            return
        revision = self.state.record_page(
            key, fetched.url, article, etag=fetched.etag, last_modified=fetched.last_modified
        )
        page = StoredPage(fetched.url, article.id, article.language, revision, article.outlet, article.agency)
        report.revisions.append(page)
        if self.on_stored is not None:
            self.on_stored(page)
