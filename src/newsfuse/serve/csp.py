"""A Content-Security-Policy for a self-contained page: its own inline ``<script>`` and ``<style>`` blocks
are allowed by their SHA-256 hashes, never by ``'unsafe-inline'``, so markup injected into the page (it
cannot be: every text is escaped, but should it ever be) would not run."""

from __future__ import annotations

import base64
import hashlib
import re

# The renderer's own blocks: a tag without attributes, its content up to the matching close.
_BLOCKS = {kind: re.compile(rf"<{kind}>(.*?)</{kind}>", re.DOTALL) for kind in ("script", "style")}


def inline_policy(page: str) -> str:
    """The policy for ``page``: nothing loaded from anywhere, its inline blocks allowed by hash."""
    sources = {
        kind: " ".join(_hash(block) for block in pattern.findall(page)) or "'none'" for kind, pattern in _BLOCKS.items()
    }
    return (
        f"default-src 'none'; script-src {sources['script']}; style-src {sources['style']}; img-src data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def _hash(block: str) -> str:
    digest = base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"
