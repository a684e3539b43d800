"""A person's profile as reps read it: how much we interact, derived from the touches, never typed in;
and the keep-in-touch rhythm a rep may set for them instead of the cadence table's."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

BEHAVIOUR_TAGS = ("detail_oriented", "risk_averse", "relationship_driven", "data_driven", "decisive",
                  "consensus_seeking", "technology_enthusiast", "cost_focused")
WINDOW = timedelta(days=90)


def interaction_level(touch_days: Sequence[date], today: date) -> str:
    """none / low / medium / high: touches in the last 90 days (0, 1–2, 3–5, 6 or more)."""
    recent = sum(1 for d in touch_days if today - WINDOW <= d <= today)
    if recent == 0:
        return "none"
    return "low" if recent <= 2 else "medium" if recent <= 5 else "high"


RHYTHM_DAYS = range(1, 366)  # the rep's own keep-in-touch rhythm: at least daily, at least once a year


def rhythm_days(written: str | None) -> int | None:
    """The days between touches a rep sets for a contact ("60", "60 天"); None when empty: the cadence table's.

    Raises ValueError unless it is a whole number of days from 1 to 365.
    """
    text = (written or "").strip().removesuffix("天").removesuffix("days").strip()
    if not text:
        return None
    if not text.isdecimal() or int(text) not in RHYTHM_DAYS:
        raise ValueError(f"a keep-in-touch rhythm is 1 to 365 days, not {written!r}")
    return int(text)
