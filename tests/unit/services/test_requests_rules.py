"""The rules a running process routes with: the file looked at once a minute at most, a bad edit refused once per
version while the rules in force stay, a good edit taken."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from services.requests_rules import LiveRules

T0 = datetime(2027, 3, 1, 1, tzinfo=UTC)
GOOD = '[[queues]]\nname = "east"\nchannel = "C0EAST001"\n\n[[rules]]\ntypes = ["demo"]\nqueue = "east"\n'
OTHER = GOOD.replace('types = ["demo"]', 'types = ["poc"]')
BAD = GOOD.replace('queue = "east"', 'queue = "eats"')


def _write(path: Path, text: str, bump: int) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = path.stat().st_mtime + bump
    os.utime(path, (stamp, stamp))


def test_a_bad_edit_is_reported_once_per_version_and_the_rules_in_force_stay(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    _write(path, GOOD, 0)
    live = LiveRules(path, default_channel=None, default_zone="Asia/Shanghai")
    _write(path, BAD, 10)
    bad = live.check(T0)
    assert bad is not None and [str(p) for p in bad.problems] == [
        f"{path}:7: rule 1, queue: no queue is named 'eats' (queues: east)"]
    assert live.rules.rules[0].queue == "east" and live.rules.rules[0].types == frozenset({"demo"})
    _write(path, BAD, 20)  # saved again unchanged: the admins heard of this version already
    assert live.check(T0 + timedelta(minutes=1)) is None
    _write(path, BAD + "\n", 30)  # another bad version
    assert live.check(T0 + timedelta(minutes=2)) is not None


def test_the_file_is_looked_at_once_a_minute_at_most_and_a_good_edit_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    _write(path, GOOD, 0)
    live = LiveRules(path, default_channel=None, default_zone="Asia/Shanghai")
    assert live.check(T0) is None
    _write(path, OTHER, 10)
    assert live.check(T0 + timedelta(seconds=30)) is None and live.rules.rules[0].types == frozenset({"demo"})
    assert live.check(T0 + timedelta(seconds=61)) is None and live.rules.rules[0].types == frozenset({"poc"})


def test_without_a_file_every_request_goes_to_the_default_queue() -> None:
    live = LiveRules(None, default_channel="C0DEFAULT", default_zone="UTC")
    assert live.check(T0) is None and live.rules.rules == () and live.rules.default.channel == "C0DEFAULT"

