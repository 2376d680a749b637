"""Render: ``Brief`` → Markdown, JSON, one self-contained HTML page, the terminal, or CSV. Presentation only."""

from __future__ import annotations

from typing import Literal

from newsfuse.model import Brief
from newsfuse.render.csv_out import render_csv
from newsfuse.render.html import render_html
from newsfuse.render.json_out import output_schema, render_json
from newsfuse.render.markdown import render_markdown
from newsfuse.render.terminal import render_terminal

__all__ = ["Format", "output_schema", "render"]

Format = Literal["md", "json", "html", "term", "csv"]


def render(briefs: list[Brief], fmt: Format, *, full: bool = True) -> str:
    """Render one or more briefs (a mixed input yields one brief per story). ``full=False`` makes the
    terminal view a page a reader reads on a screen (the other formats are always complete)."""
    if fmt == "md":
        return render_markdown(briefs)
    if fmt == "json":
        return render_json(briefs)
    if fmt == "html":
        return render_html(briefs)
    if fmt == "term":
        return render_terminal(briefs, full=full)
    if fmt == "csv":
        return render_csv(briefs)
    raise ValueError(f"unknown format {fmt!r}: expected md, json, html, term or csv")
