from __future__ import annotations

import pytest

import newsfuse.render as render_package
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
