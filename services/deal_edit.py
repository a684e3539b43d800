"""Editing a deal from its card: only a deal the user may see, every change audited with the card as source."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.deal_edit import EDITABLE
from domain.entities import Deal, SourceMessage, User
from services.audited import apply_edit
from services.graph_views import visible_deal_by_id
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
        deal = apply_edit(uow, deal, changes, editable=EDITABLE, entity="deal", actor=user.slack_user_id, now=now,
                          source=source, save=lambda d: uow.deals.update(d, now=now))
        uow.commit()
        return deal
