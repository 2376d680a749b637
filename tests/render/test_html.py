from __future__ import annotations

import re
from html.parser import HTMLParser

from newsfuse.render import render
from newsfuse.render.html import highlight_source, safe_href
from tests.render.briefs import WIRE_TEXT, all_citations, make_brief

HOSTILE_TEXT = (
    WIRE_TEXT + '\n\nThe <script>alert("body")</script> bridge shut. <img src=x onerror=alert(1)> was the caption. '
    "A crack & a <b>gap</b> opened."
)


class _Collector(HTMLParser):
    """Every start tag with its attributes, and the text inside each <mark>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[tuple[str, str]] = []
        self._mark_keys: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self._mark_keys = dict(attrs).get("data-ev") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._mark_keys = None

    def handle_data(self, data: str) -> None:
        if self._mark_keys is not None:
            self.marks.append((self._mark_keys, data))


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def test_highlight_escapes_each_piece_and_marks_spans() -> None:
    text = "a <b> c & d"
    html = str(highlight_source(text, [(2, 5, "b0c1")]))
    assert html == 'a <mark data-ev="b0c1" data-start="2" data-end="5">&lt;b&gt;</mark> c &amp; d'


def test_overlapping_spans_split_into_pieces_carrying_every_covering_key() -> None:
    text = "abcdefghij"
    collector = _parse(str(highlight_source(text, [(0, 6, "b0c1"), (3, 9, "b0c2")])))
    assert collector.marks == [("b0c1", "abc"), ("b0c1 b0c2", "def"), ("b0c2", "ghi")]


def test_spans_outside_the_text_are_ignored_not_fatal() -> None:
    assert str(highlight_source("short", [(3, 99, "b0c1"), (4, 2, "b0c2")])) == "short"


def test_safe_href_accepts_only_web_urls() -> None:
    assert safe_href("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for url in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "/relative", "http://", None):
        assert safe_href(url) is None


def test_every_cited_span_is_marked_in_its_source_column() -> None:
    brief = make_brief()
    collector = _parse(render([brief], "html"))
    marked_text: dict[str, str] = {}
    for keys, data in collector.marks:
        for key in keys.split():
            marked_text[key] = marked_text.get(key, "") + data
    for citation in all_citations(brief):
        assert citation.text in marked_text.values()


def test_clickable_items_point_at_existing_marks() -> None:
    collector = _parse(render([make_brief()], "html"))
    mark_keys = {key for tag, attrs in collector.tags if tag == "mark" for key in (attrs["data-ev"] or "").split()}
    items = [attrs for tag, attrs in collector.tags if "ev" in (attrs.get("class") or "").split()]
    assert len(items) >= 8  # summary, 3 coverage facts, 2 conflict values, quote, variant, timeline, citations
    for attrs in items:
        keys = (attrs["data-ev"] or "").split()
        assert keys and set(keys) <= mark_keys


def test_page_is_self_contained() -> None:
    html = render([make_brief()], "html")
    collector = _parse(html)
    assert not [attrs for tag, attrs in collector.tags if "src" in attrs]
    assert not [tag for tag, _ in collector.tags if tag == "link"]
    assert [tag for tag, _ in collector.tags].count("script") == 1
    assert "<style>" in html and "addEventListener" in html


def test_hostile_titles_bodies_outlets_and_urls_are_inert() -> None:
    brief = make_brief(
        wire_outlet='Evil<script>alert("outlet")</script>',
        wire_title='<img src=x onerror=alert("title")>',
        wire_url="javascript:alert(1)",
        wire_text=HOSTILE_TEXT,
    )
    html = render([brief], "html")
    collector = _parse(html)
    assert [tag for tag, _ in collector.tags].count("script") == 1
    assert not [tag for tag, _ in collector.tags if tag in ("img", "b")]
    assert not any(name.startswith("on") for _, attrs in collector.tags for name in attrs)
    assert not any("javascript:" in (attrs.get("href") or "") for _, attrs in collector.tags)
    assert "&lt;script&gt;alert(&#34;body&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(&#34;title&#34;)&gt;" in html


def test_hostile_cited_span_is_marked_and_escaped() -> None:
    brief = make_brief(wire_text=HOSTILE_TEXT)
    start, end = HOSTILE_TEXT.index("<img"), HOSTILE_TEXT.index(" was the caption")
    wire_tier = brief.coverage[1]
    fact = wire_tier.facts[0]
    hostile = fact.citations[0].model_copy(update={"start": start, "end": end, "text": HOSTILE_TEXT[start:end]})
    facts = [fact.model_copy(update={"text": hostile.text, "citations": [hostile]})]
    brief.coverage[1] = wire_tier.model_copy(update={"facts": facts})
    html = render([brief], "html")
    assert re.search(r'<mark data-ev="b0c\d+"[^>]*>&lt;img src=x onerror=alert\(1\)&gt;</mark>', html)
    assert re.search(r'<li class="ev" tabindex="0" data-ev="b0c\d+">&lt;img src=x onerror=alert\(1\)&gt; ', html)


def test_several_briefs_share_one_page_with_distinct_keys() -> None:
    html = render([make_brief(), make_brief(story_id="story-2")], "html")
    assert html.count("<html") == 1
    assert 'id="b0"' in html and 'id="b1"' in html
    assert 'data-ev="b1c1' in html


def test_coverage_tiers_conflict_slots_and_relays_are_headed_as_in_every_format() -> None:
    brief = make_brief()
    brief.quotations[0] = brief.quotations[0].model_copy(update={"via": "Coast Radio"})
    html = render([brief], "html")
    headings = re.findall(r"<h3>([^<]*)</h3>", html)
    assert headings[1:4] == [
        "Reported by both sources", "Only in Harbour Wire (1 of 2 sources)", "Only in Coast Daily (1 of 2 sources)",
    ]
    assert re.search(r'<span class="ev conflict"[^>]*>Disagreement on people injured</span>', html)
    assert '<span class="speaker">Ana Ruiz, via Coast Radio</span>' in html
