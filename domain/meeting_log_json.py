"""Reading a MeetingLog back from its contract JSON."""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.meeting_log import (
    CareerDate,
    ControlPointFact,
    Criterion,
    DealFacts,
    Flag,
    MeetingLog,
    NextMeeting,
    PersonMention,
    Relation,
    ResourceRequestFact,
)


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _deal(d: dict[str, Any] | None) -> DealFacts | None:
    if not d:
        return None
    return DealFacts(
        name=d.get("name"), amount=d.get("amount"), currency=d.get("currency"), stage=d.get("stage"),
        close_on=_day(d.get("close_on")), rfp_due=_day(d.get("rfp_due")), tender_on=_day(d.get("tender_on")),
        award_method=d.get("award_method"), award_rule=d.get("award_rule"),
        evaluation_criteria=tuple(Criterion(c["item"], c["weight"]) for c in d.get("evaluation_criteria") or []),
        competitors=tuple(d.get("competitors") or ()),
    )


def _person(p: dict[str, Any]) -> PersonMention:
    dates = tuple(CareerDate(o["kind"], date.fromisoformat(o["on"])) for o in p.get("occasions") or [])
    return PersonMention(**{k: v for k, v in p.items() if k != "occasions"}, occasions=dates)


def meeting_log_from_json(data: dict[str, Any]) -> MeetingLog:
    """Rebuild the frozen log from the dict that `MeetingLog.to_json` produced."""
    people = tuple(_person(p) for p in data.get("people") or [])
    return MeetingLog(
        occurred_on=_day(data.get("occurred_on")),
        channel=data.get("channel") or "other",
        account=data.get("account"),
        notes=data.get("notes") or "",
        people=people,
        relations=tuple(Relation(r["from"], r["kind"], r["to"]) for r in data.get("relations") or []),
        deal=_deal(data.get("deal")),
        next_meetings=tuple(
            NextMeeting(tuple(m.get("with") or ()), date.fromisoformat(m["on"]), m.get("at"), m.get("topic"))
            for m in data.get("next_meetings") or []
        ),
        control_points=tuple(
            ControlPointFact(c["key"], c["state"], c.get("evidence")) for c in data.get("control_points") or []
        ),
        resource_requests=tuple(
            ResourceRequestFact(r["type"], _day(r.get("needed_by")), tuple(r.get("for") or ()))
            for r in data.get("resource_requests") or []
        ),
        pitched=tuple(data.get("pitched") or ()),
        flags=tuple(Flag(f["kind"], f["reason"]) for f in data.get("flags") or []),
        unparsed=tuple(data.get("unparsed") or ()),
    )
