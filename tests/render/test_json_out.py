from __future__ import annotations

import json

import jsonschema
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.model import SCHEMA_VERSION, Brief, BriefCollection
from newsfuse.render import output_schema, render
from tests.render.briefs import make_brief


def test_one_brief_is_the_model_dump() -> None:
    brief = make_brief()
    data = json.loads(render([brief], "json"))
    assert data == brief.model_dump(mode="json")
    assert Brief.model_validate(data) == brief


def test_several_briefs_come_in_a_versioned_envelope() -> None:
    briefs = [make_brief(), make_brief(story_id="story-2")]
    data = json.loads(render(briefs, "json"))
    assert set(data) == {"schema_version", "briefs"}
    assert data["schema_version"] == SCHEMA_VERSION
    assert [b["story_id"] for b in data["briefs"]] == ["story-1", "story-2"]
    assert BriefCollection.model_validate(data).briefs == briefs


def test_single_and_multi_outputs_validate_against_the_published_schema() -> None:
    schema = output_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for briefs in ([make_brief()], [make_brief(), make_brief(story_id="story-2")]):
        jsonschema.validate(json.loads(render(briefs, "json")), schema)


def test_schema_rejects_a_brief_missing_its_summary() -> None:
    data = json.loads(render([make_brief()], "json"))
    del data["summary"]
    validator = jsonschema.Draft202012Validator(output_schema())
    assert not validator.is_valid(data)


def test_schema_command_prints_the_output_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == output_schema()
