"""Brief: ``Fusion`` → ``Brief``: cited summary, consensus / unique / conflicting facts, quotation
table, timeline, main entities."""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import AnnotatedArticle, Brief, Fusion, Settings, TextEncoder


def make_brief(
    fusion: Fusion, articles: Sequence[AnnotatedArticle], encoder: TextEncoder, settings: Settings | None = None
) -> Brief:
    raise NotImplementedError
