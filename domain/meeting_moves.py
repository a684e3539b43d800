"""When a meeting a rep tells us about is one already on record, and when it moves one that is.

Reps restate meetings (a thread reply "补充一下，明天下午三点和李娜再见面") and move them ("改到后天下午三点见面").
Told again with the same day, time and people, it is the meeting on record; told for the same people (on the
same deal, or where one of the two has none) with another day or time while the earlier one is still ahead and
within a week of it, it replaces that one, which then gets no card.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from domain.entities import Meeting

PLANNED, MOVED, CANCELLED = "planned", "moved", "cancelled"
MOVE_WINDOW = timedelta(days=7)  # how far a meeting moves: further apart, two meetings with the same people


def restates(new: Meeting, old: Meeting) -> bool:
    """The new meeting is the old one told again: same rep, day and people, and the same time (or none given)."""
    return (old.state == PLANNED and old.rep_slack_id == new.rep_slack_id and old.on == new.on
            and set(old.contact_ids) == set(new.contact_ids) and new.at in (old.at, None))


def _same_people_and_deal(new: Meeting, old: Meeting) -> bool:
    same_deal = new.deal_id is None or old.deal_id is None or new.deal_id == old.deal_id
    return bool(new.contact_ids) and set(old.contact_ids) == set(new.contact_ids) and same_deal


def moved_from(new: Meeting, pending: Iterable[Meeting], today: date) -> Meeting | None:
    """The rep's planned meeting the new one moves, if any: the same people, still ahead (today or later) and
    within MOVE_WINDOW of the new day; of several, the nearest to it."""
    found = [old for old in pending
             if old.state == PLANNED and old.rep_slack_id == new.rep_slack_id and old.on >= today
             and abs(old.on - new.on) <= MOVE_WINDOW and _same_people_and_deal(new, old)
             and not restates(new, old)]
    return min(found, key=lambda old: (abs(old.on - new.on), -old.id), default=None)
