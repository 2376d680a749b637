"""Shared fixtures: the real corpora in ../shared/corpora (read, never copied) and small texts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext

from tests.browser import chromium

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
SEEDS = CORPORA / "seeds"
SEED_REUTERS = SEEDS / "000_1ee9f4010e00c887.txt"
SEED_AFP = SEEDS / "004_20f75d47f5764936.txt"
EXAMPLES = REPO / "examples"


def pytest_sessionstart(session: pytest.Session) -> None:
    """The tests read real text from the shared corpora beside the checkout: without them, say so once and stop
    (a clone elsewhere otherwise fails dozens of tests on one missing folder)."""
    if not CORPORA.is_dir():
        raise pytest.UsageError(
            f"the shared corpora are expected beside the checkout at {CORPORA}: clone the repository next to the "
            "shared folder (../shared/corpora), as CI does"
        )


def collapse(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="session")
def browser() -> Iterator[BrowserContext]:
    """One headless Chromium for every page test: Playwright's sync API allows one driver per thread."""
    with chromium() as context:
        yield context


@pytest.fixture(scope="session")
def corpora() -> Path:
    assert CORPORA.is_dir(), f"the shared corpora are expected beside the repo at {CORPORA}"
    return CORPORA


@pytest.fixture(scope="session")
def seed_paths() -> tuple[Path, Path]:
    return SEED_REUTERS, SEED_AFP


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    return data
