"""``newsfuse watch`` on the command line against a loopback server, with the hand-written pipeline of the
store tests: each stored article is reported with its language (a French page is held out of the English
analysis, with a one-line note), a second run finds every feed unchanged, and ``--list`` shows the last poll."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsfuse.cli.watch_cmd as watch_cmd
from newsfuse.cli import app
from newsfuse.model import Settings
from newsfuse.store import Processor, Store
from newsfuse.store.held import held_articles
from tests.ingest.loopback import LoopbackServer, conditional
from tests.store.fakes import FakeProcessor

# Written for this test.
PAGES = {
    "/en.html": (
        "Ferry terminal reopens",
        "The harbour ferry terminal reopened on Monday after three months of repairs, the port authority said. "
        "Commuters welcomed the return of the early morning crossings to the city centre.",
    ),
    "/fr.html": (
        "Le terminal des ferries rouvre",
        "Le terminal des ferries du port a rouvert lundi après trois mois de travaux, a indiqué l'autorité "
        "portuaire. Les usagers ont salué le retour des traversées matinales vers le centre-ville.",
    ),
}


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopbackServer]:
    def processor(_settings: Settings | None = None) -> Processor:
        return FakeProcessor()

    monkeypatch.setattr(watch_cmd, "default_processor", processor)
    running = LoopbackServer().start()
    for path, (title, text) in PAGES.items():
        html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p></article>"
        running.routes[path] = conditional(html.encode(), "text/html; charset=utf-8")
    items = "".join(f"<item><title>{t}</title><link>{running.url(p)}</link></item>" for p, (t, _) in PAGES.items())
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Port</title>{items}</channel></rss>'
    running.routes["/feed.rss"] = conditional(feed.encode(), "application/rss+xml")
    yield running
    running.stop()


def test_watch_once_reports_languages_then_nothing_new(server: LoopbackServer, tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# the port's feed\n{server.url('/feed.rss')}\n", encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(app, ["watch", "--db", db, str(feeds), "--once", "--delay", "0"])
    assert first.exit_code == 0, first.output
    assert f"stored [en] {server.url('/en.html')}" in first.output
    assert f"held [fr] {server.url('/fr.html')}" in first.output
    assert f"note {server.url('/fr.html')}: language fr, not English: kept out of the English analysis" in first.output
    assert "2 new article(s)" in first.output
    with Store(db) as store:
        assert store.count_articles() == 1, "only the English page is analysed and placed in a story"
        held = held_articles(store)
        assert [(h.language, h.title) for h in held.items] == [("fr", "Le terminal des ferries rouvre")]

    again = runner.invoke(app, ["watch", "--db", db, "--once", "--delay", "0"])
    assert again.exit_code == 0, again.output
    assert "(1 not modified)" in again.output and "0 new article(s)" in again.output
    # a new run reads the site's robots.txt once, then asks for the feed conditionally: nothing else
    assert "2 request(s)" in again.output
    assert server.requested()[-2:] == ["/robots.txt", "/feed.rss"]

    listed = runner.invoke(app, ["watch", "--db", db, "--list"])
    assert listed.exit_code == 0 and server.url("/feed.rss") in listed.output and "304 not modified" in listed.output


def test_watch_without_feeds_or_with_a_bad_file_fails_in_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    empty = runner.invoke(app, ["watch", "--db", str(tmp_path / "n.db"), "--once"])
    assert empty.exit_code == 1 and "no feeds" in empty.output
    missing = runner.invoke(app, ["watch", "--db", str(tmp_path / "n.db"), "nowhere.txt"])
    assert missing.exit_code == 1 and "not a URL and no such file: nowhere.txt" in missing.output
    assert "Traceback" not in missing.output


def test_a_page_carrying_an_agencys_report_is_named_with_it(server: LoopbackServer, tmp_path: Path) -> None:
    text = (
        "WESTHAVEN (AP) — The harbour ferry terminal reopened on Monday after three months of repairs, the port "
        "authority said. Commuters welcomed the return of the early morning crossings to the city centre."
    )
    html = (
        "<html><head><title>Ferry terminal reopens</title><meta property='og:site_name' content='Harbour Gazette'>"
        f"</head><body><article><h1>Ferry terminal reopens</h1><p>{text}</p></article></body></html>"
    )
    server.routes["/wire.html"] = conditional(html.encode(), "text/html; charset=utf-8")
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><item><link>{server.url("/wire.html")}</link></item>'
    server.routes["/wire.rss"] = conditional((feed + "</channel></rss>").encode(), "application/rss+xml")
    result = CliRunner().invoke(app, ["watch", "--db", str(tmp_path / "n.db"), server.url("/wire.rss"), "--once"])
    assert result.exit_code == 0, result.output
    assert f"stored [en] {server.url('/wire.html')} (Harbour Gazette, via Associated Press)" in result.output
