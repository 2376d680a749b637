"""The HTML brief in a real browser: clicking evidence highlights it, hostile text never runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from newsfuse.render import render
from tests.render.briefs import WIRE_TEXT, make_brief

HOSTILE_TEXT = WIRE_TEXT + '\n\nA <script>window.pwned = 1</script> note. <img src=x onerror="window.pwned = 2"> end.'


@pytest.fixture
def page(browser: BrowserContext, tmp_path: Path) -> Iterator[Page]:
    brief = make_brief(
        wire_text=HOSTILE_TEXT,
        wire_outlet="Wire<script>window.pwned = 3</script>",
        wire_title='<img src=x onerror="window.pwned = 4">',
        wire_url="javascript:window.pwned = 5",
    )
    path = tmp_path / "brief.html"
    path.write_text(render([brief], "html"), encoding="utf-8")
    opened = browser.new_page()
    opened.goto(path.as_uri())
    yield opened
    opened.close()


def test_clicking_a_summary_sentence_highlights_its_evidence_in_every_source(page: Page) -> None:
    assert page.locator("mark.active").count() == 0
    page.locator(".summary .ev").first.click()
    active = page.locator("mark.active")
    assert active.count() == 2
    columns = {active.nth(i).evaluate("m => m.closest('.source').dataset.source") for i in range(active.count())}
    assert columns == {"1", "2"}
    assert page.locator(".summary .ev.selected").count() == 1


def test_clicking_a_quotation_variant_highlights_only_that_rendering(page: Page) -> None:
    page.locator(".quotations .variants li.ev").first.click()
    active = page.locator("mark.active")
    assert active.count() == 1
    assert active.first.inner_text() == "There was no choice,"


def test_hostile_input_does_not_execute(page: Page) -> None:
    assert page.locator("a[href^='javascript' i]").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1
