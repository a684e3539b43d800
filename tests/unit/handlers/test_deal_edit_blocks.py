"""The Edit deal dialog is prefilled from the deal, labelled in the rep's language, and reads back what was picked."""

from __future__ import annotations

import json
from datetime import date

from domain.entities import Deal, SourceMessage
from handlers.blocks.deal_edit import deal_edit_view, deal_form, deal_form_errors
from sandbox.payloads import initial_values

DEAL = Deal(9, "数据中台二期", 1, amount=3_500_000, currency="CNY", stage="proposal", rfp_due=date(2027, 2, 1),
            close_on=date(2027, 4, 8), award_method="competitive_consultation", competitors=("星图数据", "云杉"))


def _labels(view: dict) -> list[str]:
    return [b["label"]["text"] for b in view["blocks"]]


def test_the_english_dialog_labels_every_field_in_english() -> None:
    view = deal_edit_view(DEAL, "en")
    assert view["title"]["text"] == "Edit deal"
    assert _labels(view) == ["Stage", "Amount", "Currency (3 letters)", "Budget date", "RFP date", "Tender date",
                             "Close date", "Award method", "Award rule", "Competitors (comma separated)", "Outcome",
                             "Won by", "Winning price (in the deal's currency)", "Outcome reason"]


def test_the_chinese_dialog_labels_the_fields_in_chinese() -> None:
    assert _labels(deal_edit_view(DEAL, "zh-CN"))[:3] == ["阶段", "金额", "币种（3个字母）"]


def test_the_dialog_is_prefilled_and_submitting_it_untouched_reads_back_the_deal() -> None:
    form = deal_form(initial_values(deal_edit_view(DEAL, "en")))
    assert form == {"stage": "proposal", "amount": "3500000", "currency": "CNY", "budget_on": None,
                    "rfp_due": "2027-02-01", "tender_on": None, "close_on": "2027-04-08",
                    "award_method": "competitive_consultation", "award_rule": None, "competitors": "星图数据, 云杉",
                    "outcome": "open", "winner": None, "winning_price": None, "outcome_reason": None}


def test_a_lost_deal_opens_with_who_won_and_their_price() -> None:
    lost = Deal(4, "核心系统", stage="closed_lost", outcome="lost", winner="星图数据", winning_price=2_950_000.5)
    form = deal_form(initial_values(deal_edit_view(lost, "zh-CN")))
    assert (form["winner"], form["winning_price"]) == ("星图数据", "2950000.5")


def test_a_stage_the_card_does_not_know_stays_a_choice_as_written() -> None:
    stage = deal_edit_view(Deal(3, "Imported", stage="Verbal commit"), "en")["blocks"][0]
    assert stage["element"]["initial_option"]["value"] == "Verbal commit"
    assert [o["value"] for o in stage["element"]["options"]][-1] == "Verbal commit"


def test_the_card_the_button_was_on_rides_in_the_private_metadata() -> None:
    meta = json.loads(deal_edit_view(DEAL, "en", SourceMessage("D0REP", "1700000000.000100"))["private_metadata"])
    assert meta == {"id": 9, "locale": "en", "channel": "D0REP", "ts": "1700000000.000100"}


def test_problems_are_shown_under_their_field_in_the_reps_language() -> None:
    assert deal_form_errors({"amount": "amount_invalid"}, "en") == {
        "deal:amount": "Enter a number of 0 or more, such as 3500000"}
