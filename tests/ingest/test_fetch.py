"""Fetching over HTTP against a real server on loopback (tests/ingest/loopback.py), never the internet: real
pages of ../shared/corpora/article-extraction served gzip-encoded, feeds and sitemaps with ETag/304,
redirects and a loop, 404/429/500, a response slower than the timeout, a wrong charset, a huge body and
robots.txt."""

from __future__ import annotations

import gzip
import re
import time
from collections.abc import Iterator

import pytest

from newsfuse.ingest.fetch import Fetcher, FetchError, FetchSettings
from newsfuse.ingest.web import articles_from, ingest_urls, listing_text, read_listing
from tests.ingest.loopback import (
    LoopbackServer,
    Reply,
    Request,
    conditional,
    corpus_page_gzip,
    corpus_truth,
)

FAST = FetchSettings(
    connect_timeout=2.0,
    read_timeout=0.5,
    total_timeout=5.0,
    max_bytes=2_000_000,
    retries=2,
    backoff_seconds=0.01,
    max_retry_after_seconds=5.0,
    per_host_delay_seconds=0.0,
)
# A Wall Street Journal page of the corpus (its URL in ground-truth.json is on www.wsj.com)
PAGE_ID = "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856"
_WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackServer]:
    running = LoopbackServer().start()
    yield running
    running.stop()


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def fetcher(sleeps: list[float]) -> Iterator[Fetcher]:
    with Fetcher(FAST, sleep=sleeps.append) as client:
        yield client


def _html(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"


def _overlap(expected: str, got: str) -> float:
    """Share of the expected text's words found, in order-free multiset terms."""
    want, have = _WORD.findall(expected.lower()), _WORD.findall(got.lower())
    pool: dict[str, int] = {}
    for word in have:
        pool[word] = pool.get(word, 0) + 1
    hits = 0
    for word in want:
        if pool.get(word, 0) > 0:
            pool[word] -= 1
            hits += 1
    return hits / max(len(want), 1)


def test_a_real_page_served_gzip_is_fetched_and_extracted(server: LoopbackServer, fetcher: Fetcher) -> None:
    server.routes["/wsj/page.html"] = lambda _r: Reply(
        200,
        {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip", "Cache-Control": "max-age=60"},
        corpus_page_gzip(PAGE_ID),
    )
    fetched = fetcher.fetch(server.url("/wsj/page.html"))
    assert fetched.status == 200 and fetched.content_type == "text/html"
    assert fetched.body.lstrip().lower().startswith((b"<!doctype", b"<html")), "the gzip body was decoded"
    report = articles_from(fetched)
    assert report.rejected == [] and len(report.articles) == 1
    article = report.articles[0]
    assert _overlap(corpus_truth()[PAGE_ID]["articleBody"], article.text) > 0.9
    assert article.outlet and "wall street journal" in article.outlet.lower()
    assert article.language == "en"
    assert article.title and "|" not in article.title


def test_user_agent_identifies_newsfuse(server: LoopbackServer, fetcher: Fetcher) -> None:
    server.routes["/ua"] = lambda _r: Reply(200, {"Content-Type": "text/plain"}, b"ok")
    fetcher.fetch(server.url("/ua"))
    agents = [r.headers.get("user-agent", "") for r in server.log if r.path == "/ua"]
    assert agents and all(agent.startswith("newsfuse/") for agent in agents)


def test_feed_etag_then_304_and_last_modified(server: LoopbackServer, fetcher: Fetcher) -> None:
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Loop News</title>'
        b"<item><title>One</title><link>http://example.invalid/one</link>"
        b"<pubDate>Tue, 19 Nov 2019 10:00:00 GMT</pubDate></item></channel></rss>"
    )
    server.routes["/feed.xml"] = conditional(feed, "application/rss+xml")
    first = fetcher.fetch(server.url("/feed.xml"))
    assert first.status == 200 and first.etag
    listing = read_listing(first.text(), first.final_url)
    assert listing.kind == "feed" and [link.url for link in listing.links] == ["http://example.invalid/one"]
    again = fetcher.fetch(server.url("/feed.xml"), etag=first.etag)
    assert again.not_modified and again.body == b""
    stamp = "Tue, 19 Nov 2019 10:00:00 GMT"
    server.routes["/dated.xml"] = conditional(feed, "application/rss+xml", last_modified=stamp)
    assert fetcher.fetch(server.url("/dated.xml")).last_modified == stamp
    assert fetcher.fetch(server.url("/dated.xml"), last_modified=stamp).not_modified


def test_sitemap_and_sitemap_index(server: LoopbackServer, fetcher: Fetcher) -> None:
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        "<url><loc>http://example.invalid/a</loc><news:news><news:publication_date>2024-06-19T08:00:00Z"
        "</news:publication_date><news:title>Harbour bridge reopens</news:title></news:news></url>"
        "<url><loc>http://example.invalid/b</loc><lastmod>2024-06-20</lastmod></url></urlset>"
    )
    server.routes["/sitemap.xml"] = conditional(sitemap.encode(), "application/xml")
    listing = read_listing(fetcher.fetch(server.url("/sitemap.xml")).text(), "sitemap")
    assert listing.kind == "sitemap"
    assert [(link.url, link.title, str(link.published)) for link in listing.links] == [
        ("http://example.invalid/a", "Harbour bridge reopens", "2024-06-19"),
        ("http://example.invalid/b", None, "2024-06-20"),
    ]
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{server.url('/sitemap.xml')}</loc></sitemap></sitemapindex>"
    )
    assert read_listing(index, "index").sitemaps == [server.url("/sitemap.xml")]
    # a sitemap published as a .gz file (application/gzip, no Content-Encoding) is unpacked
    server.routes["/sitemap.xml.gz"] = lambda _r: Reply(
        200, {"Content-Type": "application/gzip"}, gzip.compress(sitemap.encode())
    )
    packed = read_listing(listing_text(fetcher.fetch(server.url("/sitemap.xml.gz"))), "packed")
    assert [link.url for link in packed.links] == ["http://example.invalid/a", "http://example.invalid/b"]


def test_redirects_are_followed_and_loops_and_long_chains_refused(server: LoopbackServer, fetcher: Fetcher) -> None:
    server.routes["/old"] = lambda _r: Reply(301, {"Location": "/older"})
    server.routes["/older"] = lambda _r: Reply(302, {"Location": server.url("/new")})
    server.routes["/new"] = lambda _r: Reply(200, {"Content-Type": "text/plain"}, b"moved here")
    fetched = fetcher.fetch(server.url("/old"))
    assert fetched.final_url == server.url("/new") and fetched.body == b"moved here"
    assert fetched.redirects == [server.url("/older"), server.url("/new")]

    server.routes["/ping"] = lambda _r: Reply(302, {"Location": "/pong"})
    server.routes["/pong"] = lambda _r: Reply(302, {"Location": "/ping"})
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher.fetch(server.url("/ping"))

    for step in range(10):
        server.routes[f"/hop{step}"] = lambda _r, n=step: Reply(307, {"Location": f"/hop{n + 1}"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.fetch(server.url("/hop0"))


def test_404_is_one_line_and_not_retried(server: LoopbackServer, fetcher: Fetcher) -> None:
    before = len(server.requested("/missing"))
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/missing"))
    assert str(caught.value) == "HTTP 404 Not Found"
    assert len(server.requested("/missing")) - before == 1


def test_429_waits_as_retry_after_says_then_succeeds(
    server: LoopbackServer, fetcher: Fetcher, sleeps: list[float]
) -> None:
    answers = iter([Reply(429, {"Retry-After": "2"}), Reply(200, {"Content-Type": "text/plain"}, b"done")])
    server.routes["/busy"] = lambda _r: next(answers)
    assert fetcher.fetch(server.url("/busy")).body == b"done"
    assert 2.0 in sleeps

    server.routes["/closed"] = lambda _r: Reply(429, {"Retry-After": "3600"})
    with pytest.raises(FetchError, match="retry after 3600 s"):
        fetcher.fetch(server.url("/closed"))


def test_500_retried_with_backoff_then_reported(server: LoopbackServer, fetcher: Fetcher, sleeps: list[float]) -> None:
    flaky = iter([Reply(503), Reply(200, {"Content-Type": "text/plain"}, b"back")])
    server.routes["/flaky"] = lambda _r: next(flaky)
    assert fetcher.fetch(server.url("/flaky")).body == b"back"

    server.routes["/broken"] = lambda _r: Reply(500)
    sleeps.clear()
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/broken"))
    assert str(caught.value) == "HTTP 500 Internal Server Error after 3 attempts"
    assert len(server.requested("/broken")) == 3
    assert sleeps == sorted(sleeps) and sleeps[1] == 2 * sleeps[0], "exponential backoff"


def test_a_response_slower_than_the_timeout_fails_fast(server: LoopbackServer, fetcher: Fetcher) -> None:
    server.routes["/slow"] = lambda _r: Reply(200, {"Content-Type": "text/plain"}, b"late", delay=2.0)
    with pytest.raises(FetchError, match="timed out waiting for the response"):
        fetcher.fetch(server.url("/slow"))

    def trickle() -> Iterator[bytes]:
        for _ in range(40):
            time.sleep(0.2)  # each chunk inside the read timeout, the whole far past the total one
            yield b"x" * 10

    slow_total = Fetcher(FetchSettings(read_timeout=1.0, total_timeout=1.0, per_host_delay_seconds=0.0))
    server.routes["/trickle"] = lambda _r: Reply(200, {"Content-Type": "text/plain"}, chunks=trickle())
    with slow_total, pytest.raises(FetchError, match="took over 1 s"):
        slow_total.fetch(server.url("/trickle"))


def test_wrong_declared_charset_is_checked_against_the_bytes(server: LoopbackServer, fetcher: Fetcher) -> None:
    text = _html("Café owners protest", ["The café’s owner said the naïve plan would cost €40,000 a year."])
    # declared UTF-8, really Windows-1252
    server.routes["/cp1252"] = lambda _r: Reply(
        200, {"Content-Type": "text/html; charset=utf-8"}, text.encode("cp1252")
    )
    # declared ISO-8859-1, really UTF-8 (decoding as declared would give 'cafÃ©')
    server.routes["/utf8"] = lambda _r: Reply(200, {"Content-Type": "text/html; charset=iso-8859-1"}, text.encode())
    for path in ("/cp1252", "/utf8"):
        article = articles_from(fetcher.fetch(server.url(path))).articles[0]
        assert "café’s owner" in article.text and "naïve" in article.text and "€40,000" in article.text
        assert "Ã" not in article.text


def test_huge_bodies_are_cut_off(server: LoopbackServer, fetcher: Fetcher) -> None:
    huge = b"<p>" + b"word " * 1_000_000 + b"</p>"
    server.routes["/huge"] = lambda _r: Reply(200, {"Content-Type": "text/html"}, huge)
    with pytest.raises(FetchError, match="over the 2,000,000-byte limit"):
        fetcher.fetch(server.url("/huge"))
    # no Content-Length: read until the cap
    server.routes["/stream"] = lambda _r: Reply(200, {"Content-Type": "text/html"}, chunks=iter([b"x" * 65536] * 64))
    with pytest.raises(FetchError, match="stopped reading"):
        fetcher.fetch(server.url("/stream"))
    # 50 MB of zeros compressed to ~50 kB: the cap applies to what it expands to
    bomb = gzip.compress(b"\0" * 50_000_000)
    server.routes["/bomb"] = lambda _r: Reply(200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, bomb)
    with pytest.raises(FetchError, match="stopped reading"):
        fetcher.fetch(server.url("/bomb"))


def test_robots_txt_disallow_is_respected() -> None:
    robots_server = LoopbackServer().start()
    try:
        robots_server.routes["/robots.txt"] = lambda _r: Reply(
            200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"
        )
        robots_server.routes["/private/story"] = lambda _r: Reply(200, {"Content-Type": "text/plain"}, b"secret")
        robots_server.routes["/public/story"] = lambda _r: Reply(200, {"Content-Type": "text/plain"}, b"open")
        with Fetcher(FAST) as client:
            with pytest.raises(FetchError, match=r"robots\.txt of .* disallows /private/story"):
                client.fetch(robots_server.url("/private/story"))
            assert client.fetch(robots_server.url("/public/story")).body == b"open"
        assert "/private/story" not in robots_server.requested()
        assert robots_server.requested().count("/robots.txt") == 1, "robots.txt read once per site"
    finally:
        robots_server.stop()


def test_per_host_delay_spaces_requests(server: LoopbackServer) -> None:
    sleeps: list[float] = []
    server.routes["/polite"] = lambda _r: Reply(200, {"Content-Type": "text/plain"}, b"ok")
    settings = FetchSettings(per_host_delay_seconds=30.0, respect_robots=False)
    with Fetcher(settings, sleep=sleeps.append) as client:
        client.fetch(server.url("/polite"))
        client.fetch(server.url("/polite"))
    assert len(sleeps) == 1 and 29.0 < sleeps[0] <= 30.0


def test_a_batch_goes_on_past_failures(server: LoopbackServer, fetcher: Fetcher) -> None:
    story = _html(
        "Harbour ferry timetable changes",
        [
            "The harbour ferry will run every twenty minutes from Monday, the operator said on Friday.",
            "Commuters had asked for more frequent crossings during the bridge repairs.",
        ],
    )
    server.routes["/good.html"] = lambda _r: Reply(200, {"Content-Type": "text/html; charset=utf-8"}, story.encode())
    server.routes["/teapot"] = lambda _r: Reply(418)
    urls = [server.url("/gone"), "ftp://example.invalid/x", server.url("/teapot"), server.url("/good.html")]
    report = ingest_urls(urls, fetcher)
    assert [a.url for a in report.articles] == [server.url("/good.html")]
    reasons = {r.source: r.reason for r in report.rejected}
    assert reasons == {
        server.url("/gone"): "HTTP 404 Not Found",
        "ftp://example.invalid/x": "not an http(s) URL: ftp://example.invalid/x",
        server.url("/teapot"): "HTTP 418 I'm a Teapot",
    }
    assert all("\n" not in reason for reason in reasons.values())
    # the server has no site name and no registered domain (an IP address): no outlet is made up
    assert report.articles[0].outlet is None


def test_request_log_shows_conditional_headers(server: LoopbackServer, fetcher: Fetcher) -> None:
    server.routes["/cond"] = conditional(b"body", "text/plain")

    def seen(request: Request) -> bool:
        return request.path == "/cond" and "if-none-match" in request.headers

    first = fetcher.fetch(server.url("/cond"))
    fetcher.fetch(server.url("/cond"), etag=first.etag)
    assert sum(seen(r) for r in server.log) == 1
