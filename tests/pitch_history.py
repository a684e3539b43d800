"""Closed deals on which library pitches were delivered, with known outcomes, for the what-wins tests."""

from __future__ import annotations

from datetime import datetime

from domain.entities import ChainMember, Contact, Deal
from domain.pitches import Proposition
from storage.uow import UnitOfWork

# A CFO pitch and an architect pitch, each under 60 seconds when spoken.
TCO = Proposition(0, "三年省三成", ("三年总体拥有成本下降30%", "许可按核计费，预算可控"), industries=("银行",),
                  roles=("economic_buyer",))
INTEGRATION = Proposition(0, "两周接入核心系统", ("标准接口两周接入", "与现有数据仓库双向同步"),
                          roles=("technical_buyer",))


def add_pitch(uow: UnitOfWork, prop: Proposition, now: datetime) -> Proposition:
    """Put a proposition into the library straight through the store (no audit: this is history, not a rep)."""
    return uow.propositions.add(prop, by="U0SEED", now=now)


def close_deals(uow: UnitOfWork, prop: Proposition, *, won: int, lost: int, role: str, industry: str,
                now: datetime, tag: str) -> None:
    """`won + lost` closed deals at one account of `industry`, each with one contact in `role` who heard
    every point of `prop` before the close."""
    account = uow.accounts.add(name=f"{industry}客户{tag}", industry=industry, now=now)
    for i in range(won + lost):
        deal = uow.deals.add(Deal(0, f"{tag}-{i}", account.id, outcome="won" if i < won else "lost",
                                  stage="negotiation"), now=now)
        contact = uow.contacts.add(Contact(0, f"联系人{tag}{i}", account_id=account.id), now=now)
        uow.chain_members.add(ChainMember(0, deal.id, contact.id, role))
        uow.pitch_deliveries.record(contact_ids=[contact.id], points=[(prop.id, p) for p in prop.points],
                                    deal_id=deal.id, channel="meeting", at=now, source_key=f"{tag}:{i}")


def lose_deals(uow: UnitOfWork, count: int, *, now: datetime) -> None:
    """Closed lost deals with no pitch recorded: they set the team's win rate the records are smoothed towards."""
    account = uow.accounts.add(name="其他客户", industry="制造", now=now)
    for i in range(count):
        uow.deals.add(Deal(0, f"lost-{i}", account.id, outcome="lost", stage="negotiation"), now=now)
