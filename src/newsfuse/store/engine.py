"""Opening a store: the URL, the engine (SQLite in WAL mode, or PostgreSQL), and migrations on open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from newsfuse.errors import StoreError

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url(db: str) -> str:
    """A path means a SQLite file; ``postgres://`` and ``postgresql://`` URLs use psycopg 3."""
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser()}"
    scheme, rest = db.split("://", 1)
    if scheme in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    return db


def open_engine(db: str) -> Engine:
    url = database_url(db)
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise StoreError(f"not a database URL or path: {db!r} ({error})") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            parent = Path(database).parent
            if not parent.is_dir():
                raise StoreError(f"cannot create the store {database}: folder {parent} does not exist")
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        try:
            engine = create_engine(url, pool_size=10, max_overflow=40, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError) as error:
            raise StoreError(f"cannot use database {parsed.render_as_string(hide_password=True)}: {error}") from None
    _migrate(engine)
    return engine


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # WAL lets the server read while one writer commits; synchronous=NORMAL in WAL survives a killed
    # process (only power loss can drop the last commits); foreign keys are off in SQLite by default.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _migrate(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as error:
        where = engine.url.render_as_string(hide_password=True)
        raise StoreError(f"cannot open the store at {where}: {str(error).splitlines()[0]}") from None
