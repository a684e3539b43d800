"""Looking an account up: who matters there, where they stand, what happened lately."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from domain.entities import Account, Contact, Deal, Interaction, User
from services.insight import AccountMap, load_map
from services.visibility import visible_account
from storage.uow import UnitOfWork


@dataclass(frozen=True)
class AccountOverview:
    """The account card: key people by influence with their last touch, stance mix, gaps, recent touches."""

    map: AccountMap
    key_people: tuple[tuple[Contact, date | None], ...]
    stance_mix: dict[str, int]
    recent: tuple[tuple[Interaction, tuple[str, ...]], ...]
    department_links: tuple[tuple[str, str, str, str | None], ...] = ()  # 采购部 reviews 信息科技部

    @property
    def account(self) -> Account:
        """The account shown."""
        return self.map.account

    @property
    def open_deals(self) -> tuple[Deal, ...]:
        """Its deals still in play."""
        return self.map.deals


def account_overview(*, uow: UnitOfWork, user: User, query: str, today: date) -> AccountOverview:
    """What a rep or manager sees on `/rapport account <name>`."""
    with uow:
        amap = load_map(uow, visible_account(uow, user, query), today)
        touched = uow.interactions.last_touches(amap.account.id)
        names = {c.id: c.name for c in amap.contacts}
        recent = tuple((i, tuple(names.get(c, "?") for c in i.contact_ids))
                       for i in uow.interactions.recent(amap.account.id))
        departments = tuple(uow.department_links.of_account(amap.account.id))
    people = {c.id: c for c in amap.contacts}
    key = [people[r.contact_id] for r in amap.ranking if r.contact_id in people][:8]
    return AccountOverview(amap, tuple((c, touched.get(c.id)) for c in key),
                           dict(Counter(c.stance for c in amap.contacts)), recent, departments)
