"""The command line: thin wrappers that parse, call one library function and format.

Each command lives in the module of its stage family, listed in ``newsfuse.cli.app.COMMANDS``; a module is
imported (registering its command on ``app``) only when its command runs, so ``--help`` stays fast.
"""

from __future__ import annotations

from newsfuse.cli.app import app, main

__all__ = ["app", "main"]
