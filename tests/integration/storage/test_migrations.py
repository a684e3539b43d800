"""Migrating an empty store to head yields exactly the tables the models describe, on both stores."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import inspect

import storage.migrate
import storage.rows  # noqa: F401  (registers the tables)
import storage.rows_pipeline  # noqa: F401
from storage.base import Base
from storage.db import make_engine
from storage.migrate import (
    SLACK_SDK_TABLES,
    alembic_config,
    current_revision,
    head_revision,
    include_name,
    upgrade,
)


def _differences(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": include_name, "compare_type": True})
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_an_empty_store_migrated_to_head_matches_the_models(database_url: str) -> None:
    upgrade(database_url)
    assert _differences(database_url) == []


def test_a_new_store_has_no_revision_until_upgraded_to_head(database_url: str) -> None:
    assert current_revision(database_url) is None
    upgrade(database_url)
    assert head_revision() is not None
    assert current_revision(database_url) == head_revision()


def test_upgrading_twice_changes_nothing(migrated_url: str) -> None:
    before = _tables(migrated_url)
    upgrade(migrated_url)
    assert _tables(migrated_url) == before
    assert current_revision(migrated_url) == head_revision()


def test_upgrade_creates_slack_sdks_oauth_tables_outside_our_models(migrated_url: str) -> None:
    assert _tables(migrated_url) >= SLACK_SDK_TABLES
    assert not SLACK_SDK_TABLES & set(Base.metadata.tables)


def test_a_slack_installation_can_be_saved_and_found_in_the_same_store(migrated_url: str) -> None:
    engine = make_engine(migrated_url)
    try:
        installations = SQLAlchemyInstallationStore(client_id="111.222", engine=engine)
        installations.save(Installation(app_id="A1", team_id="T1", user_id="U1", bot_token="xoxb-1",
                                        bot_id="B1", bot_user_id="UB1"))
        bot = installations.find_bot(enterprise_id=None, team_id="T1")
        assert bot is not None and bot.bot_token == "xoxb-1"
    finally:
        engine.dispose()


def test_downgrading_to_base_leaves_only_slack_sdks_tables(migrated_url: str) -> None:
    engine = make_engine(migrated_url)
    try:
        with engine.begin() as conn:
            cfg = alembic_config(migrated_url)
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
    finally:
        engine.dispose()
    assert _tables(migrated_url) - {"alembic_version"} == set(SLACK_SDK_TABLES)


def test_upgrade_creates_the_sqlite_file_and_its_folder(tmp_path: Path) -> None:
    target = tmp_path / "nested" / "folder" / "rapport.sqlite3"
    upgrade(f"sqlite:///{target}")
    assert target.is_file()


def test_looking_at_a_missing_sqlite_store_does_not_create_it(tmp_path: Path) -> None:
    target = tmp_path / "absent.sqlite3"
    assert current_revision(f"sqlite:///{target}") is None
    assert not target.exists()


def test_the_migration_scripts_ship_inside_the_package() -> None:
    folder = Path(storage.migrate.__file__).parent / "migrations"
    assert {"env.py", "script.py.mako"} <= {p.name for p in folder.iterdir()}
    assert (folder / "versions" / "0001_initial.py").is_file()
