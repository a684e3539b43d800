"""Create or migrate the store: Alembic revisions to head, plus slack_sdk's OAuth tables."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, make_url

from storage.db import make_engine, normalise_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# Tables in the same store that slack_sdk creates and owns: never compared, never migrated by us.
SLACK_SDK_TABLES = frozenset({"slack_bots", "slack_installations", "slack_oauth_states"})


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Alembic's filter: leave slack_sdk's OAuth tables out of autogenerate's comparison."""
    return not (type_ == "table" and name in SLACK_SDK_TABLES)


def alembic_config(url: str) -> Config:
    """Alembic's configuration built in code, so an installed package needs no alembic.ini."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    # ConfigParser treats % as interpolation; URL-encoded passwords contain it.
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str) -> None:
    """Migrate the store named by url to the newest revision, creating it (SQLite) when missing."""
    sqlite_file = _sqlite_file(url)
    if sqlite_file is not None:
        sqlite_file.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            cfg = alembic_config(url)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
        _create_slack_tables(engine)
    finally:
        engine.dispose()


def current_revision(url: str) -> str | None:
    """The revision the store is at, or None when it has never been migrated (or does not exist)."""
    sqlite_file = _sqlite_file(url)
    if sqlite_file is not None and not sqlite_file.exists():
        return None  # connecting would create an empty file as a side effect of looking
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str | None:
    """The newest revision shipped with this package."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _create_slack_tables(engine: Engine) -> None:
    # Only the table definitions matter here; the client id is used when rows are read or written.
    SQLAlchemyInstallationStore(client_id="", engine=engine).create_tables()
    SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=engine).create_tables()
