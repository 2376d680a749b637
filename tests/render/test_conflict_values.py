"""A conflict's values as a reader reads them: "fourteen people", not the capital its sentence gave it; names
keep theirs, and the JSON keeps the text's own words."""

from __future__ import annotations

import json

from newsfuse.model import Brief, ConflictValue
from newsfuse.render import render
from newsfuse.serve.view import story_view
from tests.render.briefs import make_brief


def _worded(brief: Brief) -> Brief:
    """The brief's conflict with its values as the fuse stage words them: the sentence's own words."""
    conflict = brief.conflicts[0]
    values = [
        value.model_copy(update={"value": words})
        for value, words in zip(conflict.values, ("Twelve people", "Fourteen people"), strict=True)
    ]
    return brief.model_copy(update={"conflicts": [conflict.model_copy(update={"values": values})]})


def test_a_number_word_that_opened_its_sentence_is_shown_in_lower_case_in_every_format() -> None:
    brief = _worded(make_brief())
    for fmt in ("md", "html", "term", "csv"):
        shown = render([brief], fmt)
        assert "fourteen people" in shown and "twelve people" in shown, fmt
        if fmt != "html":  # the page also shows the sources' text, which keeps its capital
            assert "Fourteen people" not in shown, fmt
    page = story_view(brief)
    assert [side.text for side in page.conflicts[0].sides] == ["twelve people", "fourteen people"]
    stored = json.loads(render([brief], "json"))
    assert [v["value"] for v in stored["conflicts"][0]["values"]] == ["Twelve people", "Fourteen people"]


def test_a_name_or_a_figure_keeps_its_own_form() -> None:
    for value in ("Zarya", "Kim Jong Un", "40,000 pounds", "USD 978,000", "NASA"):
        assert ConflictValue(value=value, family_ids=[], sides=[]).shown == value
    assert ConflictValue(value="About 40 people", family_ids=[], sides=[]).shown == "about 40 people"
