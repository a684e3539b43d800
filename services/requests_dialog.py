"""What the request dialog offers a rep: the open deals they may see, and a deal card's own deal already chosen."""

from __future__ import annotations

from domain.access import sees_account
from domain.entities import User
from services.access import viewer_in
from services.graph_views import visible_deal_by_id
from services.visibility import NotFound
from storage import repos_meeting_plan as store
from storage.uow import UnitOfWork

CHOICES = 100  # a Slack select holds at most 100 options


def deal_choices(*, uow: UnitOfWork, user: User, deal_id: int | None = None) -> tuple[list[store.Choice],
                                                                                      store.Choice | None]:
    """Open deals at the accounts the rep may see (and their own), the latest first, and the deal `deal_id` when
    they may see it (None when they may not, or none was given)."""
    with uow:
        viewer = viewer_in(uow, user)
        accounts = None if viewer.role == "admin" else [a.id for a in uow.accounts.all() if sees_account(viewer, a)]
        deals = store.open_deals_at(uow.session, uow.workspace_id, account_ids=accounts, owner=user.slack_user_id,
                                    limit=CHOICES)
        chosen = next((d for d in deals if d.id == deal_id), None)
        if deal_id is not None and chosen is None:
            try:
                deal = visible_deal_by_id(uow, user, deal_id)
            except NotFound:
                return deals, None
            account = uow.accounts.get(deal.account_id) if deal.account_id else None
            chosen = store.Choice(deal.id, deal.name, account.name if account else None, deal.account_id)
        return deals, chosen
