"""Editing a deal from its card: only a deal the user may see, every change audited with the card as source."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from domain.deal_edit import EDITABLE
from domain.entities import AuditEntry, Deal, SourceMessage, User
from services.graph_views import visible_deal_by_id
from services.record_deal import plain
from storage.uow import UnitOfWork


def deal_to_edit(*, uow: UnitOfWork, user: User, deal_id: int) -> Deal:
    """The deal whose Edit deal dialog the user opens, if they may see it."""
    with uow:
        return visible_deal_by_id(uow, user, deal_id)


def edit_deal(*, uow: UnitOfWork, user: User, deal_id: int, changes: dict[str, Any], now: datetime,
              source: SourceMessage) -> Deal:
    """Apply a rep's edits to a deal they may see, with one audit entry of the fields that changed."""
    with uow:
        deal = visible_deal_by_id(uow, user, deal_id)
        wanted = {k: v for k, v in changes.items() if k in EDITABLE and getattr(deal, k) != v}
        if wanted:
            changed = replace(deal, **wanted)
            uow.deals.update(changed, now=now)
            uow.audit.record(AuditEntry(user.slack_user_id, now, "deal", deal.id, "update",
                                        {k: plain(getattr(deal, k)) for k in wanted},
                                        {k: plain(v) for k, v in wanted.items()}, source))
            deal = changed
        uow.commit()
        return deal
