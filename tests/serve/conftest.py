from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newsfuse.serve import create_app
from newsfuse.store import Store
from tests.live import live_server
from tests.pg import create_database, postgres_server
from tests.serve.auth import AUTH, OPTIONS
from tests.store.fakes import FakeProcessor


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def api(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[httpx.Client]:
    """An HTTP client on a live uvicorn server over a fresh store (both backends), small body limit."""
    if request.param == "sqlite":
        db = str(tmp_path / "news.db")
    else:
        db = create_database(request.getfixturevalue("postgres"))
    with Store(db) as store:
        app = create_app(store, FakeProcessor(), max_body_bytes=20_000, options=OPTIONS)
        with live_server(app) as base, httpx.Client(base_url=base, timeout=30, headers=AUTH) as client:
            yield client
