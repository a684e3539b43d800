"""Settings are read once, from the environment or .env, and missing ones are named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import MissingSetting, Settings


def test_serve_names_every_missing_variable() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    with pytest.raises(MissingSetting) as refused:
        settings.require_for_serve(socket=False)
    assert "SLACK_SIGNING_SECRET" in str(refused.value) and "SLACK_BOT_TOKEN" in str(refused.value)
    with pytest.raises(MissingSetting, match="SLACK_APP_TOKEN"):
        Settings(_env_file=None, slack_bot_token="xoxb-1").require_for_serve(socket=True)  # type: ignore[call-arg]


def test_oauth_client_credentials_replace_the_bot_token() -> None:
    settings = Settings(_env_file=None, slack_signing_secret="s", slack_client_id="1.2",  # type: ignore[call-arg]
                        slack_client_secret="x")
    settings.require_for_serve(socket=False)
    assert settings.oauth_enabled


def test_a_dot_env_file_in_the_working_folder_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-from-dotenv\nRAPPORT_LOCALE=en\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    settings = Settings()
    assert settings.slack_bot_token == "xoxb-from-dotenv" and settings.rapport_locale == "en"
    assert settings.store_url == f"sqlite:///{tmp_path / 'rapport.sqlite3'}"


def test_rapport_serve_without_secrets_exits_with_the_variable_named(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "RAPPORT_", "DATABASE_URL"))}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "serve", "--port", "0"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "SLACK_SIGNING_SECRET" in done.stderr and "Traceback" not in done.stderr
