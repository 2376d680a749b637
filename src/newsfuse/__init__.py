"""newsfuse: read the news from many sources at once.

The names below are imported on first use, not with the package: ``newsfuse --help`` (which imports
``newsfuse.cli``) must not pay for spaCy, numpy and the pipeline it will not run."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from newsfuse.errors import InputError, ModelError, NewsfuseError, StoreError

if TYPE_CHECKING:
    from newsfuse.model import AnnotatedArticle, Article, Brief, Fusion, IngestReport, Rejected, Settings, Story
    from newsfuse.pipeline import BriefRun, brief_files

_LAZY = {
    **dict.fromkeys(
        ["AnnotatedArticle", "Article", "Brief", "Fusion", "IngestReport", "Rejected", "Settings", "Story"],
        "newsfuse.model",
    ),
    "BriefRun": "newsfuse.pipeline",
    "brief_files": "newsfuse.pipeline",
}

__all__ = [
    "AnnotatedArticle",
    "Article",
    "Brief",
    "BriefRun",
    "Fusion",
    "IngestReport",
    "InputError",
    "ModelError",
    "NewsfuseError",
    "Rejected",
    "Settings",
    "StoreError",
    "Story",
    "brief_files",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsfuse' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
