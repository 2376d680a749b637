"""The story page's view model: coverage tiers, conflicts by slot and relayed quotations, as the page shows them."""

from __future__ import annotations

import json

from newsfuse.serve.view import story_view
from tests.render.briefs import make_brief


def test_the_story_view_heads_each_coverage_tier_and_cites_its_facts() -> None:
    view = story_view(make_brief())
    assert [(heading, key) for heading, key, _ in view.coverage] == [
        ("Reported by both sources", "consensus"),
        ("Only in Harbour Wire (1 of 2 sources)", "unique"),
        ("Only in Coast Daily (1 of 2 sources)", "unique"),
    ]
    shared = view.coverage[0][2][0]
    assert shared.outlets == ["Harbour Wire", "Coast Daily"]
    assert [cite[0] for cite in json.loads(shared.cites)] == ["wire", "daily"]


def test_the_story_view_names_a_conflicts_slot_and_relation_and_each_value_with_its_outlet() -> None:
    brief = make_brief()
    [conflict] = story_view(brief).conflicts
    assert conflict.kind == "Disagreement on people injured"
    assert [(side.text, side.outlets) for side in conflict.sides] == [("12", ["Harbour Wire"]), ("14", ["Coast Daily"])]
    brief.conflicts[0] = brief.conflicts[0].model_copy(update={"relation": "update"})
    assert story_view(brief).conflicts[0].kind == "Update on people injured"


def test_a_relayed_quotation_is_listed_under_its_speaker_and_relay() -> None:
    brief = make_brief()
    brief.quotations[0] = brief.quotations[0].model_copy(update={"via": "Coast Radio"})
    assert [speaker.speaker for speaker in story_view(brief).speakers] == ["Ana Ruiz, via Coast Radio"]


def test_a_fact_about_someone_named_earlier_says_whom() -> None:
    brief = make_brief()
    tier = brief.coverage[1]
    brief.coverage[1] = tier.model_copy(update={"facts": [tier.facts[0].model_copy(update={"about": "Ana Ruiz"})]})
    assert story_view(brief).coverage[1][2][0].text.startswith("(Ana Ruiz) Twelve people")
