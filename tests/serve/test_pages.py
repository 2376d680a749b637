"""The pages in headless Chromium: the stories list, and a story with its brief and sources side by side
where clicking a sentence or a quotation highlights its evidence in each source."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page

from newsfuse.serve import create_app
from newsfuse.store import Store
from tests.live import live_server
from tests.serve.auth import AUTH, OPTIONS
from tests.store.fakes import FakeProcessor
from tests.store.texts import BRIDGE_A, BRIDGE_B, FESTIVAL

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    with (
        Store(str(tmp_path / "news.db")) as store,
        live_server(create_app(store, FakeProcessor(), options=OPTIONS)) as base,
    ):
        for text in (FESTIVAL, BRIDGE_A, BRIDGE_B):
            httpx.post(
                f"{base}/articles",
                content=text.encode(),
                headers={"content-type": "text/plain", **AUTH},
                params={"wait": "20"},  # answered once analysed: the pages read what it produced
                timeout=30,
            )
        yield base


def _marks(page: Page) -> dict[str, list[str]]:
    marks: dict[str, list[str]] = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.source-text')].map(
               el => [el.dataset.article, [...el.querySelectorAll('mark.evidence')].map(m => m.textContent)]))"""
    )
    return marks


def test_index_lists_stories_newest_first_with_outlet_counts(site: str, browser: BrowserContext) -> None:
    page = browser.new_page()
    page.goto(site + "/")
    items = page.locator(".story-item")
    assert items.count() == 2
    assert items.nth(0).locator(".story-link").inner_text() == "Harbour bridge reopens after repairs"
    assert items.nth(0).locator(".outlet-count").inner_text() == "2 outlets"
    assert items.nth(1).locator(".outlet-count").inner_text() == "1 outlet"
    items.nth(0).locator(".story-link").click()
    page.wait_for_selector(".source-text")
    assert page.locator(".source").count() == 2
    page.close()


def test_clicking_a_sentence_highlights_its_evidence(site: str, browser: BrowserContext) -> None:
    story_id = httpx.get(f"{site}/stories").json()["items"][0]["id"]
    brief = httpx.get(f"{site}/stories/{story_id}/brief").json()
    page = browser.new_page()
    page.goto(f"{site}/story/{story_id}")
    first = page.locator(".summary .cite").first
    first.click()
    expected = {c["article_id"]: [c["text"]] for c in brief["summary"][0]["citations"]}
    marks = _marks(page)
    assert {k: v for k, v in marks.items() if v} == expected
    assert "active" in (first.get_attribute("class") or "")
    # another click replaces the highlight rather than adding to it
    page.locator(".summary .cite").nth(1).click()
    second = {c["article_id"]: [c["text"]] for c in brief["summary"][1]["citations"]}
    assert {k: v for k, v in _marks(page).items() if v} == second
    page.close()


def test_quotations_grouped_by_speaker_and_clickable(site: str, browser: BrowserContext) -> None:
    story_id = httpx.get(f"{site}/stories").json()["items"][0]["id"]
    page = browser.new_page()
    page.goto(f"{site}/story/{story_id}")
    speakers = page.locator(".speaker h3")
    assert speakers.all_inner_texts() == ["Marsh"]
    assert page.locator(".speaker .quote").count() == 2
    quote = page.locator(".speaker .quote").first
    cites = json.loads(quote.get_attribute("data-cites") or "[]")
    quote.click()
    marks = _marks(page)
    assert marks[cites[0][0]] and marks[cites[0][0]][0] in (quote.inner_text() or "")
    page.close()


def test_unknown_story_page_is_a_404_page_for_a_browser_and_json_for_the_api(site: str) -> None:
    response = httpx.get(f"{site}/story/nope")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "No such story" in response.text
    assert "nope" in httpx.get(f"{site}/stories/nope").json()["error"]


def test_searching_article_text_finds_a_phrase_marks_it_and_filters_by_outlet_and_date(
    site: str, browser: BrowserContext
) -> None:
    page = browser.new_page()
    page.goto(site + "/")
    page.fill("header.top input[name=q]", '"harbour bridge"')
    page.locator("header.top button[type=submit]").click()
    page.wait_for_selector(".hits")
    titles = page.locator(".hits li > a").all_inner_texts()
    assert sorted(titles) == ["Bridge traffic resumes", "Harbour bridge reopens after repairs"]
    assert {mark.lower() for mark in page.locator(".hits mark").all_inner_texts()} <= {
        "harbour bridge",
        "harbour",
        "bridge",
    }
    page.fill(".filters input[name=outlet]", "valley herald")
    page.locator(".filters button[type=submit]").click()
    page.wait_for_selector(".hits")
    assert page.locator(".hits li > a").all_inner_texts() == ["Bridge traffic resumes"]
    page.close()
    dated = httpx.get(f"{site}/search/articles", params={"q": "bridge", "until": "2025-03-04"}).json()
    assert [hit["title"] for hit in dated["items"]] == ["Harbour bridge reopens after repairs"]
    assert dated["total"] == 1 and dated["items"][0]["published"] == "2025-03-04"


def test_a_search_without_words_or_with_a_backwards_range_says_why(site: str) -> None:
    assert httpx.get(f"{site}/search/articles", params={"q": "!!!"}).status_code == 422
    backwards = httpx.get(f"{site}/find", params={"q": "bridge", "since": "2025-03-05", "until": "2025-03-01"})
    assert backwards.status_code == 422 and "ends before it starts" in backwards.text


def test_a_hostile_article_found_by_search_is_shown_as_text(site: str, browser: BrowserContext) -> None:
    hostile = (
        "title: <img src=x onerror=window.pwned=1>\noutlet: Bad <b>Outlet</b>\ndate: 2025-03-06\n\n"
        "The lighthouse keeper <script>window.pwned = 2</script> said the lamp was fixed on Thursday.\n"
    )
    posted = httpx.post(
        f"{site}/articles",
        content=hostile.encode(),
        headers={"content-type": "text/plain", **AUTH},
        params={"wait": "20"},
        timeout=60,
    )
    assert posted.status_code == 201, posted.text
    page = browser.new_page()
    page.goto(f"{site}/find?q=lighthouse+keeper")
    page.wait_for_selector(".hits li")
    assert "<script>window.pwned = 2</script>" in page.locator(".hits .snippet").inner_text()
    assert page.locator(".hits img").count() == 0 and page.locator(".hits b").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"
    page.close()


_BROWSER = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.mark.parametrize(
    ("path", "status", "said"),
    [
        ("/no-such-page", 404, "Not Found"),
        ("/stories/nope", 404, "no story"),
        ("/?offset=-5", 422, "offset"),
    ],
)
def test_an_error_is_a_page_for_a_browser_and_json_for_an_api_client(
    site: str, path: str, status: int, said: str
) -> None:
    page = httpx.get(site + path, headers=_BROWSER)
    assert page.status_code == status and page.headers["content-type"].startswith("text/html")
    assert said in page.text and '<a href="/">See every story</a>' in page.text
    assert "content-security-policy" in page.headers
    api = httpx.get(site + path)
    assert api.status_code == status and said in api.json()["error"]
