"""A meeting a rep plans by hand (/rapport meeting): whom they may pick, and keeping it, audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.access import sees_account
from domain.entities import AuditEntry, Meeting, SourceMessage, User
from services.access import viewer_in
from services.graph_views import visible_deal_by_id
from services.meetings import keep_meeting
from services.users import first_known_zone
from services.visibility import NotFound
from storage import repos_meeting_plan as store
from storage.uow import UnitOfWork

CHOICES = 100  # a Slack select holds at most 100 options


@dataclass(frozen=True)
class MeetingChoices:
    """The people and open deals the rep may plan a meeting with."""

    people: list[store.Choice]
    deals: list[store.Choice]


def meeting_choices(*, uow: UnitOfWork, user: User) -> MeetingChoices:
    """People and open deals at the accounts the rep may see (and their own), the most important people first."""
    with uow:
        accounts, ws, me = _visible_accounts(uow, user), uow.workspace_id, user.slack_user_id
        return MeetingChoices(store.people_to_meet(uow.session, ws, account_ids=accounts, owner=me, limit=CHOICES),
                              store.open_deals_at(uow.session, ws, account_ids=accounts, owner=me, limit=CHOICES))


def _visible_accounts(uow: UnitOfWork, user: User) -> list[int] | None:
    """The ids of the accounts the user may see; None for an admin, who sees them all."""
    viewer = viewer_in(uow, user)
    return None if viewer.role == "admin" else [a.id for a in uow.accounts.all() if sees_account(viewer, a)]


@dataclass(frozen=True)
class SavedMeeting:
    """The meeting kept, and the names of the people it is with."""

    meeting: Meeting
    names: list[str]


def plan_meeting(*, uow: UnitOfWork, user: User, contact_ids: list[int], on: date, at: str | None,
                 deal_id: int | None, topic: str | None, now: datetime, tz: str, source: SourceMessage) -> SavedMeeting:
    """Keep a meeting with people (and on a deal) the rep may see, audited; NotFound names one they may not."""
    with uow:
        accounts = _visible_accounts(uow, user)
        wanted = list(dict.fromkeys(contact_ids))
        people = [uow.contacts.get(c) for c in wanted]
        for asked, contact in zip(wanted, people, strict=True):
            if contact is None or not (accounts is None or contact.account_id in accounts
                                       or contact.owner_slack_id == user.slack_user_id):
                raise NotFound(str(asked))
        deal = visible_deal_by_id(uow, user, deal_id) if deal_id is not None else None
        account_id = deal.account_id if deal else next((c.account_id for c in people if c and c.account_id), None)
        # The same rules as a log's meetings: a restated meeting is the one on record, a moved one replaces it.
        kept = keep_meeting(uow, Meeting(0, user.slack_user_id, on, at, tz, topic or None, account_id,
                                         deal.id if deal else None, tuple(c.id for c in people if c)),
                            now=now, today=now.astimezone(first_known_zone(tz)).date(), source=source)
        if kept.new:
            uow.audit.record(AuditEntry(user.slack_user_id, now, "meeting", kept.meeting.id, "create", None,
                                        {"on": on.isoformat(), "at": at, "with": [c.name for c in people if c],
                                         "deal": deal.name if deal else None, "topic": topic or None,
                                         "moves": kept.moved.id if kept.moved else None}, source))
        uow.commit()
        return SavedMeeting(kept.meeting, [c.name for c in people if c])
