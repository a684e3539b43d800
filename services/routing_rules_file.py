"""The presales rules file as the admin writes it: pydantic models that refuse anything they do not know.

Every check here names the key it refuses, so services/routing_rules.py can put the file's line on it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from domain.meeting_log import RequestType
from domain.routing import DEFAULT_QUEUE, Policy
from domain.working_hours import parse_spans

_USER = re.compile(r"^[UW][A-Z0-9]{6,}$")
_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{6,}$")
_CHANNEL_NAME = re.compile(r"^#[-\w]{1,80}$")
_WORKSPACE = re.compile(r"^T[A-Z0-9]{2,}$")


def check_channel(value: str) -> str:
    """A channel id (C0123ABCD) or a #name as Slack allows it (lower case, no spaces or dots)."""
    if _CHANNEL_ID.match(value) or (_CHANNEL_NAME.match(value) and value == value.lower()):
        return value
    raise ValueError(f"{value!r} is not a channel id like C0123ABCD or a #channel-name in lower case")


def check_zone(value: str) -> str:
    """A time zone from the IANA database, like Asia/Shanghai."""
    try:
        ZoneInfo(value)
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        raise ValueError(f"{value!r} is not a time zone like Asia/Shanghai or America/New_York") from None
    return value


def _user(value: str) -> str:
    if not _USER.match(value):
        raise ValueError(f"{value!r} is not a Slack user id like U0123ABCD")
    return value


def _check_spans(value: str) -> str:
    parse_spans(value)
    return value


def _one_or_many(value: Any) -> Any:
    """`types = "demo"` is read as a list of one."""
    return [value] if isinstance(value, str) else value


def _not_empty(values: list[str] | None) -> list[str] | None:
    if values is not None and not values:
        raise ValueError("an empty list matches nothing; leave the key out to match any")
    if values is not None and not all(v.strip() for v in values):
        raise ValueError("blank entries match nothing")
    return values


def _member(value: Any) -> Any:
    """A member written as a bare user id has no skills."""
    return {"id": value} if isinstance(value, str) else value


Day = Annotated[date, Field(strict=False)]  # TOML and YAML write dates natively; a quoted "2025-10-01" also does


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class MemberIn(_Strict):
    """A person of a queue: a Slack user id and, for skill_match, what they are good at."""

    id: str
    skills: list[str] = []

    _id = field_validator("id")(lambda v: _user(v))


class HoursIn(_Strict):
    """Working spans per weekday in the queue's zone; a day left out is closed."""

    mon: str = ""
    tue: str = ""
    wed: str = ""
    thu: str = ""
    fri: str = ""
    sat: str = ""
    sun: str = ""

    _spans = field_validator("*")(lambda v: _check_spans(v))


class CalendarIn(_Strict):
    """Zone, holidays and make-up working days (调休): a queue's own, or the file's for every queue."""

    timezone: str | None = None
    holidays: list[Day] | None = None
    makeup_days: dict[Day, str] | None = None

    _zone = field_validator("timezone")(lambda v: v if v is None else check_zone(v))

    @field_validator("makeup_days")
    @classmethod
    def _makeup(cls, v: dict[date, str] | None) -> dict[date, str] | None:
        for day, spans in (v or {}).items():
            if not parse_spans(spans):
                raise ValueError(f"make-up day {day} has no working hours")
        return v


class QueueSettingsIn(CalendarIn):
    """What a queue sets besides its name and channel (also the default queue's settings)."""

    members: list[Annotated[MemberIn, BeforeValidator(_member)]] = []
    lead: str | None = None
    policy: Policy = "round_robin"
    accept_within_hours: float = Field(default=8, gt=0, le=1000)
    manager_after_hours: float | None = Field(default=None, gt=0, le=2000)
    remind_before_days: list[Annotated[int, Field(ge=0, le=90)]] = [2, 0]
    hours: HoursIn | None = None

    _lead = field_validator("lead")(lambda v: v if v is None else _user(v))


class QueueIn(QueueSettingsIn):
    """A queue: its name (what rules point at), channel, members and service level."""

    name: str = Field(min_length=1, max_length=80)
    channel: str

    _channel = field_validator("channel")(lambda v: check_channel(v))

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if v.strip() != v or v == DEFAULT_QUEUE:
            raise ValueError(f"{v!r}: a queue name has no surrounding spaces and is not {DEFAULT_QUEUE!r}")
        return v


Words = Annotated[list[str] | None, BeforeValidator(_one_or_many)]


class RuleIn(_Strict):
    """Which requests go to a queue: each list matches any of its entries, a missing list matches anything."""

    queue: str
    types: Annotated[list[RequestType] | None, BeforeValidator(_one_or_many)] = None
    regions: Words = None
    industries: Words = None
    products: Words = None

    _lists = field_validator("types", "regions", "industries", "products")(lambda v: _not_empty(v))

    def is_catch_all(self) -> bool:
        """True when the rule sets no condition, so every request matches it."""
        return self.types is None and self.regions is None and self.industries is None and self.products is None


def check_workspace(value: str) -> str:
    """A Slack workspace's team id, like T0123ABCD."""
    if not _WORKSPACE.match(value):
        raise ValueError(f"{value!r} is not a Slack workspace (team) id like T0123ABCD")
    return value


class RulesFileIn(CalendarIn):
    """The whole file: the workspace it serves, calendar defaults, the default queue's settings, the queues and
    the rules in order."""

    workspace: str | None = None
    default_queue: QueueSettingsIn | None = None
    queues: list[QueueIn] = []
    rules: list[RuleIn] = []

    _workspace = field_validator("workspace")(lambda v: v if v is None else check_workspace(v))


Loc = tuple[str | int, ...]
_CONDITIONS = ("types", "regions", "industries", "products")


def cross_checks(data: dict[str, Any]) -> list[tuple[Loc, str]]:
    """What no single key shows: duplicate queues, rules naming unknown queues, rules that can never match.

    They read the file as parsed, not the validated model, so they are reported together with a
    mistyped key elsewhere instead of after it is fixed; a value of the wrong type is left to pydantic.
    """
    queues = _list(data.get("queues"))
    names = [q.get("name") if isinstance(q, dict) else None for q in queues]
    problems: list[tuple[Loc, str]] = []
    for i, queue in enumerate(queues):
        if isinstance(names[i], str) and names[i] in names[:i]:
            problems.append((("queues", i, "name"), f"a second queue named {names[i]!r}"))
        if isinstance(queue, dict):
            problems += _queue_checks(queue, ("queues", i))
    if isinstance(data.get("default_queue"), dict):
        problems += _queue_checks(data["default_queue"], ("default_queue",))
    return problems + _rule_checks(_list(data.get("rules")), {n for n in names if isinstance(n, str)})


def _rule_checks(rules: list[Any], queues: set[str]) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    catch_all: int | None = None
    for i, rule in enumerate(rules):
        if not isinstance(rule, dict):
            continue
        target = rule.get("queue")
        if isinstance(target, str) and target not in queues and target != DEFAULT_QUEUE:
            known = ", ".join(sorted(queues)) or "none"
            problems.append((("rules", i, "queue"), f"no queue is named {target!r} (queues: {known})"))
        if catch_all is not None:
            problems.append((("rules", i), f"can never match: rule {catch_all + 1} above matches every request"))
        elif set(rule) <= {"queue"}:
            catch_all = i
    return problems


def _queue_checks(queue: dict[str, Any], at: Loc) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    members = _list(queue.get("members"))
    ids = [m.get("id") if isinstance(m, dict) else m for m in members]
    problems += [((*at, "members", j), f"{ids[j]} is listed twice")
                 for j in range(len(ids)) if isinstance(ids[j], str) and ids[j] in ids[:j]]
    if queue.get("policy") == "skill_match" and not any(isinstance(m, dict) and m.get("skills") for m in members):
        problems.append(((*at, "policy"), "skill_match needs members with skills"))
    accept = queue.get("accept_within_hours", QueueSettingsIn.model_fields["accept_within_hours"].default)
    manager = queue.get("manager_after_hours")
    if _number(accept) and _number(manager) and manager <= accept:
        problems.append(((*at, "manager_after_hours"), "must be more than accept_within_hours "
                         "(the lead hears first, then the requester's manager)"))
    hours = queue.get("hours")
    if isinstance(hours, dict) and all(isinstance(v, str) for v in hours.values()) \
            and not any(_opens(v) for v in hours.values()):
        problems.append(((*at, "hours"), "every day is closed: requests would never fall due"))
    return problems


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _opens(spans: str) -> bool:
    """True when the day has working hours (or is written wrongly, which pydantic reports)."""
    try:
        return bool(parse_spans(spans))
    except ValueError:
        return True
