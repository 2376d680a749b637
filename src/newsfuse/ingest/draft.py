"""What a format reader hands on: raw body text plus whatever metadata the format carried."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

# "wrapped": lines may be hard wraps (plain, PDF-extracted, SGML); "lines": every line is a paragraph (HTML).
Layout = Literal["wrapped", "lines"]


@dataclass
class Draft:
    text: str
    source: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    layout: Layout = "wrapped"
    strip_boilerplate: bool = True
    # what a reader cut before cleaning (the cleaning's own cuts are added later), one line each
    trimmed: list[str] = field(default_factory=list)
