"""A person's profile as reps read it: how much we interact, derived from the touches, never typed in."""

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
