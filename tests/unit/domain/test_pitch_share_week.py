"""The weekly share is due on Monday at the workspace's morning, keyed by ISO week, and not planned late."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from domain.pitch_share import ShareSlot, iso_week, share_slot

MORNING, GRACE = time(8, 30), timedelta(hours=12)


def _slot(at: datetime, tz: str = "Asia/Shanghai") -> ShareSlot | None:
    return share_slot(at, tz, MORNING, GRACE)


def test_monday_0831_in_shanghai_is_due_at_0830_with_the_iso_week_in_its_key() -> None:
    slot = _slot(datetime(2026, 12, 14, 0, 31, tzinfo=UTC))
    assert slot is not None and slot.due_at == datetime(2026, 12, 14, 0, 30, tzinfo=UTC)
    assert slot.key == "pitchshare:2026-W51"


def test_the_monday_is_the_workspace_s_own_not_utc_s() -> None:
    assert _slot(datetime(2026, 12, 13, 23, 0, tzinfo=UTC)) is None, "07:00 on Monday in Shanghai: too early"
    assert _slot(datetime(2026, 12, 14, 9, 0, tzinfo=UTC), tz="America/New_York") is None, "04:00 in New York"
    new_york = _slot(datetime(2026, 12, 14, 14, 0, tzinfo=UTC), tz="America/New_York")
    assert new_york is not None and new_york.due_at == datetime(2026, 12, 14, 13, 30, tzinfo=UTC)


def test_no_share_on_sunday_nor_on_monday_night_past_the_grace() -> None:
    assert _slot(datetime(2026, 12, 13, 0, 31, tzinfo=UTC)) is None
    assert _slot(datetime(2026, 12, 14, 12, 31, tzinfo=UTC)) is None, "20:31 in Shanghai, 12 hours late"


def test_weeks_take_the_iso_year_at_new_year() -> None:
    assert iso_week(date(2026, 12, 28)) == "2026-W53"
    assert iso_week(date(2027, 1, 4)) == "2027-W01"
    assert iso_week(date(2024, 12, 30)) == "2025-W01"
