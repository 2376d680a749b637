"""The command line: thin wrappers that parse, call one library function and format.

Each command lives in the module of its stage family; importing them registers them on ``app``.
"""

from __future__ import annotations

from newsfuse.cli import brief_cmd, eval_cmd, store_cmd, stories_cmd, watch_cmd  # noqa: F401  (registers commands)
from newsfuse.cli.app import app, main

__all__ = ["app", "main"]
