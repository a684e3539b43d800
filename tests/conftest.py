"""Fixtures shared by every test: stores on SQLite and PostgreSQL, migrated, behind units of work."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.pool import NullPool

from storage.db import make_engine, normalise_url, session_factory
from storage.migrate import upgrade
from storage.uow import UnitOfWorkFactory

POSTGRES_ENV = "RAPPORT_TEST_POSTGRES_URL"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that ask for postgres_url directly carry the "postgres" marker too."""
    for item in items:
        if "postgres_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file in the test's own temporary folder (not created yet)."""
    return f"sqlite:///{tmp_path / 'rapport.sqlite3'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test, dropped afterwards.

    Skipped when RAPPORT_TEST_POSTGRES_URL is unset, except under CI=true, where that is a failure.
    """
    server_url = os.environ.get(POSTGRES_ENV)
    if not server_url:
        if _in_ci():
            pytest.fail(f"{POSTGRES_ENV} is unset but CI=true: the PostgreSQL tests must run in CI")
        pytest.skip(f"{POSTGRES_ENV} is unset")
    name = f"rapport_test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(server_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(normalise_url(server_url)).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            # FORCE ends connections a test left open (PostgreSQL 13+).
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(
    params=[pytest.param("sqlite", id="sqlite"), pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)]
)
def database_url(request: pytest.FixtureRequest) -> str:
    """An empty store, once on SQLite and once on PostgreSQL."""
    url: str = request.getfixturevalue(f"{request.param}_url")
    return url


@pytest.fixture
def migrated_url(database_url: str) -> str:
    """The store upgraded to the newest migration."""
    upgrade(database_url)
    return database_url


@pytest.fixture
def uow_factory(migrated_url: str) -> Iterator[UnitOfWorkFactory]:
    """Units of work over the migrated store; the engine is disposed after the test."""
    engine = make_engine(migrated_url)
    try:
        yield UnitOfWorkFactory(session_factory(engine))
    finally:
        engine.dispose()
