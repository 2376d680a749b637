"""newsfuse: read the news from many sources at once."""

from newsfuse.errors import InputError, ModelError, NewsfuseError, StoreError
from newsfuse.model import (
    AnnotatedArticle,
    Article,
    Brief,
    Fusion,
    IngestReport,
    Rejected,
    Settings,
    Story,
)
from newsfuse.pipeline import BriefRun, brief_files

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
