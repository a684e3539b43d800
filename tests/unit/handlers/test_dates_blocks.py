"""Dates to remember as a rep reads them: on a log's card, on the person card, and in the Edit profile dialog."""

from __future__ import annotations

from datetime import date

from domain.entities import Account, Contact
from domain.log_plan import plan_log
from domain.meeting_log import CareerDate, MeetingLog, PersonMention
from domain.occasions import CustomDate
from domain.trust import TrustScores
from handlers.blocks.log_card import log_card_blocks
from handlers.blocks.person_card import date_to_add, person_card_blocks, profile_view_blocks
from sandbox.render import render_message
from services.log_meeting import LogCardView
from services.people import PersonProfile

LI = Contact(7, "李娜", account_id=1, account_name="北辰银行", title="CTO", birthday="03-08")
LOG = MeetingLog(occurred_on=date(2026, 12, 8), channel="meal", account="北辰银行", notes="…", people=(
    PersonMention("李娜", title="CTO", occasions=(CareerDate("promotion", date(2026, 11, 1)),
                                                 CareerDate("work_anniversary", date(2019, 12, 8)))),))


def _log_card(locale: str) -> str:
    plan = plan_log(LOG, account=Account(1, "北辰银行"), contacts=[LI], choices={})
    return render_message({"blocks": log_card_blocks(LogCardView(1, "pending", plan), locale)}).text


def _person_card(locale: str, dates: tuple[CustomDate, ...]) -> str:
    profile = PersonProfile(LI, (), "medium", None, TrustScores(50, 50, 50, 50), (), dates)
    return render_message({"blocks": person_card_blocks(profile, locale)}).text


def test_the_log_card_lists_the_promotion_and_the_anniversary_it_learned() -> None:
    card = _log_card("zh-CN")
    assert "记下日子：李娜 升职 2026-11-01" in card
    assert "记下日子：李娜 工作周年 每年 12-08（2019 年起）" in card


def test_the_english_log_card_lists_them_too() -> None:
    card = _log_card("en")
    assert "Date to remember: 李娜 — Promotion 2026-11-01" in card
    assert "Work anniversary every 12-08 (since 2019)" in card


def test_the_person_card_lists_the_birthday_and_every_other_date_in_one_line() -> None:
    card = _person_card("zh-CN", (CustomDate("work_anniversary", 6, 1, 2019),
                                  CustomDate("custom", 5, 20, label="结婚纪念日", lunar=True)))
    assert "纪念日: 生日 03-08 · 工作周年 每年 06-01（2019 年起） · 结婚纪念日 每年 农历 05-20" in card


def test_a_person_with_no_date_known_shows_a_dash() -> None:
    nobody = PersonProfile(Contact(8, "张伟"), (), "low", None, TrustScores(0, 0, 0, 0))
    assert "Dates: —" in render_message({"blocks": person_card_blocks(nobody, "en")}).text


def _values(label: str = "", when: str = "", lunar: bool = False) -> dict:
    return {"profile:date_label": {"value": {"value": label}}, "profile:date_when": {"value": {"value": when}},
            "profile:date_lunar": {"value": {"selected_options": [{"value": "lunar"}] if lunar else []}}}


def test_the_edit_profile_dialog_offers_a_date_to_remember() -> None:
    view = profile_view_blocks(LI, "en")
    labels = [b["label"]["text"] for b in view["blocks"]]
    assert "A date to remember: its name (e.g. “wedding anniversary”)" in labels and "Date (MM-DD)" in labels


def test_a_named_date_is_added_as_a_custom_date_solar_or_lunar() -> None:
    assert date_to_add(_values("结婚纪念日", "5-20"), "zh-CN") == (CustomDate("custom", 5, 20, None, "结婚纪念日"), {})
    assert date_to_add(_values("老家的节", "08-30", lunar=True), "zh-CN")[0] == CustomDate(
        "custom", 8, 30, None, "老家的节", True)


def test_an_empty_date_adds_nothing_and_a_half_filled_one_says_what_to_fix() -> None:
    assert date_to_add(_values(), "en") == (None, {})
    assert date_to_add(_values("Wedding anniversary", "02-30"), "en") == (
        None, {"profile:date_when": "Write it as MM-DD, e.g. 05-20"})
    assert date_to_add(_values("", "05-20"), "en") == (None, {"profile:date_label": "Give this date a name"})
