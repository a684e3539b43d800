"""How much we interact with someone is counted from the touches, not typed in; the rhythm a rep sets is checked."""

from datetime import date, timedelta

import pytest

from domain.profile import interaction_level, rhythm_days

TODAY = date(2026, 12, 9)


def test_interaction_level_counts_the_last_ninety_days_only() -> None:
    assert interaction_level([], TODAY) == "none"
    assert interaction_level([TODAY - timedelta(days=200)] * 9, TODAY) == "none"
    assert interaction_level([TODAY - timedelta(days=10)] * 2, TODAY) == "low"
    assert interaction_level([TODAY - timedelta(days=d) for d in (1, 20, 40, 80)], TODAY) == "medium"
    assert interaction_level([TODAY - timedelta(days=d) for d in range(0, 90, 10)], TODAY) == "high"


def test_a_rhythm_is_a_whole_number_of_days_from_1_to_365() -> None:
    assert rhythm_days("60") == 60
    assert rhythm_days(" 1 ") == 1 and rhythm_days("365") == 365
    assert rhythm_days("60 天") == 60 and rhythm_days("60 days") == 60


def test_an_empty_rhythm_clears_the_override_so_the_cadence_table_holds() -> None:
    assert rhythm_days("") is None
    assert rhythm_days("   ") is None
    assert rhythm_days(None) is None


def test_zero_four_hundred_and_words_are_refused_as_a_rhythm() -> None:
    for typed in ("0", "400", "366", "abc", "-5", "7.5", "每月"):
        with pytest.raises(ValueError):
            rhythm_days(typed)
