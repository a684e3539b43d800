"""How much we interact with someone is counted from the touches, not typed in."""

from datetime import date, timedelta

from domain.profile import interaction_level

TODAY = date(2026, 12, 9)


def test_interaction_level_counts_the_last_ninety_days_only() -> None:
    assert interaction_level([], TODAY) == "none"
    assert interaction_level([TODAY - timedelta(days=200)] * 9, TODAY) == "none"
    assert interaction_level([TODAY - timedelta(days=10)] * 2, TODAY) == "low"
    assert interaction_level([TODAY - timedelta(days=d) for d in (1, 20, 40, 80)], TODAY) == "medium"
    assert interaction_level([TODAY - timedelta(days=d) for d in range(0, 90, 10)], TODAY) == "high"
