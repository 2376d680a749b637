from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.pg import create_database, postgres_server


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh store location, on both backends."""
    if request.param == "sqlite":
        return str(tmp_path_factory.mktemp("store") / "news.db")
    return create_database(request.getfixturevalue("postgres"))
