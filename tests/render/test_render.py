from __future__ import annotations

from datetime import date

import pytest

import newsfuse.render as render_package
from newsfuse.model import RelatedStory
from newsfuse.render import render
from tests.render.briefs import make_brief


def test_public_names() -> None:
    assert sorted(render_package.__all__) == ["Format", "output_schema", "render"]


def test_every_format_renders_to_text() -> None:
    brief = make_brief()
    for fmt in ("md", "json", "html", "term"):
        assert "Tarn Bridge closed after crack found" in render([brief], fmt)


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render([make_brief()], "pdf")  # type: ignore[arg-type]


def test_every_format_lists_the_other_stories_of_the_thread() -> None:
    brief = make_brief()
    brief.thread = brief.story_id
    brief.related = [
        RelatedStory(story_id="story-later", headline="Tarn Bridge inquiry opens", first_published=date(2024, 5, 9))
    ]
    for fmt in ("md", "html", "term"):
        text = render([brief], fmt)
        assert "Same thread" in text
        assert "2024-05-09" in text and "Tarn Bridge inquiry opens" in text
    assert '"story-later"' in render([brief], "json")


def test_a_story_alone_in_its_thread_shows_no_thread_section() -> None:
    for fmt in ("md", "html", "term"):
        assert "Same thread" not in render([make_brief()], fmt)
