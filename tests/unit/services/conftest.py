"""A fresh embedded store per test: nudge services read and write through real repositories."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from storage.uow import UnitOfWorkFactory


@pytest.fixture
def uows(sqlite_url: str) -> Iterator[UnitOfWorkFactory]:
    """Units of work over a migrated SQLite file (a few milliseconds to create)."""
    upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    try:
        yield UnitOfWorkFactory(session_factory(engine))
    finally:
        engine.dispose()
