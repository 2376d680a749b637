"""A brief as JSON: the model's own dump. One story gives a ``Brief``; several give a ``BriefCollection``."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from newsfuse.model import Brief, BriefCollection

_OUTPUT = TypeAdapter(Brief | BriefCollection)


def render_json(briefs: list[Brief]) -> str:
    if len(briefs) == 1:
        return briefs[0].model_dump_json(indent=2) + "\n"
    return BriefCollection(briefs=briefs).model_dump_json(indent=2) + "\n"


def output_schema() -> dict[str, Any]:
    """The JSON schema every ``--format json`` output validates against: one brief, or the multi-brief envelope."""
    schema = _OUTPUT.json_schema()
    schema["title"] = "newsfuse brief output"
    schema["description"] = "One Brief (a single story) or a BriefCollection (several stories)."
    return schema
