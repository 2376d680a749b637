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


SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "pages"  # screenshots, the test artefacts
WIDTHS = {"laptop": (1366, 768), "phone": (390, 844)}

# What leaves its column: the page wider than the viewport, a column outside it, or an element outside its
# column (element boxes against the column's box). Pages without a brief check "main" instead.
OVERFLOWS = """() => {
  const problems = [];
  const wide = document.scrollingElement.scrollWidth;
  if (wide > innerWidth + 1) problems.push(`page ${wide} px wide`);
  for (const column of document.querySelectorAll('header.top, header.page, nav.stories, .brief, .pane')) {
    const box = column.getBoundingClientRect();
    if (box.width === 0) continue;
    const name = column.className || column.tagName;
    if (box.left < -1 || box.right > innerWidth + 1) problems.push(`${name} outside the viewport`);
    for (const el of column.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1) {
        problems.push(`${el.tagName}.${el.className} [${Math.round(r.left)}, ${Math.round(r.right)}] outside ` +
                      `${column.className || column.tagName} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
      }
    }
  }
  return problems.slice(0, 10);
}"""
