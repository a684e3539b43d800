"""The presales routing rules in force: read from the admin's TOML or YAML file, checked, reloaded safely.

Every problem in a file is reported at once as `FILE:LINE: reason`, so an admin fixes them in one
pass. A file that does not pass is refused whole: at start Rapport does not run on half a rule set,
and a reload keeps the rules that were in force.
"""

from __future__ import annotations

import difflib
import logging
import re
import threading
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import BaseModel, ValidationError

from domain.routing import DEFAULT_QUEUE, Member, Queue, RoutingRules, Rule
from domain.working_hours import WEEKDAYS, WorkingCalendar, parse_spans, standard_calendar
from services.routing_rules_file import QueueSettingsIn, RuleIn, RulesFileIn, check_channel, cross_checks
from services.rules_file_lines import line_of, toml_lines, yaml_lines

log = logging.getLogger(__name__)
_TOML_AT = re.compile(r"\s*\(at line (\d+), column \d+\)$")
_DEFAULT_CHANNEL = "RAPPORT_PRESALES_CHANNEL"
_NAME_THE_WORKSPACE = ("'workspace' is missing: with OAuth (SLACK_CLIENT_ID) Rapport serves several workspaces and "
                       "the channel and user ids of this file mean something in one of them; name it at the top, "
                       "workspace = \"T0123ABCD\"")


@dataclass(frozen=True)
class RulesProblem:
    """One thing wrong in a rules file, where it is written and why it is refused."""

    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}" if self.line else f"{self.file}: {self.reason}"


class RulesFileRefused(ValueError):
    """A rules file with problems: none of it is used."""

    def __init__(self, problems: Sequence[RulesProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def no_rules(*, default_channel: str | None, default_zone: str) -> RoutingRules:
    """A workspace without a rules file: every request goes to the default queue."""
    default = Queue(DEFAULT_QUEUE, default_channel, standard_calendar(default_zone))
    return RoutingRules(queues=(), rules=(), default=default, source=None)


def read_rules(path: Path, *, default_channel: str | None, default_zone: str,
               require_workspace: bool = False) -> RoutingRules:
    """The rules of a TOML (or .yaml/.yml) file, or RulesFileRefused with every problem in it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RulesFileRefused([RulesProblem(str(path), None, f"cannot be read: {e}")]) from None
    yaml_file = path.suffix.lower() in (".yaml", ".yml")
    return parse_rules(text, source=str(path), yaml_file=yaml_file, default_channel=default_channel,
                       default_zone=default_zone, require_workspace=require_workspace)


def parse_rules(text: str, *, source: str, yaml_file: bool = False, default_channel: str | None,
                default_zone: str, require_workspace: bool = False) -> RoutingRules:
    """The rules written in text (named source in problems), or RulesFileRefused with every problem.
    `require_workspace`: an OAuth install serves several workspaces, so the file must say which one it is for."""
    data = _load_yaml(text, source) if yaml_file else _load_toml(text, source)
    lines = yaml_lines(text) if yaml_file else toml_lines(text)
    problems = [RulesProblem(source, line_of(lines, loc), f"{_label(loc, data)}: {why}")
                for loc, why in cross_checks(data)]
    try:
        model = RulesFileIn.model_validate(data)
    except ValidationError as e:
        problems += [_problem(err, data, lines, source) for err in e.errors()]
    problems += _channel_problems(default_channel)
    if require_workspace and "workspace" not in data:
        problems.append(RulesProblem(source, None, _NAME_THE_WORKSPACE))
    if problems:
        raise RulesFileRefused(sorted(problems, key=lambda p: (p.file != source, p.line or 0)))
    return _rules(model, lines, source, default_channel=default_channel, default_zone=default_zone)


def _load_toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        at = _TOML_AT.search(str(e))
        reason = "not valid TOML: " + _TOML_AT.sub("", str(e))
        raise RulesFileRefused([RulesProblem(source, int(at.group(1)) if at else None, reason)]) from None


def _load_yaml(text: str, source: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        reason = "not valid YAML: " + str(getattr(e, "problem", None) or e)
        raise RulesFileRefused([RulesProblem(source, mark.line + 1 if mark else None, reason)]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RulesFileRefused([RulesProblem(source, 1, "the file must be a mapping of queues and rules")])
    return data


def _channel_problems(channel: str | None) -> list[RulesProblem]:
    try:
        if channel is not None:
            check_channel(channel)
    except ValueError as e:
        return [RulesProblem(_DEFAULT_CHANNEL, None, str(e))]
    return []


def _problem(err: Any, data: Any, lines: dict[Any, int], source: str) -> RulesProblem:
    """A pydantic error as the admin reads it: the line, which queue or rule, which key, and why."""
    loc = tuple(p for p in err["loc"] if p != "[key]")
    kind, msg = err["type"], str(err["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        where, key = loc[:-1], str(loc[-1])
        hint = difflib.get_close_matches(key, _keys_at(where), n=1)
        what = f"unknown key {key!r}" + (f" (did you mean {hint[0]!r}?)" if hint else "")
    elif kind == "missing":
        where, what = loc[:-1], f"{str(loc[-1])!r} is missing"
    else:
        where, what = loc, msg if kind == "value_error" else f"{msg}, got {err['input']!r}"
    label = _label(where, data)
    return RulesProblem(source, line_of(lines, loc), f"{label}: {what}" if label else what)


def _keys_at(loc: Sequence[str | int]) -> list[str]:
    """The keys the file may use at loc: what an unknown key is compared with to suggest a spelling."""
    model: type[BaseModel] = RulesFileIn
    for part in loc:
        if isinstance(part, str) and part in model.model_fields:
            inner = _model_in(model.model_fields[part].annotation)
            if inner is None:
                return []
            model = inner
    return list(model.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for m in map(_model_in, get_args(annotation)) if m is not None), None)


def _label(loc: Sequence[str | int], data: Any) -> str:
    """Which queue or rule, then which key: `queue "east", members #2, id`."""
    parts: list[str] = []
    rest = list(loc)
    if len(rest) >= 2 and rest[0] in ("queues", "rules") and isinstance(rest[1], int):
        i = rest[1]
        name = _get(data, "queues", i, "name") if rest[0] == "queues" else None
        parts.append(f"queue {name!r}" if isinstance(name, str) else f"{str(rest[0])[:-1]} {i + 1}")
        rest = rest[2:]
    for part in rest:
        if isinstance(part, int) and parts:
            parts[-1] += f" #{part + 1}"
        else:
            parts.append(str(part))
    return ", ".join(parts)


def _get(data: Any, *path: str | int) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _rules(model: RulesFileIn, lines: dict[Any, int], source: str, *, default_channel: str | None,
           default_zone: str) -> RoutingRules:
    """The checked file as the domain's queues and rules."""
    queues = tuple(_queue(q, model, q.name, q.channel, default_zone) for q in model.queues)
    default = _queue(model.default_queue or QueueSettingsIn(), model, DEFAULT_QUEUE, default_channel, default_zone)
    rules = tuple(_rule(r, f"{source}:{line_of(lines, ('rules', i))}") for i, r in enumerate(model.rules))
    return RoutingRules(queues=queues, rules=rules, default=default, source=source, workspace=model.workspace)


def _queue(q: QueueSettingsIn, top: RulesFileIn, name: str, channel: str | None, zone: str) -> Queue:
    members = tuple(Member(m.id, frozenset(m.skills)) for m in q.members)
    return Queue(name=name, channel=channel, calendar=_calendar(q, top, zone), members=members, lead=q.lead,
                 policy=q.policy, accept_within_hours=q.accept_within_hours,
                 manager_after_hours=q.manager_after_hours or 2 * q.accept_within_hours,
                 remind_before_days=tuple(sorted(set(q.remind_before_days), reverse=True)))


def _calendar(q: QueueSettingsIn, top: RulesFileIn, zone: str) -> WorkingCalendar:
    """The queue's own zone where it sets one; its own holidays and make-up days, or else both of the file's.

    Holidays and make-up days go together: a New York queue listing its holidays must not inherit
    the Saturdays Shanghai works instead of a holiday.
    """
    zone = q.timezone or top.timezone or zone
    own = q.holidays is not None or q.makeup_days is not None
    holidays = (q.holidays if own else top.holidays) or []
    makeup = (q.makeup_days if own else top.makeup_days) or {}
    weekly = (standard_calendar(zone).weekly if q.hours is None
              else tuple(parse_spans(getattr(q.hours, day)) for day in WEEKDAYS))
    return WorkingCalendar(zone=zone, weekly=weekly, holidays=frozenset(holidays),
                           makeup_days={day: parse_spans(spans) for day, spans in makeup.items()})


def _rule(r: RuleIn, source: str) -> Rule:
    def words(values: Sequence[str] | None) -> frozenset[str] | None:
        return None if values is None else frozenset(v.strip() for v in values)

    return Rule(queue=r.queue, types=words(r.types), regions=words(r.regions), industries=words(r.industries),
                products=words(r.products), source=source)


def describe(rules: RoutingRules) -> str:
    """One line for the log and the admin: how many queues and rules are in force, and from where."""
    if rules.source is None:
        return f"no rules file: every request goes to the default queue ({rules.default.channel or 'no channel'})"
    serves = f" for workspace {rules.workspace}" if rules.workspace else ""
    return f"{rules.source}{serves}: {len(rules.queues)} queue(s), {len(rules.rules)} rule(s)"


class RulesInForce:
    """The routing rules the bot uses now; a bad edit of the file leaves them as they were."""

    def __init__(self, path: Path | None, *, default_channel: str | None, default_zone: str,
                 require_workspace: bool = False) -> None:
        """Read the file at start; a file with problems raises RulesFileRefused and nothing starts."""
        self._path, self._channel, self._zone = path, default_channel, default_zone
        self._require_workspace = require_workspace
        self._lock = threading.Lock()
        self._rules = self._read()

    @property
    def rules(self) -> RoutingRules:
        """The rules in force."""
        return self._rules

    def reload(self) -> tuple[RulesProblem, ...]:
        """Read the file again: its rules replace those in force only if it has no problem (returned)."""
        with self._lock:
            try:
                fresh = self._read()
            except RulesFileRefused as e:
                log.warning("presales rules not reloaded, the ones in force stay:\n%s", e)
                return e.problems
            self._rules = fresh
            log.info("presales rules reloaded: %s", describe(fresh))
            return ()

    def _read(self) -> RoutingRules:
        if self._path is None:
            return no_rules(default_channel=self._channel, default_zone=self._zone)
        return read_rules(self._path, default_channel=self._channel, default_zone=self._zone,
                          require_workspace=self._require_workspace)
