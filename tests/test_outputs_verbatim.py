"""End to end: the real pipeline on the seed pair and on examples/, rendered in all four formats. Every cited span
and every quotation is verbatim in its source, and shows up (escaped as the format needs) in every output."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from newsfuse.model import Brief, BriefSource
from newsfuse.pipeline import brief_files
from newsfuse.render import render
from newsfuse.render.markdown import md_escape
from tests.conftest import EXAMPLES, SEED_AFP, SEED_REUTERS
from tests.render.briefs import all_citations, cited_sentences


@dataclass(frozen=True)
class Evidence:
    """A span the brief points at: where it is, the text the brief gives for it."""

    source: BriefSource
    start: int
    end: int
    text: str


@pytest.fixture(scope="module", params=["seeds", "examples"])
def briefs(request: pytest.FixtureRequest) -> list[Brief]:
    paths = {"seeds": [SEED_REUTERS, SEED_AFP], "examples": [EXAMPLES / "harbour-bridge"]}[request.param]
    run = brief_files(paths)
    assert run.briefs, f"no brief for {paths}"
    assert not run.rejected
    return run.briefs


def _evidence(brief: Brief) -> list[Evidence]:
    sources = {source.id: source for source in brief.sources}
    found = [Evidence(sources[c.article_id], c.start, c.end, c.text) for c in all_citations(brief)]
    for conflict in brief.conflicts:
        for side in conflict.sides:
            source = sources[side.article_id]
            found.append(Evidence(source, side.start, side.end, source.text[side.start : side.end]))
    return found


def _squash(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch not in "│┃")


def test_every_cited_span_and_quotation_is_verbatim_in_its_source(briefs: list[Brief]) -> None:
    for brief in briefs:
        evidence = _evidence(brief)
        assert evidence, f"brief {brief.story_id} cites nothing"
        for item in evidence:
            assert 0 <= item.start < item.end <= len(item.source.text)
            assert item.source.text[item.start : item.end] == item.text
        for row in brief.quotations:
            assert any(c.text == row.text for c in row.citations), f"quotation not among its citations: {row.text!r}"
        for sentence in cited_sentences(brief):
            assert any(c.text == sentence.text for c in sentence.citations), f"not verbatim: {sentence.text!r}"


def test_markdown_shows_every_cited_span(briefs: list[Brief]) -> None:
    markdown = render(briefs, "md")
    for brief in briefs:
        for item in _evidence(brief):
            assert md_escape(item.text) in markdown
            assert f"chars {item.start}–{item.end}: “{md_escape(item.text)}”" in markdown


def test_json_round_trips_every_span(briefs: list[Brief]) -> None:
    output = render(briefs, "json")
    data = json.loads(output)
    restored = [Brief.model_validate(data)] if len(briefs) == 1 else [Brief.model_validate(b) for b in data["briefs"]]
    assert restored == briefs
    for brief in briefs:
        for item in _evidence(brief):
            assert json.dumps(item.text, ensure_ascii=False)[1:-1] in output


def test_terminal_shows_every_cited_span(briefs: list[Brief]) -> None:
    squashed = _squash(render(briefs, "term"))
    for brief in briefs:
        for item in _evidence(brief):
            assert _squash(f"chars {item.start}–{item.end}: “{item.text}”") in squashed


class _Marks(HTMLParser):
    """For each evidence key: the offsets and the concatenated text of the marks carrying it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.spans: dict[str, tuple[int, int, str]] = {}
        self._open: tuple[list[str], int, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mark":
            values = dict(attrs)
            self._open = (
                (values["data-ev"] or "").split(),
                int(values["data-start"] or 0),
                int(values["data-end"] or 0),
            )

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is None:
            return
        keys, start, end = self._open
        for key in keys:
            first, _, text = self.spans.get(key, (start, end, ""))
            self.spans[key] = (first, end, text + data)


def test_html_marks_every_cited_span_in_its_source_column(briefs: list[Brief]) -> None:
    html = render(briefs, "html")
    parser = _Marks()
    parser.feed(html)
    for position, brief in enumerate(briefs):
        marked = {span for key, span in parser.spans.items() if key.startswith(f"b{position}c")}
        for item in _evidence(brief):
            assert (item.start, item.end, item.text) in marked, f"unmarked span {item.text!r}"
            assert str(escape(item.text)) in html


def test_examples_show_grouping_syndication_variants_a_conflict_and_a_thread() -> None:
    """The bridge collapse, its follow-up two days later (a story of its own, in the bridge's thread) and an
    unrelated harvest story: the follow-up is briefed with the collapse, as one event's coverage."""
    run = brief_files([EXAMPLES / "harbour-bridge"])
    assert len(run.stories) == 3
    assert len(run.briefs) == 2
    bridge = max(run.briefs, key=lambda brief: len(brief.sources))
    apples = next(b for b in run.briefs if b is not bridge)
    follow_up = next(s for s in run.stories if s.id != bridge.story_id and s.thread == bridge.story_id)
    assert set(follow_up.article_ids) <= {source.id for source in bridge.sources}
    assert bridge.thread == bridge.story_id
    assert bridge.related == [] and apples.related == []
    assert len(bridge.sources) == 5
    assert len({source.family_id for source in bridge.sources}) == 3
    assert any(len({c.article_id for c in [*row.citations, *row.variants]}) > 1 for row in bridge.quotations)
    assert any(conflict.kind == "number" for conflict in bridge.conflicts)
