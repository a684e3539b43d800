"""The person card says what the person has heard from us: each point under its proposition, how often, through
which channels and when last — through the real bot, from logs the rep confirmed."""

from __future__ import annotations

from datetime import timedelta

from sandbox.local import LocalRapport
from services.clock import MovableClock
from tests.e2e.conftest import REP, answer
from tests.e2e.test_pitch_reminders import CALL_LOG, _log, _seed


def test_the_person_card_lists_the_points_heard_by_proposition_with_times_channels_and_last_day(
        local: LocalRapport, clock: MovableClock) -> None:
    _seed(local)
    _log(local, REP, CALL_LOG)  # the 9th, on the phone: two of the bank pitch's points
    clock.advance(timedelta(days=1))
    _log(local, REP, "今天拜访北辰银行的李娜，讲了两个优势：两周上线、免费试点三个月")  # the 10th, in person
    card = answer(local, REP, "person 李娜")
    heard = card[card.index("听我们讲过"):]
    lines = heard.splitlines()
    assert lines[1] == "降本增效"
    assert lines[2].startswith("• 两周上线 — 听过 2 次，最近 2026-12-10，") and "电话" in lines[2] and "拜访/会面" in lines[2]
    assert lines[3] == "• 本地团队7x24小时支持 — 听过 1 次，最近 2026-12-09，电话"
    assert lines[4] == "不在价值主张库里的"
    assert lines[5] == "• 免费试点三个月 — 听过 1 次，最近 2026-12-10，拜访/会面"
