"""What confirming a meeting log will change: the plan a rep reads on the card before pressing Confirm."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from domain.contact_dates import from_career, new_dates
from domain.deal_plan import DealStep, plan_deal
from domain.entities import Account, Contact, ControlPoint, Deal, Interaction
from domain.meeting_log import MeetingLog, PersonMention, Relation
from domain.occasions import CustomDate
from domain.resolution import Match, match_person

NEW = "new"  # the rep's answer "none of these: a new person"
DEAL_CHOICE = "__deal__"  # key of the rep's answer to "which deal?" among the draft's choices
PROFILE_FIELDS = ("title", "department", "stance", "birthday", "birthday_lunar")


@dataclass(frozen=True)
class PersonStep:
    """One person named in the log: matched to a contact, to be created, or asked about."""

    mention: PersonMention
    contact: Contact | None = None
    candidates: tuple[Contact, ...] = ()
    how: str = "none"
    changes: tuple[tuple[str, Any, Any], ...] = ()  # (field, before, after)
    dates: tuple[CustomDate, ...] = ()  # promotions and work anniversaries the log tells, not yet kept

    @property
    def is_new(self) -> bool:
        """True when Confirm will create this contact."""
        return self.contact is None and not self.candidates

    @property
    def needs_choice(self) -> bool:
        """True when the rep must say which contact is meant."""
        return self.contact is None and len(self.candidates) > 1


@dataclass(frozen=True)
class LogPlan:
    """The account, people, relations and interaction that Confirm will record."""

    log: MeetingLog
    account_name: str | None
    account: Account | None
    people: tuple[PersonStep, ...]
    relations: tuple[Relation, ...]
    deal: DealStep | None = None
    extends: Interaction | None = None  # a thread reply adds to the interaction it replies to

    @property
    def questions(self) -> tuple[PersonStep, ...]:
        """People the rep must disambiguate before Confirm."""
        return tuple(p for p in self.people if p.needs_choice)

    @property
    def deal_question(self) -> bool:
        """True when the rep must say which of the account's open deals the log is about."""
        return self.deal is not None and self.deal.needs_choice

    @property
    def account_is_new(self) -> bool:
        """True when Confirm will create the account."""
        return self.account is None and bool(self.account_name)

    @property
    def recordable(self) -> bool:
        """True when the log names someone or something worth keeping."""
        return bool(self.people or self.account_name)

    @property
    def ready(self) -> bool:
        """True when nothing is left for the rep to decide before Confirm."""
        return not self.questions and not self.deal_question


def plan_log(log: MeetingLog, *, account: Account | None, contacts: Sequence[Contact],
             choices: Mapping[str, Any], open_deals: Sequence[Deal] = (),
             points: Mapping[int, Mapping[str, ControlPoint]] | None = None,
             extends: Interaction | None = None, dates: Mapping[int, Sequence[CustomDate]] | None = None) -> LogPlan:
    """Match the log against the store and the rep's earlier choices; decide nothing the rep must decide.

    `account` is the store's account the log names (or the one of the interaction it extends);
    `dates` the dates already kept for the contacts, by id."""
    pool = [c for c in contacts if account is None or c.account_id in (account.id, None)]
    steps = tuple(_with_dates(_step(p, pool, contacts, choices.get(p.name)), dates or {})
                  for p in _distinct(log.people))
    name = account.name if account else log.account
    deal = plan_deal(log, account_name=name, open_deals=open_deals, points=points or {},
                     choice=choices.get(DEAL_CHOICE))
    return LogPlan(log, name, account, steps, log.relations, deal, extends)


def _distinct(people: Sequence[PersonMention]) -> list[PersonMention]:
    seen: dict[str, PersonMention] = {}
    for p in people:
        seen.setdefault(p.name, p)
    return list(seen.values())


def _step(mention: PersonMention, pool: Sequence[Contact], everyone: Sequence[Contact], choice: Any) -> PersonStep:
    if choice == NEW:
        return PersonStep(mention)
    if choice is not None:
        chosen = next((c for c in everyone if c.id == int(choice)), None)
        if chosen is not None:
            return PersonStep(mention, chosen, (chosen,), "chosen", profile_changes(chosen, mention))
    found: Match = match_person(mention.name, pool)
    if found.contact is not None:
        changes = profile_changes(found.contact, mention)
        if found.how == "pinyin" and mention.name not in found.contact.aliases:
            # Zhang Wei written for 张伟: keep the spelling so the next log finds them outright.
            changes += (("aliases", found.contact.aliases, (*found.contact.aliases, mention.name)),)
        return PersonStep(mention, found.contact, found.candidates, found.how, changes)
    return PersonStep(mention, None, found.candidates, found.how)


def _with_dates(step: PersonStep, known: Mapping[int, Sequence[CustomDate]]) -> PersonStep:
    if not step.mention.occasions or step.needs_choice:
        return step
    kept = known.get(step.contact.id, ()) if step.contact is not None else ()
    return replace(step, dates=new_dates((from_career(f) for f in step.mention.occasions), kept))


def profile_changes(contact: Contact, mention: PersonMention) -> tuple[tuple[str, Any, Any], ...]:
    """Fields the log says something new about; silence never erases what is known."""
    changes = []
    for name in PROFILE_FIELDS:
        after = getattr(mention, name)
        before = getattr(contact, name)
        if name == "birthday_lunar" and mention.birthday is None:
            continue
        if after not in (None, "") and after != before and not (name == "title" and _same_title(before, after)):
            changes.append((name, before, after))
    return tuple(changes)


def _same_title(before: Any, after: Any) -> bool:
    # "总监" written for a stored "IT总监" is the same title, not a demotion.
    return isinstance(before, str) and isinstance(after, str) and after.casefold() in before.casefold()
