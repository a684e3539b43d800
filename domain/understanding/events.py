"""The interaction itself (day, channel, who was there), planned meetings, the deal, requests and pitches."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from domain.meeting_log import Channel, ControlPointFact, DealFacts, NextMeeting, ResourceRequestFact
from domain.understanding.birthdays import birthday_in
from domain.understanding.careers import career_dates_in
from domain.understanding.channel import channel_in
from domain.understanding.money import deal_amount, find_amounts
from domain.understanding.requests import pitched_points, request_types
from domain.understanding.tender import control_points, tender_facts
from domain.understanding.text import Span, enclosing, split_spans
from domain.understanding.timeline import MEETING_CUE, ClauseTime, deal_date_kind, time_for

if TYPE_CHECKING:
    from domain.understanding.assemble import Found

_BEFORE_THEN = re.compile(r"那之前|此前|届时|\b(?:before (?:then|that|it)|by then)\b", re.I | re.A)
_PARAGRAPH = re.compile(r"[。！？!?\n]|(?<=[a-z0-9)])\.(?=\s|$)")


@dataclass(frozen=True)
class Events:
    """What the log says happened and what is planned."""

    occurred_on: date
    channel: Channel
    present: set[int]
    deal: DealFacts | None
    next_meetings: tuple[NextMeeting, ...]
    control_points: tuple[ControlPointFact, ...]
    requests: tuple[ResourceRequestFact, ...]
    pitched: tuple[str, ...]


def read_events(found: Found, timed: list[ClauseTime]) -> Events:
    """Read the interaction, plans, deal facts, requests and pitches from the clauses."""
    facts, doc = found.doc.facts, found.doc
    for c in timed:
        for h, _ in c.dates:
            doc.hit(h.start, h.end)
    skip = _birthday_clauses(found, timed) | _career_clauses(found, timed)
    requests, request_clauses = _requests(found, timed)
    deal_dates, deal_clauses = _deal_dates(facts, timed)
    not_events = skip | deal_clauses | request_clauses
    occurred = next((d for c in timed if not c.future and c.span not in not_events for _, d in c.dates), doc.today)
    channel, present = _channel(found, timed)
    meetings = _meetings(found, timed, skip | request_clauses | deal_clauses, present)
    return Events(occurred, channel, present, _deal(found, deal_dates), meetings, _control(found),
                  requests, _pitched(found))


def _birthday_clauses(found: Found, timed: list[ClauseTime]) -> set[Span]:
    out = set()
    for c in timed:
        sent = enclosing(found.sentence_spans, c.span[0])
        if birthday_in(found.doc.facts[sent[0]:sent[1]]):
            out.add(c.span)
    return out


def _career_clauses(found: Found, timed: list[ClauseTime]) -> set[Span]:
    """Clauses dating a promotion or a join ("上周一升任CTO") say nothing of when the logged touch was."""
    today = found.doc.today
    return {c.span for c in timed if career_dates_in(found.doc.facts[c.span[0]:c.span[1]], today, today)}


def _people_in(found: Found, span: Span) -> list[int]:
    out: list[int] = []
    for m in found.mentions:
        if span[0] <= m.start < span[1] and m.who not in out:
            out.append(m.who)
    return out


def _channel(found: Found, timed: list[ClauseTime]) -> tuple[Channel, set[int]]:
    for c in [c for c in timed if not c.future] + [c for c in timed if c.future]:
        hit = channel_in(_without_names(found, c.span))
        if hit and c.future and not _reported_plan(c, hit):
            continue
        if hit:
            found.doc.hit(c.span[0] + hit[1].start(), c.span[0] + hit[1].end())
            sent = enclosing(found.sentence_spans, c.span[0])
            return hit[0], set(_people_in(found, c.span) or _people_in(found, sent))
    return "other", set()


def _reported_plan(clause: ClauseTime, hit: tuple[Channel, re.Match[str]]) -> bool:
    """A plan passed on by message ("发微信说下周四…"): the channel cue comes before the plan's date."""
    first = min((h.start for h, _ in clause.dates), default=None)
    return hit[0] in ("message", "email", "call") and first is not None and clause.span[0] + hit[1].end() <= first


def _without_names(found: Found, span: Span) -> str:
    """The clause with organisation and people names blanked, so "Fourth Coffee" is not a coffee."""
    chars = list(found.doc.facts[span[0]:span[1]])
    for a, b in [(o.start, o.end) for o in found.orgs] + [(m.start, m.end) for m in found.mentions]:
        for i in range(max(a, span[0]), min(b, span[1])):
            chars[i - span[0]] = " "
    return "".join(chars)


def _meetings(found: Found, timed: list[ClauseTime], skip: set[Span], present: set[int]) -> tuple[NextMeeting, ...]:
    out: list[NextMeeting] = []
    for c in timed:
        if not c.future or not c.dates or c.span in skip:
            continue
        sent = enclosing(found.sentence_spans, c.span[0])
        if not MEETING_CUE.search(found.doc.facts[sent[0]:sent[1]]):
            continue
        who = _people_in(found, c.span) or _people_in(found, sent) or sorted(present)
        if not who:
            continue
        hit, day = c.dates[0]
        for t in c.times:
            found.doc.hit(t.start, t.end)
        out.append(NextMeeting(tuple(found.drafts[i].name for i in who), day, time_for(c, hit)))
    return tuple(out)


def _requests(found: Found, timed: list[ClauseTime]) -> tuple[tuple[ResourceRequestFact, ...], set[Span]]:
    by_type: dict[str, ResourceRequestFact] = {}
    used: set[Span] = set()
    for c in timed:
        a, _ = c.span
        sent = enclosing(found.sentence_spans, a)
        for kind, (s, e) in request_types(found.doc.facts[a:c.span[1]]):
            found.doc.hit(a + s, a + e)
            used.add(c.span)
            needed = next((h.value(future=True) for h, _ in c.dates), None) or _date_nearby(found.doc.facts, timed, c, sent)
            who = tuple(found.drafts[i].name for i in _people_in(found, sent))
            old = by_type.get(kind)
            if old is None or (old.needed_by is None and needed is not None):
                by_type[kind] = ResourceRequestFact(kind, needed, who)
    return tuple(by_type.values()), used


def _date_nearby(facts: str, timed: list[ClauseTime], clause: ClauseTime, sent: Span) -> date | None:
    """A request without its own date is due by the plan it serves: the sentence's (or a "before then") future date."""
    ahead = [c for c in timed if c.future and c.dates]
    same = [c for c in ahead if sent[0] <= c.span[0] < sent[1]]
    if not same and _BEFORE_THEN.search(facts[clause.span[0]:clause.span[1]]):
        same = [c for c in ahead if c.span[0] < clause.span[0]][-1:]
    return same[0].dates[0][0].value(future=True) if same else None


def _deal_dates(facts: str, timed: list[ClauseTime]) -> tuple[dict[str, date], set[Span]]:
    out: dict[str, date] = {}
    used: set[Span] = set()
    for c in timed:
        if not c.dates:
            continue
        kind = deal_date_kind(facts[c.span[0]:c.span[1]])
        if kind and kind not in out:
            hit, _ = c.dates[0]
            out[kind] = hit.value(future=True) or c.dates[0][1]
            used.add(c.span)
    return out, used


def _deal(found: Found, dates: dict[str, date]) -> DealFacts | None:
    facts = found.doc.facts
    amounts = find_amounts(facts)
    amount = deal_amount(facts, amounts)
    tender = tender_facts(facts)
    for s in tender.spans:
        found.doc.hit(*s)
    if amount:
        found.doc.hit(amount.start, amount.end)
    competitors = tuple(dict.fromkeys(o.name for o in found.orgs if o.competitor))
    fields: dict[str, Any] = dict(
        amount=amount.value if amount else None, currency=amount.currency if amount else None,
        award_method=tender.method, award_rule=tender.rule, evaluation_criteria=tender.criteria,
        competitors=competitors, **dates)
    if not any(fields.values()):
        return None
    return DealFacts(**fields)


def _control(found: Found) -> tuple[ControlPointFact, ...]:
    facts = found.doc.facts
    out = []
    for key, state, (s, e) in control_points(facts, tender_facts(facts)):
        found.doc.hit(s, e)
        clause = enclosing(found.clause_spans, s)
        out.append(ControlPointFact(key, state, facts[clause[0]:clause[1]].strip() or None))
    return tuple(out)


def _pitched(found: Found) -> tuple[str, ...]:
    facts = found.doc.facts
    for a, b in split_spans(facts, _PARAGRAPH):
        points = pitched_points(facts[a:b])
        if points:
            found.doc.hit(a, b)
            return tuple(points)
    return ()
