"""The seed pair through the real pipeline, in the store, on the served page in headless Chromium: open its
story, click a sentence cited by both sources, and see its evidence highlighted in both."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import BrowserContext

from newsfuse.pipeline import StoreProcessor
from newsfuse.serve import create_app
from newsfuse.store import Store, ingest_into_store
from tests.live import live_server
from tests.serve.auth import OPTIONS

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def test_seed_pair_story_highlights_evidence_in_both_sources(
    seed_paths: tuple[Path, Path], tmp_path: Path, browser: BrowserContext
) -> None:
    db = str(tmp_path / "seeds.db")
    processor = StoreProcessor()
    outcome = ingest_into_store(list(seed_paths), db, processor=processor)
    assert len(outcome.added) == 2 and not outcome.rejected
    story_ids = {added.story_id for added in outcome.added}
    assert len(story_ids) == 1, "the two reports of one event are one story"
    story_id = story_ids.pop()
    article_ids = {added.article_id for added in outcome.added}

    with Store(db) as store, live_server(create_app(store, processor, options=OPTIONS)) as base:
        page = browser.new_page()
        page.goto(base + "/")
        assert page.locator(".story-item .outlet-count").first.inner_text().endswith("outlets")
        page.locator(f"a[href='/story/{story_id}']").click()
        page.wait_for_selector(".source-text")
        assert page.locator(".source").count() == 2

        brief = store.brief(story_id, processor)
        assert brief is not None
        both = [
            index
            for index, sentence in enumerate(brief.summary)
            if {c.article_id for c in sentence.citations} >= article_ids
        ]
        assert both, "some summary sentence should be supported by both reports"
        sentence = brief.summary[both[0]]
        target = page.locator(".summary .cite").nth(both[0])
        assert {cite[0] for cite in json.loads(target.get_attribute("data-cites") or "[]")} >= article_ids
        target.click()

        for citation in sentence.citations:
            marks = page.locator(f".source-text[data-article='{citation.article_id}'] mark.evidence")
            assert marks.count() >= 1
            assert citation.text in marks.all_inner_texts() or "".join(marks.all_inner_texts()) == citation.text
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "seed-pair-story.png"), full_page=False)
        page.close()
