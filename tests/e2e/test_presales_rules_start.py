"""`rapport serve` and `rapport worker` as an operator starts them: a malformed rules file stops both at once,
each problem named by file, line and reason, with exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.presales_world import RULES

# Line 5 lists a member twice; line 13 names a request type that does not exist.
BAD = RULES.replace('members = ["U0ENGEAST1", "U0ENGEAST2"]', 'members = ["U0ENGEAST1", "U0ENGEAST1"]').replace(
    'types = ["poc"]', 'types = ["pcc"]')


@pytest.mark.parametrize("command", [["serve", "--host", "127.0.0.1", "--port", "0"], ["worker", "--once"]])
def test_a_malformed_rules_file_stops_the_start_with_file_line_and_reason(command: list[str], tmp_path: Path) -> None:
    rules = tmp_path / "presales-rules.toml"
    rules.write_text(BAD, encoding="utf-8")
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-start", "SLACK_SIGNING_SECRET": "secret",
           "SLACK_API_URL": "http://127.0.0.1:9/api/", "DATABASE_URL": f"sqlite:///{tmp_path / 'rapport.sqlite3'}",
           "RAPPORT_PRESALES_RULES": str(rules)}
    done = subprocess.run([sys.executable, "-m", "bot.cli", *command], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert f"{rules}:5: queue 'east', members #2: U0ENGEAST1 is listed twice" in lines
    assert any(line.startswith(f"{rules}:13: rule 1, types #1: Input should be 'expert_talk'") and "got 'pcc'" in line
               for line in lines), done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "rapport.sqlite3").exists() or command[0] == "worker", "serve refuses before the store"
