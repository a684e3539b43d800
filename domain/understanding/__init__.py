"""Offline, deterministic meeting-log understanding: free text (Chinese, English or mixed) to a MeetingLog."""

from __future__ import annotations

from datetime import datetime

from domain.compliance import ComplianceRules, clean_notes, screen
from domain.meeting_log import MeetingLog
from domain.understanding.assemble import Reading, read
from domain.understanding.text import warm_up

__all__ = ["understand", "warm_up"]


def _blank(text: str, spans: tuple[tuple[int, int], ...], keep: str = "") -> str:
    chars = list(text)
    for a, b in spans:
        for i in range(a, b):
            if chars[i] not in keep:
                chars[i] = " "
    return "".join(chars)


def understand(text: str, *, now: datetime, compliance: ComplianceRules | None = None) -> MeetingLog:
    """`now` is timezone-aware, in the rep's time zone; relative dates resolve against now's local date."""
    screening = screen(text, compliance)
    masked = _blank(text, screening.numbers)
    facts = _blank(masked, screening.flagged, keep="。！？!?；;.\n")
    r: Reading = read(masked, facts, now)
    return MeetingLog(
        occurred_on=r.occurred_on,
        channel=r.channel,
        account=r.account,
        notes=clean_notes(text, screening),
        people=r.people,
        relations=r.relations,
        deal=r.deal,
        next_meetings=r.next_meetings,
        control_points=r.control_points,
        resource_requests=r.requests,
        pitched=r.pitched,
        flags=screening.flags,
        unparsed=r.unparsed,
    )
