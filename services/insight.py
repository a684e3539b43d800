"""The account's map read as a seller would: gaps, the way in to a person, and what to do this week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.entities import Account, Contact, Deal, Interaction, User
from domain.graph import (
    Action,
    DecisionChain,
    Gap,
    Path,
    Ranked,
    RelationshipGraph,
    TeamTie,
    action_plan,
    coverage_gaps,
    influence_ranking,
    who_knows_best,
)
from domain.touch_plan import cadence_for
from services.people import visible_person
from services.visibility import NotFound, visible_account
from storage.uow import UnitOfWork


def tie_strength(touches: int) -> int:
    """How well a rep knows a contact, from how often they met: 1 touch 2, 2–4 → 3, 5–9 → 4, 10+ → 5."""
    return 2 if touches <= 1 else 3 if touches <= 4 else 4 if touches <= 9 else 5


@dataclass(frozen=True)
class AccountMap:
    """Everything the graph rules read about one account."""

    account: Account
    contacts: tuple[Contact, ...]
    deals: tuple[Deal, ...]
    chains: tuple[DecisionChain, ...]
    ranking: tuple[Ranked, ...]
    gaps: tuple[Gap, ...]
    graph: RelationshipGraph

    def name(self, contact_id: int | None) -> str:
        """A contact's name on this map."""
        return next((c.name for c in self.contacts if c.id == contact_id), "?")


def load_map(uow: UnitOfWork, account: Account, today: date) -> AccountMap:
    """Read the account's people, ties, deals and touches, and compute ranking and gaps (in the caller's uow)."""
    contacts = tuple(uow.contacts.all(account.id))
    links = uow.contact_links.of_account(account.id)
    deals = tuple(uow.deals.open_at(account.id))
    chains = tuple(DecisionChain(d, tuple(uow.chain_members.of_deal(d.id))) for d in deals)
    rep_ties: dict[str, dict[int, int]] = {}
    for (rep, cid), n in uow.interactions.touch_counts(account.id).items():
        rep_ties.setdefault(rep, {})[cid] = tie_strength(n)
    # Overdue means overdue against the contact's own touch plan (importance × trust stage).
    cadence = {c.id: cadence_for(c.importance, c.trust_stage) for c in contacts}
    gaps = coverage_gaps(contacts, links, chains, last_touch=uow.interactions.last_touches(account.id), today=today,
                         contact_cadence=cadence)
    return AccountMap(account, contacts, deals, chains, tuple(influence_ranking(contacts, links)), tuple(gaps),
                      RelationshipGraph.build(contacts, links, rep_ties))


def account_plan(*, uow: UnitOfWork, user: User, query: str, today: date) -> tuple[AccountMap, list[Action]]:
    """`/rapport plan <account>`: the next actions worth most at the account, with who, why and how."""
    with uow:
        amap = load_map(uow, visible_account(uow, user, query), today)
    return amap, action_plan(amap.gaps, contacts=amap.contacts, ranking=amap.ranking, deals=amap.deals,
                             chains=amap.chains, graph=amap.graph)


@dataclass(frozen=True)
class WayIn:
    """The strongest introduction path to a person, and who in our team knows them best."""

    map: AccountMap
    target: Contact
    path: Path | None
    team: tuple[TeamTie, ...]


def way_in(*, uow: UnitOfWork, user: User, query: str, today: date) -> WayIn:
    """`/rapport path <person>`: the strongest introduction path from someone who backs us."""
    with uow:
        target = visible_person(uow, user, query)
        account = uow.accounts.get(target.account_id) if target.account_id else None
        if account is None:
            raise NotFound(query)
        amap = load_map(uow, account, today)
        touches = uow.interactions.with_contact(target.id)
        counts = uow.interactions.touch_counts(account.id)
    by_rep: dict[str, list[Interaction]] = {}
    for i in touches:
        by_rep.setdefault(i.rep_slack_id, []).append(i)
    ties = {rep: {cid: tie_strength(n)} for (rep, cid), n in counts.items() if cid == target.id}
    team = who_knows_best(target.id, ties, by_rep, today=today)
    return WayIn(amap, target, amap.graph.path_to(target.id), tuple(team[:3]))
