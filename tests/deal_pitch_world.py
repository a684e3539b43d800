"""An open bank deal whose chain holds a CFO (economic buyer) and a CTO (technical buyer), and a library with a
cost pitch for CFOs at banks and an integration pitch for technical buyers: the per-deal pitch tests' world."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.entities import ChainMember, Contact, Deal
from domain.pitches import Proposition
from storage.uow import UnitOfWorkFactory
from tests.pitch_history import INTEGRATION, TCO, add_pitch


@dataclass(frozen=True)
class World:
    """The ids the tests press and assert on."""

    deal_id: int
    cfo_id: int
    cto_id: int
    cost: Proposition
    integration: Proposition


def bank_deal_with_cfo_and_cto(uow_factory: UnitOfWorkFactory, team: str, owner: str, now: datetime) -> World:
    """北辰银行's open deal 数据中台二期, owned by `owner`, with 王建国 (CFO) and 赵磊 (CTO) in its chain."""
    with uow_factory(team) as uow:
        bank = uow.accounts.add(name="北辰银行", industry="银行", owner_slack_id=owner, now=now)
        deal = uow.deals.add(Deal(0, "数据中台二期", bank.id, stage="proposal", owner_slack_id=owner), now=now)
        cfo = uow.contacts.add(Contact(0, "王建国", bank.id, title="CFO"), now=now)
        cto = uow.contacts.add(Contact(0, "赵磊", bank.id, title="CTO"), now=now)
        uow.chain_members.add(ChainMember(0, deal.id, cfo.id, "economic_buyer", stance="neutral"))
        uow.chain_members.add(ChainMember(0, deal.id, cto.id, "technical_buyer", stance="supporter"))
        cost, integration = add_pitch(uow, TCO, now), add_pitch(uow, INTEGRATION, now)
        uow.commit()
    return World(deal.id, cfo.id, cto.id, cost, integration)
