"""Runs the extractors over one log and assembles what they found."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.meeting_log import (
    Channel,
    ControlPointFact,
    DealFacts,
    NextMeeting,
    PersonMention,
    Relation,
    ResourceRequestFact,
)
from domain.understanding import events
from domain.understanding.birthdays import Birthday, birthday_in
from domain.understanding.careers import CareerHit, career_dates_in, owned_by_subject
from domain.understanding.dates import find_dates, find_times
from domain.understanding.latin import latin_runs
from domain.understanding.names import Mention, PersonDraft, find_people, mentions
from domain.understanding.orgs import Org, find_orgs, pick_account
from domain.understanding.profile import department_for, title_after_pronoun, title_for
from domain.understanding.relations import find_relations
from domain.understanding.stance import roles, stances
from domain.understanding.text import Doc, Span, clauses, enclosing, sentences, tokens
from domain.understanding.timeline import read_clauses


@dataclass(frozen=True)
class Reading:
    """Everything read from a log, ready to become a MeetingLog."""

    occurred_on: date | None
    channel: Channel
    account: str | None
    people: tuple[PersonMention, ...]
    relations: tuple[Relation, ...]
    deal: DealFacts | None
    next_meetings: tuple[NextMeeting, ...]
    control_points: tuple[ControlPointFact, ...]
    requests: tuple[ResourceRequestFact, ...]
    pitched: tuple[str, ...]
    unparsed: tuple[str, ...]


@dataclass
class Found:
    """Intermediate results shared between the assembly steps."""

    doc: Doc
    orgs: list[Org]
    account: Org | None
    drafts: list[PersonDraft]
    mentions: list[Mention]
    clause_spans: list[Span]
    sentence_spans: list[Span]


def read(masked: str, facts: str, now: datetime) -> Reading:
    """Read a log whose identity numbers are masked; `facts` also has flagged sentences blanked."""
    doc = Doc(masked, facts, now)
    toks = tokens(masked)
    runs = latin_runs(masked)
    orgs = find_orgs(masked, toks, runs)
    date_spans = [(h.start, h.end) for h in find_dates(masked, doc.today)]
    drafts = find_people(masked, toks, runs, orgs, date_spans)
    found = Found(doc, orgs, pick_account(orgs), drafts, mentions(masked, drafts), clauses(facts), sentences(facts))
    for o in orgs:
        doc.hit(o.start, o.end)
    for m in found.mentions:
        doc.hit(m.start, m.end)
    timed = read_clauses(facts, found.clause_spans, find_dates(facts, doc.today), find_times(facts), doc.today)
    ev = events.read_events(found, timed)
    relations = _relations(found)
    people = _people(found, ev.present, _careers(found, ev.occurred_on))
    return Reading(
        occurred_on=ev.occurred_on, channel=ev.channel, account=found.account.name if found.account else None,
        people=people, relations=relations, deal=ev.deal, next_meetings=ev.next_meetings,
        control_points=ev.control_points, requests=ev.requests, pitched=ev.pitched, unparsed=_unparsed(found),
    )


def _people(found: Found, present: set[int], careers: dict[int, list[CareerHit]]) -> tuple[PersonMention, ...]:
    text, facts = found.doc.text, found.doc.facts
    stance_of = stances(facts, found.mentions, found.clause_spans)
    role_of = roles(facts, found.mentions, found.clause_spans)
    out = []
    for i, p in enumerate(found.drafts):
        title = next((t for s in p.spans if (t := title_for(text, s, p.name))), None) or next(
            (t for m in found.mentions if m.who == i and m.pronoun and (t := title_after_pronoun(text, (m.start, m.end)))),
            None)
        dept = next((d for s in p.spans if (d := department_for(text, s, title, _floor(found, s)))), None)
        bday = _birthday(found, i)
        promoted_to = next((h.title for h in careers.get(i, ()) if h.title), None)
        for hit in (stance_of.get(i), role_of.get(i)):
            if hit:
                found.doc.hit(*hit[1])
        out.append(PersonMention(
            name=p.name, title=promoted_to or title, department=dept, account=_account_of(found, p),
            stance=stance_of[i][0] if i in stance_of else None, deal_role=role_of[i][0] if i in role_of else None,
            birthday=bday.mmdd if bday else None, birthday_lunar=bool(bday and bday.lunar), present=i in present,
            occasions=tuple(h.fact for h in careers.get(i, ())),
        ))
    return tuple(out)


def _floor(found: Found, span: Span) -> int:
    """Where a department written before a mention may start: after the previous name or organisation."""
    ends = [m.end for m in found.mentions if m.end <= span[0]] + [o.end for o in found.orgs if o.end <= span[0]]
    clause = enclosing(sentences(found.doc.text), span[0])
    return max([clause[0], span[0] - 14] + ends)


def _account_of(found: Found, person: PersonDraft) -> str | None:
    if found.account is None:
        return None
    sent = enclosing(found.sentence_spans, person.spans[0][0])
    acc = found.account
    return acc.name if sent[0] <= acc.start < sent[1] or len(found.orgs) == 1 else None


def _birthday(found: Found, who: int) -> Birthday | None:
    for sent in found.sentence_spans:
        piece = found.doc.facts[sent[0]:sent[1]]
        bday = birthday_in(piece)
        if bday is None:
            continue
        owners = [m.who for m in found.mentions if sent[0] <= m.start < sent[1] and m.start - sent[0] <= bday.cue]
        if owners and owners[-1] == who:
            found.doc.hit(sent[0] + bday.start, sent[0] + bday.end)
            return bday
    return None


def _careers(found: Found, logged_on: date) -> dict[int, list[CareerHit]]:
    """Promotions and join dates by person: each belongs to the person named last before its cue in the sentence."""
    out: dict[int, list[CareerHit]] = {}
    text = found.doc.facts
    for a, b in found.clause_spans:
        sent = enclosing(found.sentence_spans, a)
        for hit in career_dates_in(text[a:b], found.doc.today, logged_on):
            before = [m for m in found.mentions if sent[0] <= m.start and m.end <= a + hit.cue]
            if before and owned_by_subject(text[before[-1].end:a + hit.cue]):
                found.doc.hit(a + hit.cue, a + hit.end)
                out.setdefault(before[-1].who, []).append(hit)
    return out


def _relations(found: Found) -> tuple[Relation, ...]:
    out = []
    for a, kind, b, sent in find_relations(found.doc.facts, found.mentions, found.sentence_spans):
        found.doc.hit(*sent)
        out.append(Relation(found.drafts[a].name, kind, found.drafts[b].name))
    return tuple(out)


def _unparsed(found: Found) -> tuple[str, ...]:
    out = []
    for a, b in found.clause_spans:
        if not any(s < b and a < e for s, e in found.doc.hits):
            piece = found.doc.facts[a:b].strip()
            if piece:
                out.append(piece)
    return tuple(out)
