"""The story page as a reader uses it, in headless Chromium at a laptop width (1366 px) and a phone width
(390 px), for a story of 2 sources (the seed pair), 5, 10 and 12 (fictional reports written for these tests):
clicking a summary sentence, a quotation, a conflict or a date shows its evidence inside the viewport in each
supporting source in turn, and no element leaves its column; the served page and the static file name their
sections alike. Screenshots go to artifacts/pages/."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import httpx
import pytest
from playwright.sync_api import BrowserContext, Locator, Page

from newsfuse.model import Brief, EntityLabel
from newsfuse.pipeline import StoreProcessor
from newsfuse.render import render
from newsfuse.serve import create_app
from newsfuse.serve.view import story_view
from newsfuse.store import Store, ingest_into_store
from tests.browser import OVERFLOWS, SHOTS, WIDTHS
from tests.live import live_server
from tests.serve.auth import OPTIONS
from tests.serve.warehouse import write_reports


@dataclass
class Served:
    base: str
    story_id: str
    brief: Brief


def _serve(paths: list[Path], db: str, processor: StoreProcessor) -> Iterator[Served]:
    outcome = ingest_into_store(paths, db, processor=processor)
    assert len(outcome.added) == len(paths) and not outcome.rejected
    story_ids = {added.story_id for added in outcome.added}
    assert len(story_ids) == 1, "the reports of one event are one story"
    story_id = story_ids.pop()
    with Store(db) as store, live_server(create_app(store, processor, options=OPTIONS)) as base:
        brief = store.brief(story_id, processor)
        assert brief is not None and len(brief.sources) == len(paths)
        yield Served(base, story_id, brief)


@pytest.fixture(scope="module")
def processor() -> StoreProcessor:
    return StoreProcessor()


@pytest.fixture(scope="module", params=["2 sources", "5 sources", "10 sources", "12 sources"])
def served(
    request: pytest.FixtureRequest,
    processor: StoreProcessor,
    seed_paths: tuple[Path, Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp(request.param.replace(" ", "-"))
    count = int(request.param.split()[0])
    paths = list(seed_paths) if count == 2 else write_reports(folder / "reports", count)
    yield from _serve(paths, str(folder / "news.db"), processor)


def _cited_articles(target: Locator) -> list[str]:
    return list(dict.fromkeys(cite[0] for cite in json.loads(target.get_attribute("data-cites") or "[]")))


_WITH_EVIDENCE = """() => [...document.querySelectorAll('.source')]
  .filter(source => source.querySelector('mark.evidence, mark.active'))
  .map(source => source.dataset.article || source.dataset.source)"""

# The one source shown, and whether its first piece of evidence lies inside both its scroll box and the viewport.
_SHOWN_EVIDENCE = """() => {
  const shown = [...document.querySelectorAll('.source')].filter(source => !source.hidden);
  if (shown.length !== 1) return {shown: shown.length};
  const text = shown[0].querySelector('.source-text, .text');
  const mark = text.querySelector('mark.evidence, mark.active');
  if (!mark) return {shown: 1, id: shown[0].dataset.article || shown[0].dataset.source, visible: false};
  const box = text.getBoundingClientRect(), r = mark.getBoundingClientRect();
  const visible = r.width > 0 && r.bottom > Math.max(box.top, 0) && r.top < Math.min(box.bottom, innerHeight)
    && r.left >= box.left - 1 && r.right <= box.right + 1;
  return {shown: 1, id: shown[0].dataset.article || shown[0].dataset.source, visible,
          box: [box.left, box.top, box.right, box.bottom], mark: [r.left, r.top, r.right, r.bottom]};
}"""


def assert_evidence_in_turn(page: Page, target: Locator, what: str, shot: Path, cited: list[str] | None = None) -> int:
    """Click ``target``; the pane shows each source holding its evidence in turn (the arrow), one source at a
    time, the evidence inside the viewport, nothing out of its column. Returns how many sources it visited."""
    target.scroll_into_view_if_needed()
    target.click()
    assert any(css in (target.get_attribute("class") or "").split() for css in ("active", "selected"))
    holding: list[str] = page.evaluate(_WITH_EVIDENCE)
    assert holding, f"the {what} shows no evidence"
    if cited is not None:
        assert sorted(holding) == sorted(cited), f"the {what}'s evidence is marked in exactly the sources it cites"
    visited = []
    for turn in range(len(holding)):
        if turn:
            page.locator(".evidence-nav:not([hidden]) .next").first.click()
        state = page.evaluate(_SHOWN_EVIDENCE)
        if turn == 0:
            page.screenshot(path=str(shot))
        assert state["shown"] == 1, "one source at a time"
        assert state["visible"], f"{what}: the evidence in source {turn + 1} of {len(holding)} is out of view: {state}"
        visited.append(state["id"])
        count = f"({turn + 1} of {len(holding)} source{'s' if len(holding) > 1 else ''})"
        assert page.locator(".evidence-nav:not([hidden]) .where").first.inner_text().endswith(count)
        assert page.evaluate(OVERFLOWS) == []
    assert sorted(visited) == sorted(holding), f"the {what}: every source with evidence in turn"
    return len(holding)


def exercise(page: Page, name: str, expect_cites: bool) -> None:
    """Click the widest-supported summary sentence, quotation, and the first conflict; check each in turn."""
    assert page.locator("mark.evidence, mark.active").count() == 0, "nothing is highlighted before a click"
    assert page.evaluate(OVERFLOWS) == []
    page.screenshot(path=str(SHOTS / f"{name}-open.png"))
    for what, selector in (
        ("summary sentence", ".summary .cite, .summary .ev"),
        ("quotation", ".speaker .quote, .quotations .quote"),
        ("conflict", ".conflicts .conflict"),
        ("date", ".timeline .cite, .timeline .ev"),
    ):
        items = page.locator(selector)
        assert items.count(), f"no {what} on the page"
        widest = max(range(items.count()), key=lambda i: len(_cited(items.nth(i))))
        target = items.nth(widest)
        cited = _cited_articles(target) if expect_cites else None
        visited = assert_evidence_in_turn(page, target, what, SHOTS / f"{name}-{what.split()[-1]}.png", cited)
        if what in ("summary sentence", "conflict"):
            assert visited >= 2, f"the {what} is supported by more than one source"
    page.screenshot(path=str(SHOTS / f"{name}-end.png"), full_page=True)


def _cited(target: Locator) -> list[str]:
    """What a clickable item cites: article ids (served page) or citation keys (static file)."""
    if target.get_attribute("data-cites"):
        return _cited_articles(target)
    return (target.get_attribute("data-ev") or "").split()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_evidence_of_a_sentence_a_quotation_and_a_conflict_in_each_source(
    served: Served, width: str, browser: BrowserContext
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = f"{len(served.brief.sources)}-sources-{width}"
    page = browser.new_page()
    page.set_viewport_size({"width": WIDTHS[width][0], "height": WIDTHS[width][1]})
    try:
        page.goto(f"{served.base}/story/{served.story_id}")
        assert page.locator(".tab").count() == len(served.brief.sources)
        exercise(page, f"served-{name}", expect_cites=True)
        pages = (("list", "/"), ("search", "/find?q=%22the+fire%22+said"), ("thread", f"/thread/{served.brief.thread}"))
        for what, path in pages:
            page.goto(served.base + path)
            assert page.evaluate(OVERFLOWS.replace(".brief, .pane", "main")) == [], f"the {what} page overflows"
            page.screenshot(path=str(SHOTS / f"served-{name}-{what}.png"), full_page=True)
    finally:
        page.close()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_static_html_brief_shows_evidence_in_each_source_in_turn(
    served: Served, width: str, browser: BrowserContext, tmp_path: Path
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "brief.html"
    path.write_text(render([served.brief], "html"), encoding="utf-8")
    page = browser.new_page()
    page.set_viewport_size({"width": WIDTHS[width][0], "height": WIDTHS[width][1]})
    try:
        page.goto(path.as_uri())
        assert page.locator(".tab").count() == len(served.brief.sources)
        exercise(page, f"static-{len(served.brief.sources)}-sources-{width}", expect_cites=False)
    finally:
        page.close()


# The shapes of the ids newsfuse makes: content hashes (16 hex), story/family/fact/conflict/quote ids, and
# entity ids (label-slug-6 hex). None belongs where a person reads.
_LABELS = "|".join(label.lower() for label in get_args(EntityLabel))
INTERNAL_ID = re.compile(
    r"\b(?:story|family|fact|conflict|quote|thread|s)-[0-9a-f]{6,}\b"
    r"|\b[0-9a-f]{12,}\b"
    rf"|\b(?:{_LABELS})-(?:[a-z0-9]+-)*[0-9a-f]{{6}}\b"
)


def _ids_of(brief: Brief) -> set[str]:
    ids = {brief.story_id, *(s.id for s in brief.sources), *(s.family_id for s in brief.sources if s.family_id)}
    ids |= {e.id for e in brief.entities} | {c.id for c in brief.conflicts} | {r.story_id for r in brief.related}
    ids |= {s.fact_group_id for s in brief.summary if s.fact_group_id}
    return ids | ({brief.thread} if brief.thread else set())


def test_no_format_a_reader_reads_shows_an_internal_id(served: Served, browser: BrowserContext, tmp_path: Path) -> None:
    """Markdown, the terminal (page and full), CSV, the static HTML page and the served pages (as the browser
    shows their text)."""
    static = tmp_path / "brief.html"
    static.write_text(render([served.brief], "html"), encoding="utf-8")
    shown = {
        "md": render([served.brief], "md"),
        "term": render([served.brief], "term"),
        "term page": render([served.brief], "term", full=False),
        "csv": render([served.brief], "csv"),
    }
    assert served.brief.thread, "every stored story is in a thread, if only its own"
    page = browser.new_page()
    try:
        for name, url in (
            ("static html", static.as_uri()),
            ("story page", f"{served.base}/story/{served.story_id}"),
            ("story list", f"{served.base}/"),
            ("search page", f"{served.base}/find?q=said"),
            ("thread page", f"{served.base}/thread/{served.brief.thread}"),
        ):
            page.goto(url)
            # every source's text, not only the one shown, and what the pane's tabs and picker say
            shown[name] = page.evaluate("() => document.body.innerText + ' ' + document.body.textContent")
    finally:
        page.close()
    ids = _ids_of(served.brief)
    for name, text in shown.items():
        assert not INTERNAL_ID.findall(text), f"{name} shows {INTERNAL_ID.findall(text)[:5]}"
        assert not [i for i in ids if i in text], f"{name} shows {[i for i in ids if i in text][:5]}"


def test_the_terminal_page_is_a_screenful_per_section_and_full_keeps_everything(served: Served) -> None:
    page = render([served.brief], "term", full=False)
    panels = [block for block in page.split("╭")[1:]]
    assert all(len(panel.splitlines()) <= 45 for panel in panels), [len(p.splitlines()) for p in panels]
    for section in ("Summary", "Coverage", "Conflicts"):
        assert f"─ {section} ─" in page
    assert "Citations" not in page and "Also in the full brief (--full)" in page
    full = render([served.brief], "term")
    assert "─ Citations ─" in full and len(full.splitlines()) > len(page.splitlines())
    summary = served.brief.summary[0].text.split()[:6]
    assert " ".join(summary) in " ".join(page.replace("│", " ").split()), "the page keeps the whole summary"


def test_the_story_s_facts_quotations_and_conflicts_download_as_csv(served: Served) -> None:
    response = httpx.get(f"{served.base}/story/{served.story_id}/brief.csv", timeout=120)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="brief-') and served.story_id not in disposition
    rows = list(csv.DictReader(io.StringIO(response.text)))
    brief = served.brief
    summary = [row["text"] for row in rows if row["section"] == "summary"]
    assert summary == [f"({s.about}) {s.text}" if s.about else s.text for s in brief.summary]
    assert sum(row["section"] == "quotation" for row in rows) == len(brief.quotations)
    assert sum(row["section"] == "conflict" for row in rows) == sum(len(c.values) for c in brief.conflicts)
    by_outlet = {view.outlet: view.text for view in story_view(brief).sources}
    for row in rows:
        if row["section"] in ("conflict", "quotation variant") and row["first source"]:
            quoted = by_outlet[row["first source"]][int(row["start"]) : int(row["end"])]
            assert quoted.strip(), f"{row['section']} row points at nothing in {row['first source']}"


_SECTIONS = "(selector) => [...document.querySelectorAll(selector)].map(h => h.textContent.trim())"


def test_the_served_page_and_the_static_file_name_their_sections_alike(
    served: Served, browser: BrowserContext, tmp_path: Path
) -> None:
    static = tmp_path / "brief.html"
    static.write_text(render([served.brief], "html"), encoding="utf-8")
    page = browser.new_page()
    try:
        page.goto(f"{served.base}/story/{served.story_id}")
        on_the_page = page.evaluate(_SECTIONS, ".brief h2")  # a section of the page is an h2 (a speaker, an h3)
        page.goto(static.as_uri())
        in_the_file = page.evaluate(_SECTIONS, ".brief h3")  # the file heads each story with an h2
    finally:
        page.close()
    assert on_the_page[0] == "Summary" and {"Conflicts", "Quotations", "Timeline"} <= set(on_the_page)
    assert all(name.startswith(("Reported by", "Only in")) for name in on_the_page[1 : len(served.brief.coverage) + 1])
    # the file adds only the key to its numbered citations
    assert in_the_file == [*on_the_page, "Citations"], (on_the_page, in_the_file)
    # a source known only by its file is said to be one, in a tier's heading too (one carrying AFP's report too)
    tabs = {source.label for source in served.brief.sources if not source.outlet}
    for heading in on_the_page:
        assert not any(f"Only in {label.rsplit(', via ', 1)[0]}" in heading for label in tabs if label), heading
