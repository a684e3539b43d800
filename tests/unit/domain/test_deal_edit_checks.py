"""What a rep types into Edit deal becomes deal values, or a problem the dialog shows under the field."""

from __future__ import annotations

from datetime import date

from domain.deal_edit import check_deal_edit


def test_an_amount_with_thousands_separators_and_a_lower_case_currency_are_read_as_meant() -> None:
    changes, problems = check_deal_edit({"amount": "3,500,000", "currency": "cny"})
    assert problems == {} and changes == {"amount": 3_500_000.0, "currency": "CNY"}


def test_an_amount_that_is_not_a_number_or_below_zero_is_refused() -> None:
    assert check_deal_edit({"amount": "a lot"})[1] == {"amount": "amount_invalid"}
    assert check_deal_edit({"amount": "-5"})[1] == {"amount": "amount_invalid"}
    assert check_deal_edit({"amount": "nan"})[1] == {"amount": "amount_invalid"}


def test_a_winning_price_is_read_like_an_amount_and_below_zero_is_refused_under_its_own_field() -> None:
    assert check_deal_edit({"winning_price": "2,950,000", "winner": " 星图数据 "}) == (
        {"winning_price": 2_950_000.0, "winner": "星图数据"}, {})
    assert check_deal_edit({"winning_price": "-1", "amount": "5"})[1] == {"winning_price": "amount_invalid"}
    assert check_deal_edit({"winning_price": "", "winner": ""})[0] == {"winning_price": None, "winner": None}


def test_emptied_amount_and_currency_clear_them() -> None:
    assert check_deal_edit({"amount": "", "currency": None}) == ({"amount": None, "currency": None}, {})


def test_a_currency_must_be_three_letters() -> None:
    assert check_deal_edit({"currency": "RMB1"})[1] == {"currency": "currency_invalid"}
    assert check_deal_edit({"currency": "¥"})[1] == {"currency": "currency_invalid"}


def test_the_close_date_may_not_come_before_the_rfp_date_but_either_alone_is_fine() -> None:
    assert check_deal_edit({"rfp_due": "2027-03-01", "close_on": "2027-02-01"})[1] == {"close_on": "close_before_rfp"}
    assert check_deal_edit({"rfp_due": "2027-03-01", "close_on": "2027-03-01"})[1] == {}
    assert check_deal_edit({"close_on": "2027-02-01"}) == ({"close_on": date(2027, 2, 1)}, {})


def test_competitors_split_on_commas_of_either_script_and_open_means_no_outcome() -> None:
    changes, _ = check_deal_edit({"competitors": "星图数据，云杉 , Acme、", "outcome": "open", "outcome_reason": "  "})
    assert changes == {"competitors": ("星图数据", "云杉", "Acme"), "outcome": None, "outcome_reason": None}
    assert check_deal_edit({"outcome": "lost"})[0] == {"outcome": "lost"}


def test_a_stage_left_unpicked_keeps_the_deals_stage() -> None:
    assert check_deal_edit({"stage": None, "award_method": "open_tender"})[0] == {"award_method": "open_tender"}
