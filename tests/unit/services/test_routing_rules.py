"""The presales rules file: read and checked with every problem at its line, and reloaded without harm."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from domain.routing import RequestFacts, route
from domain.working_hours import add_working_hours
from services.routing_rules import RulesFileRefused, RulesInForce, no_rules, parse_rules, read_rules

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "presales-rules.toml"

GOOD = """\
timezone = "Asia/Shanghai"
holidays = [2027-03-08]

[[queues]]
name = "east"
channel = "#presales-east"
policy = "round_robin"
accept_within_hours = 4
members = [
  { id = "U07ZHAOLEI01", skills = ["demo"] },
  "U07LIUYANG01",
]

[queues.hours]
mon = "09:00-18:00"

[[queues]]
name = "americas"
channel = "C07AMERICAS1"
timezone = "America/New_York"

[[rules]]
types = ["demo", "poc"]
regions = ["华东"]
queue = "east"

[[rules]]
regions = ["North America"]
queue = "americas"
"""


def write(tmp_path: Path, text: str, name: str = "rules.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path, channel: str | None = "#presales") -> list[str]:
    with pytest.raises(RulesFileRefused) as refused:
        read_rules(path, default_channel=channel, default_zone="Asia/Shanghai")
    return [str(p) for p in refused.value.problems]


def changed(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


# the shipped example

def test_the_example_file_routes_a_demo_for_an_east_china_bank_to_the_east_team() -> None:
    rules = read_rules(EXAMPLE, default_channel="C0PRESALES1", default_zone="Asia/Shanghai")
    assert [q.name for q in rules.queues] == ["solutions-east", "americas"] and len(rules.rules) == 3
    decision = route(RequestFacts("demo", region="华东", industry="银行"), rules)
    assert (decision.queue.channel, decision.rule_index) == ("#presales-east", 0)
    assert decision.reason.endswith("matched: solutions-east") and "presales-rules.toml:" in decision.reason


def test_the_readme_shows_the_example_file_as_it_is() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, re.S)
    assert EXAMPLE.read_text(encoding="utf-8") in blocks


def test_the_new_york_queue_keeps_its_own_holidays_and_not_shanghais_makeup_saturday() -> None:
    rules = read_rules(EXAMPLE, default_channel=None, default_zone="Asia/Shanghai")
    east, americas = rules.queues
    assert date(2027, 2, 20) in east.calendar.makeup_days and not americas.calendar.makeup_days
    assert date(2027, 2, 8) in east.calendar.holidays and date(2027, 2, 8) not in americas.calendar.holidays
    assert date(2027, 2, 8) in rules.default.calendar.holidays


def test_a_queue_without_hours_works_weekdays_nine_to_six_with_the_files_holidays() -> None:
    rules = parse_rules(GOOD, source="r.toml", default_channel=None, default_zone="Europe/Berlin")
    east, americas = rules.queues
    saturday = datetime(2027, 3, 6, 12, tzinfo=UTC)
    # New York's 09:00-18:00; Monday 8 March is the file's holiday: Tuesday 13:00 EST
    assert add_working_hours(saturday, 4, americas.calendar) == datetime(2027, 3, 9, 18, tzinfo=UTC)
    # east works Mondays only and 8 March is off: Monday 15 March 10:00 in Shanghai
    assert add_working_hours(saturday, 1, east.calendar) == datetime(2027, 3, 15, 2, tzinfo=UTC)
    assert rules.default.calendar.zone == "Asia/Shanghai"  # the file's zone, not the workspace's


# mistakes, each at its line

@pytest.mark.parametrize("old, new, line, reason", [
    ('policy = "round_robin"', 'polcy = "round_robin"', 7, "queue 'east': unknown key 'polcy' (did you mean 'policy'?)"),
    ('policy = "round_robin"', 'policy = "roundrobin"', 7, "queue 'east', policy: Input should be 'round_robin'"),
    ('channel = "#presales-east"', 'channel = "presales east"', 6, "is not a channel id like C0123ABCD"),
    ('name = "east"\n', "", 4, "queue 1: 'name' is missing"),
    ("accept_within_hours = 4", 'accept_within_hours = "four"', 8, "accept_within_hours: Input should be a valid number"),
    ("accept_within_hours = 4", "accept_within_hours = 0", 8, "greater than 0"),
    ('  "U07LIUYANG01",', '  "liuyang",', 11, "queue 'east', members #2, id: 'liuyang' is not a Slack user id"),
    ('  "U07LIUYANG01",', '  "U07ZHAOLEI01",', 11, "U07ZHAOLEI01 is listed twice"),
    ('skills = ["demo"]', 'skils = ["demo"]', 10, "members #1: unknown key 'skils' (did you mean 'skills'?)"),
    ('mon = "09:00-18:00"', 'mon = "18:00-09:00"', 15, "hours, mon: '18:00-09:00' ends before it starts"),
    ('mon = "09:00-18:00"', 'mond = "09:00-18:00"', 15, "hours: unknown key 'mond' (did you mean 'mon'?)"),
    ('mon = "09:00-18:00"', 'mon = "closed"', 14, "hours: every day is closed"),
    ('timezone = "America/New_York"', 'timezone = "America/NewYork"', 20, "'America/NewYork' is not a time zone"),
    ("holidays = [2027-03-08]", 'holidays = [2027-03-08, "2027-02-30"]', 2, "holidays #2: Input should be a valid date"),
    ('types = ["demo", "poc"]', 'types = ["demo", "dmeo"]', 23, "rule 1, types #2: Input should be 'expert_talk'"),
    ('regions = ["华东"]', "regions = []", 24, "rule 1, regions: an empty list matches nothing"),
    ('queue = "americas"', 'queue = "america"', 29, "rule 2, queue: no queue is named 'america' (queues: americas, east)"),
    ('name = "americas"', 'name = "east"', 18, "queue 'east', name: a second queue named 'east'"),
    ('name = "americas"', 'name = "default"', 18, "is not 'default'"),
    ('policy = "round_robin"', 'policy = "skill_match"\nmanager_after_hours = 3', 8,
     "manager_after_hours: must be more than accept_within_hours"),
    ('channel = "#presales-east"', "channel = #presales-east", 6, "not valid TOML"),
])
def test_a_mistake_is_refused_with_its_file_line_and_reason(
        tmp_path: Path, old: str, new: str, line: int, reason: str) -> None:
    path = write(tmp_path, changed(old, new))
    problems = problems_of(path)
    assert any(p.startswith(f"{path}:{line}: ") and reason in p for p in problems), problems


def test_a_rule_after_a_catch_all_rule_is_refused_at_its_own_header(tmp_path: Path) -> None:
    path = write(tmp_path, changed('types = ["demo", "poc"]\nregions = ["华东"]\n', ""))
    assert problems_of(path) == [f"{path}:25: rule 2: can never match: rule 1 above matches every request"]


def test_a_catch_all_rule_at_the_end_is_fine() -> None:
    rules = parse_rules(GOOD + '\n[[rules]]\nqueue = "east"\n', source="r.toml", default_channel=None,
                        default_zone="Asia/Shanghai")
    assert route(RequestFacts("brand_material"), rules).rule_index == 2


def test_every_problem_of_a_file_is_reported_at_once_in_line_order(tmp_path: Path) -> None:
    text = changed('policy = "round_robin"', 'polcy = "round_robin"')
    text = text.replace('queue = "americas"', 'queue = "west"').replace('timezone = "America/New_York"',
                                                                       'timezone = "Mars/Olympus"')
    path = write(tmp_path, text)
    problems = problems_of(path, channel="presales")
    assert [p.split(": ")[0] for p in problems] == [f"{path}:7", f"{path}:20", f"{path}:29",
                                                   "RAPPORT_PRESALES_CHANNEL"]


def test_a_yaml_file_is_read_and_its_mistakes_have_lines_too(tmp_path: Path) -> None:
    good = write(tmp_path, "queues:\n  - name: east\n    channel: '#presales-east'\nrules:\n"
                           "  - types: demo\n    queue: east\n", name="rules.yaml")
    rules = read_rules(good, default_channel=None, default_zone="Asia/Shanghai")
    assert route(RequestFacts("demo"), rules).queue.name == "east"
    bad = write(tmp_path, "queues:\n  - name: east\n    channel: '#presales-east'\n    polcy: least_loaded\n",
                name="bad.yml")
    assert problems_of(bad) == [f"{bad}:4: queue 'east': unknown key 'polcy' (did you mean 'policy'?)"]


def test_a_file_that_cannot_be_read_is_refused_with_why(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path / "missing.toml")
    assert problem.startswith(f"{tmp_path / 'missing.toml'}: cannot be read")


# in force, and reloaded

def test_a_malformed_file_is_refused_at_start_with_file_line_and_reason(tmp_path: Path) -> None:
    path = write(tmp_path, changed('policy = "round_robin"', 'policy = "fastest"'))
    with pytest.raises(RulesFileRefused) as refused:
        RulesInForce(path, default_channel="#presales", default_zone="Asia/Shanghai")
    assert str(refused.value).startswith(f"{path}:7: queue 'east', policy: Input should be 'round_robin'")


def test_a_bad_reload_keeps_the_rules_in_force_and_returns_the_problems(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    held = RulesInForce(path, default_channel="#presales", default_zone="Asia/Shanghai")
    before = held.rules
    path.write_text(changed('queue = "americas"', 'queue = "west"'), encoding="utf-8")
    problems = held.reload()
    assert [str(p) for p in problems] == [f"{path}:29: rule 2, queue: no queue is named 'west' (queues: americas, east)"]
    assert held.rules is before
    assert route(RequestFacts("demo", region="North America"), held.rules).queue.name == "americas"


def test_a_deleted_file_on_reload_keeps_the_rules_in_force(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    held = RulesInForce(path, default_channel="#presales", default_zone="Asia/Shanghai")
    path.unlink()
    assert held.reload() and route(RequestFacts("demo", region="华东"), held.rules).queue.name == "east"


def test_a_good_reload_puts_the_new_rules_in_force(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    held = RulesInForce(path, default_channel="#presales", default_zone="Asia/Shanghai")
    path.write_text(changed('regions = ["North America"]', 'regions = ["北美"]'), encoding="utf-8")
    assert held.reload() == ()
    assert route(RequestFacts("demo", region="北美"), held.rules).queue.name == "americas"
    assert route(RequestFacts("demo", region="North America"), held.rules).queue.name == "default"


def test_a_workspace_without_a_rules_file_still_routes_to_the_presales_channel() -> None:
    held = RulesInForce(None, default_channel="C0PRESALES1", default_zone="Asia/Shanghai")
    decision = route(RequestFacts("poc", region="华东"), held.rules)
    assert (decision.queue.channel, decision.rule_index) == ("C0PRESALES1", None)
    assert held.reload() == () and held.rules == no_rules(default_channel="C0PRESALES1", default_zone="Asia/Shanghai")
