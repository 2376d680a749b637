"""Assets both the static HTML brief (render) and the served story page (serve) use, kept once here because
neither stage may import the other: ``pane.css``, the source pane that shows one source at a time (tabs on a
wide screen, a picker in a bottom sheet on a narrow one). render inlines it into the self-contained page;
serve serves it as ``/assets/pane.css``."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

SHARED = ("pane.css",)


@cache
def asset(name: str) -> str:
    if name not in SHARED:
        raise KeyError(name)
    return files(__name__).joinpath(name).read_text(encoding="utf-8")
