"""Headless Chromium for page tests: Debian's /usr/bin/chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import BrowserContext, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium() -> Iterator[BrowserContext]:
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} not found: run `make system-deps` (installs Debian's chromium package)")
    profile = Path(tempfile.mkdtemp(prefix="newsfuse-chromium-"))
    try:
        with sync_playwright() as playwright:
            # a fresh profile each run; Playwright passes it as --user-data-dir
            context = playwright.chromium.launch_persistent_context(
                str(profile),
                executable_path=str(CHROMIUM),
                headless=True,
                args=ARGS,
                viewport={"width": 1400, "height": 1000},
            )
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
