"""``newsfuse brief URL…`` and ``newsfuse ingest URL… --db`` against a real server on loopback: URLs mixed with
file paths, each failing URL one clear line while the rest of the batch goes on; a page ingested again is
asked for conditionally, and one whose text changed replaces its earlier text in its story (one article,
counted once); a text posted again with other metadata corrects the stored article."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsfuse.cli.inputs as inputs
import newsfuse.cli.store_cmd as store_cmd
from newsfuse.cli import app
from newsfuse.ingest.fetch import FetchSettings
from newsfuse.model import Settings
from newsfuse.store import Processor, Store
from newsfuse.store.amendments import corrections
from newsfuse.store.held import held_articles
from newsfuse.store.watching import WatchState
from newsfuse.watch import canonical_url
from tests.ingest.loopback import LoopbackServer, Reply, conditional, corpus_page, corpus_truth
from tests.store.fakes import FakeProcessor
from tests.store.texts import BRIDGE_A, BRIDGE_B, FESTIVAL

QUICK = FetchSettings(per_host_delay_seconds=0.0, backoff_seconds=0.01, retries=1, read_timeout=5.0)
# written for this test: a report in French
FRENCH = (
    "Le pont du port a rouvert mardi après six semaines de travaux sur ses câbles, a indiqué la mairie. "
    "Les ingénieurs ont remplacé quarante câbles et la circulation reprendra normalement dès ce soir."
)
# written for this test: appended to a page so that its text changes
UPDATE = "<p>Update: the council said on Wednesday that the night closures would end in May.</p>"


def _html(text: str) -> bytes:
    """One of the written test texts as a small web page (its header lines become the page's metadata)."""
    header, body = text.split("\n\n", 1)
    meta = dict(line.split(": ", 1) for line in header.splitlines())
    return (
        f"<html><head><title>{meta['title']}</title><meta property='og:site_name' content='{meta['outlet']}'>"
        f"<meta property='article:published_time' content='{meta['date']}'></head>"
        f"<body><article><h1>{meta['title']}</h1><p>{body.strip()}</p></article></body></html>"
    ).encode()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopbackServer]:
    monkeypatch.setattr(inputs, "FETCH_SETTINGS", QUICK)
    running = LoopbackServer().start()
    running.routes["/bridge.html"] = conditional(_html(BRIDGE_B), "text/html; charset=utf-8")
    running.routes["/festival.html"] = conditional(_html(FESTIVAL), "text/html; charset=utf-8")
    running.routes["/gone.html"] = lambda _request: Reply(404, {"Content-Type": "text/plain"}, b"gone")
    yield running
    running.stop()


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> FakeProcessor:
    processor = FakeProcessor()

    def default_processor(_settings: Settings | None = None) -> Processor:
        return processor

    monkeypatch.setattr(store_cmd, "default_processor", default_processor)
    return processor


def test_ingest_mixes_urls_and_files_and_each_failure_is_one_line(
    server: LoopbackServer, fake_pipeline: FakeProcessor, tmp_path: Path
) -> None:
    db = str(tmp_path / "news.db")
    (tmp_path / "a.txt").write_text(BRIDGE_A, encoding="utf-8")
    unreachable = f"http://127.0.0.1:{_closed_port()}/page.html"
    args = [server.url("/bridge.html"), str(tmp_path / "a.txt"), server.url("/gone.html"), unreachable]
    result = CliRunner().invoke(app, ["ingest", *args, server.url("/festival.html"), "--db", db])
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 2, result.stderr
    assert skipped[0] == f"skipped {server.url('/gone.html')}: HTTP 404 Not Found"
    assert skipped[1].startswith(f"skipped {unreachable}: cannot connect to 127.0.0.1:")
    assert "added 3 articles" in result.stdout and "2 skipped" in result.stdout
    assert "Traceback" not in result.output
    with Store(db) as store:
        assert store.count_articles() == 3
        outlets = {outlet for summary in store.stories().items for outlet in summary.outlets}
        assert outlets == {"Valley Herald", "Arts Weekly", "Coast Daily"}
        page = WatchState(store).page(canonical_url(server.url("/bridge.html")))
        assert page is not None and store.has_article(page.article_id)


def test_a_changed_page_replaces_its_earlier_text_in_its_story(
    server: LoopbackServer, fake_pipeline: FakeProcessor, tmp_path: Path
) -> None:
    db = str(tmp_path / "news.db")
    (tmp_path / "a.txt").write_text(BRIDGE_A, encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), server.url("/bridge.html"), "--db", db])
    assert first.exit_code == 0, first.output
    key = canonical_url(server.url("/bridge.html"))
    with Store(db) as store:
        earlier = WatchState(store).page(key)
        assert earlier is not None
        story_id = store.story_of(earlier.article_id)
        assert story_id is not None and store.story_of(store.members(story_id)[0].article.id) == story_id
        assert len(store.members(story_id)) == 2, "the two bridge reports are one story"
        store.brief(story_id, fake_pipeline)
        assert store.is_brief_cached(story_id)

    again = runner.invoke(app, ["ingest", server.url("/bridge.html"), "--db", db])
    assert again.exit_code == 0 and "added 0 articles" in again.stdout and "1 already stored" in again.stdout
    assert server.log[-1].headers.get("if-none-match"), "a page fetched before is asked for conditionally"

    changed = _html(BRIDGE_B).replace(b"</p></article>", b"</p>" + UPDATE.encode() + b"</article>")
    server.routes["/bridge.html"] = conditional(changed, "text/html; charset=utf-8")
    revised = runner.invoke(app, ["ingest", server.url("/bridge.html"), "--db", db])
    assert revised.exit_code == 0, revised.output
    assert f"revised {server.url('/bridge.html')}: revision 2" in revised.stderr
    with Store(db) as store:
        page = WatchState(store).page(key)
        assert page is not None and page.revision == 2 and page.article_id != earlier.article_id
        assert store.count_articles() == 2, "the new text replaces the earlier one: nothing is counted twice"
        assert not store.has_article(earlier.article_id)
        assert store.story_of(page.article_id) == story_id, "the revision stays in its story"
        members = store.members(story_id)
        assert len(members) == 2 and any("night closures would end in May" in m.article.text for m in members)
        story = store.story(story_id)
        assert story is not None and set(story.article_ids) == {m.article.id for m in members}
        assert not store.is_brief_cached(story_id), "the story's brief is recomputed with the new text"
        brief = store.brief(story_id, fake_pipeline)
        assert brief is not None and page.article_id in {source.id for source in brief.sources}
        assert earlier.article_id not in {source.id for source in brief.sources}
        assert store.check_consistency() == []
        assert [r.id for r in WatchState(store).revisions(key)] == [earlier.article_id, page.article_id]

    # the earlier text found again at another address is the page's old version, not a new article
    server.routes["/copy.html"] = conditional(_html(BRIDGE_B), "text/html; charset=utf-8")
    copy = runner.invoke(app, ["ingest", server.url("/copy.html"), "--db", db])
    assert copy.exit_code == 0 and "added 0 articles" in copy.stdout and "1 already stored" in copy.stdout
    with Store(db) as store:
        assert store.count_articles() == 2


def test_a_text_posted_again_with_other_metadata_corrects_the_stored_article(
    fake_pipeline: FakeProcessor, tmp_path: Path
) -> None:
    db = str(tmp_path / "news.db")
    (tmp_path / "a.txt").write_text(BRIDGE_A, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db]).exit_code == 0
    with Store(db) as store:
        article_id = store.members(store.stories().items[0].id)[0].article.id
        story_id = store.story_of(article_id)
        assert story_id is not None
        store.brief(story_id, fake_pipeline)

    fixed = BRIDGE_A.replace("outlet: Coast Daily", "outlet: Coast Daily News").replace("2025-03-04", "2025-03-03")
    (tmp_path / "a-corrected.txt").write_text(fixed, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "a-corrected.txt"), "--db", db])
    assert result.exit_code == 0, result.output
    assert "duplicate" not in result.output and "0 already stored" in result.stdout
    assert "1 corrected" in result.stdout
    assert (
        "outlet Coast Daily -> Coast Daily News" in result.stderr
        and "published 2025-03-04 -> 2025-03-03" in result.stderr
    )
    with Store(db) as store:
        annotated = store.article(article_id)
        assert annotated is not None and store.count_articles() == 1
        assert annotated.article.outlet == "Coast Daily News"
        assert str(annotated.article.published) == "2025-03-03"
        assert [(c.field, c.old, c.new) for c in corrections(store, article_id)] == [
            ("outlet", "Coast Daily", "Coast Daily News"),
            ("published", "2025-03-04", "2025-03-03"),
        ]
        summary = store.story_summary(story_id)
        assert summary is not None and summary.outlets == ["Coast Daily News"]
        assert summary.first_published is not None and summary.first_published.isoformat() == "2025-03-03"
        assert not store.is_brief_cached(story_id), "the briefs that used it are recomputed"
        brief = store.brief(story_id, fake_pipeline)
        assert brief is not None and brief.sources[0].outlet == "Coast Daily News"

    same = runner.invoke(app, ["ingest", str(tmp_path / "a-corrected.txt"), "--db", db])
    assert same.exit_code == 0 and "1 already stored" in same.stdout and "corrected" not in same.output


def test_brief_reads_urls_and_files_together(server: LoopbackServer, tmp_path: Path) -> None:
    """The real pipeline: a page fetched over HTTP and a file on disk are one story's two sources."""
    (tmp_path / "a.txt").write_text(BRIDGE_A, encoding="utf-8")
    gone = server.url("/gone.html")
    result = CliRunner().invoke(
        app, ["brief", server.url("/bridge.html"), str(tmp_path / "a.txt"), gone, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert f"skipped {gone}: HTTP 404 Not Found" in result.stderr
    document = json.loads(result.stdout)
    briefs = document.get("briefs", [document])
    sources = {(s["outlet"], s["url"]) for brief in briefs for s in brief["sources"]}
    assert ("Valley Herald", server.url("/bridge.html")) in sources
    assert any(outlet == "Coast Daily" for outlet, _ in sources)
    assert any(len(brief["sources"]) == 2 for brief in briefs), "the fetched page and the file are one story"


def test_a_url_is_not_mangled_into_a_path_and_other_schemes_are_refused(tmp_path: Path) -> None:
    runner = CliRunner()
    refused = runner.invoke(app, ["brief", "ftp://example.org/a.txt"])
    assert refused.exit_code == 1 and "only http(s) URLs are fetched" in refused.stderr
    assert "no such file" not in refused.stderr
    missing = runner.invoke(app, ["ingest", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "n.db")])
    assert missing.exit_code == 1 and "no such file or folder" in missing.stderr


def test_a_corpus_page_is_fetched_with_its_outlet_and_title(
    server: LoopbackServer, fake_pipeline: FakeProcessor, tmp_path: Path
) -> None:
    page_id, truth = next(iter(sorted(corpus_truth().items())))
    server.routes["/real.html"] = conditional(corpus_page(page_id), "text/html")
    db = str(tmp_path / "news.db")
    result = CliRunner().invoke(app, ["ingest", server.url("/real.html"), "--db", db])
    assert result.exit_code == 0 and "added 1 article" in result.stdout, result.output
    with Store(db) as store:
        stored = store.members(store.stories().items[0].id)[0].article
        assert stored.url == truth["url"], "the page names its own address (canonical link), and it is kept"
        assert stored.title and stored.outlet
        assert " ".join(truth["articleBody"].split()[:8]) in " ".join(stored.text.split())


def test_ingest_holds_an_article_in_another_language(fake_pipeline: FakeProcessor, tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    (tmp_path / "a.txt").write_text(BRIDGE_A, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(f"title: Le pont rouvre\n\n{FRENCH}\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", db])
    assert result.exit_code == 0, result.output
    assert f"held {tmp_path / 'fr.txt'}: language fr, not English" in result.stderr
    assert "added 2 articles" in result.stdout and "1 held (not English)" in result.stdout
    with Store(db) as store:
        held = held_articles(store).items
        assert store.count_articles() == 1 and [h.language for h in held] == ["fr"]
        assert held[0].id not in fake_pipeline.analysed and len(fake_pipeline.analysed) == 1, "never analysed"
    again = runner.invoke(app, ["ingest", str(tmp_path), "--db", db])
    assert again.exit_code == 0 and "2 already stored" in again.stdout and "held" not in again.stderr
