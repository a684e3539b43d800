"""Where an account or a deal is exposed: roles unknown, decision makers unbacked, key people gone cold."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from domain.entities import ChainMember, Contact, ContactLink
from domain.graph.chain import COACH, DECISION_MAKER, DecisionChain
from domain.graph.links import ALLY, INFLUENCES, OPPONENT, REPORTS_TO, SUPPORTER, by_id

MISSING_ROLE = "missing_role"
MISSING_COACH = "missing_coach"
UNBACKED_DECISION_MAKER = "unbacked_decision_maker"
LOW_CLOSENESS = "low_closeness"
OVERDUE_TOUCH = "overdue_touch"

KEY_IMPORTANCE = 4  # importance at or above which a person is key
LOW_CLOSENESS_MAX = 2  # closeness at or below which a key person is not close enough
DEFAULT_CADENCE_DAYS: Mapping[int, int] = {5: 14, 4: 30, 3: 45, 2: 60, 1: 90}


@dataclass(frozen=True)
class Gap:
    """One exposure: its kind, the people concerned (the subject first) and the numbers behind it."""

    kind: str
    contact_ids: tuple[int, ...] = ()
    deal_id: int | None = None
    role: str | None = None
    facts: tuple[tuple[str, int], ...] = ()

    @property
    def subject(self) -> int | None:
        """The person the gap is about, when it is about a person."""
        return self.contact_ids[0] if self.contact_ids else None

    def fact(self, name: str) -> int | None:
        """One number behind the gap, e.g. closeness, days_since_touch, cadence_days."""
        return dict(self.facts).get(name)


def coverage_gaps(contacts: Sequence[Contact], links: Sequence[ContactLink],
                  chains: Sequence[DecisionChain] = (), *, last_touch: Mapping[int, date], today: date,
                  cadence_days: Mapping[int, int] = DEFAULT_CADENCE_DAYS,
                  contact_cadence: Mapping[int, int] | None = None) -> list[Gap]:
    """Every gap on this map: per deal (roles, coach, unbacked decision makers), then per key person."""
    people = by_id(contacts)
    gaps = [g for chain in chains for g in deal_gaps(chain, people, links)]
    if not chains:
        gaps.append(Gap(MISSING_COACH))
    key = sorted((c for c in contacts if c.importance >= KEY_IMPORTANCE and not c.do_not_contact),
                 key=lambda c: (-c.importance, c.id))
    cadence = {**{c.id: cadence_days.get(c.importance, 30) for c in key}, **(contact_cadence or {})}
    for c in key:
        gaps.extend(_person_gaps(c, last_touch.get(c.id), today, cadence[c.id]))
    return gaps


def deal_gaps(chain: DecisionChain, people: Mapping[int, Contact], links: Sequence[ContactLink]) -> list[Gap]:
    """A deal's gaps: roles nobody holds yet, a missing coach, and decision makers with no supporter near."""
    deal_id = chain.deal.id
    gaps = [Gap(MISSING_COACH if role == COACH else MISSING_ROLE, deal_id=deal_id, role=role)
            for role in chain.missing_roles()]
    for member in chain.holding(DECISION_MAKER):
        gap = _unbacked(member, chain, people, links)
        if gap is not None:
            gaps.append(gap)
    return gaps


def _unbacked(member: ChainMember, chain: DecisionChain, people: Mapping[int, Contact],
              links: Sequence[ContactLink]) -> Gap | None:
    """A gap when nobody above or beside this decision maker supports us."""
    near = backers_of(member, chain, links)
    stances = [stance_in(chain, people, cid) for cid in near]
    if SUPPORTER in stances:
        return None
    facts = (("neighbours", len(near)), ("opponents", stances.count(OPPONENT)))
    return Gap(UNBACKED_DECISION_MAKER, (member.contact_id, *near), chain.deal.id, DECISION_MAKER, facts)


def backers_of(member: ChainMember, chain: DecisionChain, links: Sequence[ContactLink]) -> tuple[int, ...]:
    """Who stands above (org or project boss) or beside (ally, influences them) a chain member."""
    me = member.contact_id
    near = [lk.to_id for lk in links if lk.kind == REPORTS_TO and lk.from_id == me]
    boss = chain.project_boss(member)
    if boss is not None:
        near.append(boss.contact_id)
    near += [lk.from_id for lk in links if lk.to_id == me and lk.kind in (ALLY, INFLUENCES)]
    near += [lk.to_id for lk in links if lk.from_id == me and lk.kind == ALLY]
    return tuple(dict.fromkeys(cid for cid in near if cid != me))


def stance_in(chain: DecisionChain, people: Mapping[int, Contact], contact_id: int) -> str:
    """Where a person stands towards us on this deal, falling back to their general stance."""
    stated = next((m.stance for m in chain.members if m.contact_id == contact_id and m.stance != "unknown"), None)
    person = people.get(contact_id)
    return stated or (person.stance if person else "unknown")


def _person_gaps(c: Contact, last: date | None, today: date, cadence: int) -> list[Gap]:
    """A key person too distant from us, or not touched within their cadence."""
    gaps = []
    if c.closeness <= LOW_CLOSENESS_MAX:
        gaps.append(Gap(LOW_CLOSENESS, (c.id,), facts=(("importance", c.importance), ("closeness", c.closeness))))
    if last is None:
        gaps.append(Gap(OVERDUE_TOUCH, (c.id,), facts=(("importance", c.importance), ("never_touched", 1),
                                                         ("cadence_days", cadence))))
    elif (today - last).days > cadence:
        gaps.append(Gap(OVERDUE_TOUCH, (c.id,), facts=(("importance", c.importance),
                                                         ("days_since_touch", (today - last).days),
                                                         ("cadence_days", cadence))))
    return gaps
