"""Article text, titles, outlet names and URLs are hostile input: always escaped, never run, never linked."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from playwright.sync_api import BrowserContext, Dialog

from newsfuse.serve import create_app
from newsfuse.store import Store
from tests.live import live_server
from tests.serve.auth import AUTH, OPTIONS
from tests.store.fakes import FakeProcessor

SCRIPT = "<script>window.pwned = 1</script>"
IMAGE = '<img src=x onerror="window.pwned = 2">'
HOSTILE = {
    "title": f"Council vote {SCRIPT}",
    "outlet": f'Evil <b onmouseover="window.pwned = 3">Outlet</b> {IMAGE}',
    "url": "javascript:window.pwned=4",
    "published": "2025-05-02",
    "text": (
        f'The council voted on the budget {SCRIPT} on Friday. "We will not be fooled {IMAGE}," said Reyes. '
        'Members argued for hours about the <a href="javascript:window.pwned=5">cost</a> of the plan.'
    ),
}


def _post_hostile(base: str) -> str:
    response = httpx.post(
        f"{base}/articles",
        content=json.dumps(HOSTILE),
        headers={"content-type": "application/json", **AUTH},
        params={"wait": "20"},  # answered once analysed
    )
    assert response.status_code == 201, response.text
    story_id: str = response.json()["added"][0]["story_id"]
    return story_id


def test_hostile_text_is_escaped_in_every_page(tmp_path: Path, browser: BrowserContext) -> None:
    with (
        Store(str(tmp_path / "news.db")) as store,
        live_server(create_app(store, FakeProcessor(), options=OPTIONS)) as base,
    ):
        story_id = _post_hostile(base)
        pages = {
            "index": httpx.get(f"{base}/").text,
            "story": httpx.get(f"{base}/story/{story_id}").text,
            "find": httpx.get(f"{base}/find", params={"q": "<script>", "by": "entity"}).text,
        }
        for name, html in pages.items():
            assert "<script>window" not in html, name
            assert "<img" not in html and "<b onmouseover" not in html, name
            assert 'href="javascript:' not in html.lower(), name
        assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in pages["story"]
        assert "onerror=" in pages["story"], "the hostile words are shown, escaped, not dropped"

        page = browser.new_page()
        dialogs: list[str] = []

        def on_dialog(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        for path in ("/", f"/story/{story_id}"):
            page.goto(base + path)
            page.locator("body").hover()
            assert page.evaluate("window.pwned === undefined"), path
            assert page.locator("script").count() == 1, "only the page's own script"
            assert page.locator("img").count() == 0 and page.locator("a[href^='javascript']").count() == 0
        page.locator(".summary .cite").first.click()
        assert page.evaluate("window.pwned === undefined")
        assert page.locator("mark.evidence").count() >= 1
        assert dialogs == []
        page.close()
