"""One rules file, several workspaces: with OAuth the file names the workspace it serves and every other workspace
routes to a default queue without a channel; with one bot token it serves the one workspace there is."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.presales import presales_rules
from bot.settings import SettingRefused, Settings
from services.requests_rules import LiveRules
from services.routing_rules import RulesFileRefused, parse_rules

ALPHA, BETA = "T0ALPHA01", "T0BETA001"
RULES = """\
[[queues]]
name = "east"
channel = "C0EAST001"
lead = "U0LEAD001"
members = ["U0ENG0001"]

[[rules]]
queue = "east"
"""
NAMED = f'workspace = "{ALPHA}"\n\n' + RULES


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_file_says_which_workspace_it_serves_and_a_mistyped_one_is_refused_at_its_line() -> None:
    assert parse_rules(NAMED, source="r.toml", default_channel=None, default_zone="UTC").workspace == ALPHA
    with pytest.raises(RulesFileRefused) as refused:
        parse_rules('workspace = "acme"\n' + RULES, source="r.toml", default_channel=None, default_zone="UTC")
    assert [str(p) for p in refused.value.problems] == [
        "r.toml:1: workspace: 'acme' is not a Slack workspace (team) id like T0123ABCD"]


def test_with_oauth_a_file_naming_no_workspace_is_refused_saying_how_to_name_it(tmp_path: Path) -> None:
    with pytest.raises(RulesFileRefused, match=r"'workspace' is missing: with OAuth .* workspace = \"T0123ABCD\""):
        LiveRules(_file(tmp_path, RULES), default_channel=None, default_zone="UTC", oauth=True)


def test_with_oauth_the_named_workspace_gets_the_file_and_another_a_default_queue_with_no_channel_and_nobody(
        tmp_path: Path) -> None:
    live = LiveRules(_file(tmp_path, NAMED), default_channel="C0DEFAULT", default_zone="Asia/Shanghai", oauth=True)
    mine, theirs = live.for_workspace(ALPHA), live.for_workspace(BETA)
    assert [q.name for q in mine.queues] == ["east"] and mine.default.channel == "C0DEFAULT"
    assert theirs.queues == () and theirs.rules == () and theirs.default.channel is None
    assert theirs.default.lead is None and theirs.default.members == ()
    assert (live.serves(ALPHA), live.serves(BETA)) == (True, False)


def test_with_oauth_and_no_rules_file_no_workspace_has_the_default_channel() -> None:
    live = LiveRules(None, default_channel="C0DEFAULT", default_zone="UTC", oauth=True)
    assert live.for_workspace(ALPHA).default.channel is None


def test_with_one_bot_token_a_file_naming_no_workspace_serves_the_workspace_there_is(tmp_path: Path) -> None:
    live = LiveRules(_file(tmp_path, RULES), default_channel="C0DEFAULT", default_zone="UTC")
    assert [q.name for q in live.for_workspace(BETA).queues] == ["east"] and live.serves(BETA)


def test_rapport_refuses_to_start_with_oauth_and_a_rules_file_naming_no_workspace(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, slack_client_id="1.2", slack_client_secret="s",  # type: ignore[call-arg]
                        rapport_presales_rules=_file(tmp_path, RULES))
    with pytest.raises(SettingRefused, match="'workspace' is missing"):
        presales_rules(settings)
    named = Settings(_env_file=None, slack_client_id="1.2", slack_client_secret="s",  # type: ignore[call-arg]
                     rapport_presales_rules=_file(tmp_path, NAMED))
    assert presales_rules(named).for_workspace(ALPHA).queues[0].name == "east"
