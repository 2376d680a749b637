"""Render: ``Brief`` → Markdown, JSON, one self-contained HTML page, or the terminal. Presentation only."""

from __future__ import annotations

from typing import Literal

from newsfuse.model import Brief

Format = Literal["md", "json", "html", "term"]


def render(briefs: list[Brief], fmt: Format) -> str:
    """Render one or more briefs (a mixed input yields one brief per story)."""
    raise NotImplementedError
