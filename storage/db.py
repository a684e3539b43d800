"""Engines and sessions: SQLite embedded by default, PostgreSQL in production."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from storage import scoring_generation, touch_index

DEFAULT_SQLITE_FILE = "rapport.sqlite3"


def default_database_url(folder: Path | None = None) -> str:
    """The embedded store: a SQLite file in the working folder."""
    return f"sqlite:///{(folder or Path.cwd()) / DEFAULT_SQLITE_FILE}"


def normalise_url(url: str) -> str:
    """Use psycopg 3 for plain postgres URLs, as Heroku-style platforms hand them out."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for the store; SQLite gets WAL, foreign keys and a busy timeout for many threads."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite opens transactions late and its SAVEPOINT handling is broken: releasing the outermost
    # savepoint commits, so ProcessedEventsRepo.first_time escaped its unit of work's rollback.
    # Switch its own transaction handling off and begin transactions ourselves (_sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock up front (waiting up to the busy timeout), so a transaction that
    # reads then writes never fails with "database is locked" on a stale snapshot, and claims of
    # outbox rows are serialised between processes sharing the file.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit, so repositories can hand them out."""
    sessions = sessionmaker(engine, expire_on_commit=False)
    touch_index.install(sessions)
    scoring_generation.install(sessions)
    return sessions
