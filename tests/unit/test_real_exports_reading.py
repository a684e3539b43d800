"""Deal histories as real CRM exports write them: Mac line endings, two-digit years, accounting amounts, long stages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from services.importing.deal_csv import DealFileError, parse_date, read_deals

# The shape of a Salesforce report saved by Excel for Mac: CR line ends, M/D/YY dates, padded money.
SALESFORCE = ("Forecast Category,Close Date,Created Date,Stage,Billing Plan, Amount , Net Amount \r"
              'Omitted,5/26/17,5/4/17,Closed Lost,3 Years," $225,000 "," $225,000 "\r'
              'Closed,12/29/16,11/29/16,Closed Won - Paid,3 Years," $147,000 "," $66,150 "\r'
              'Closed,6/29/17,11/29/16,Closed Won - Not Paid,Annual, $-   , $-   \r'
              'Omitted,1/4/16,12/29/15,Closed Lost - Not Renewing,Annual," $1,901 "," $(1,901)"')


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_a_salesforce_export_with_mac_line_endings_reads_every_deal_on_its_own_line(tmp_path: Path) -> None:
    deals = read_deals(write(tmp_path, SALESFORCE))
    assert [d.line for d in deals] == [2, 3, 4, 5]
    assert [d.outcome for d in deals] == ["lost", "won", "won", "lost"]


def test_two_digit_years_are_read_as_excel_reads_them() -> None:
    assert parse_date("5/26/17") == date(2017, 5, 26)
    assert parse_date("12/29/16") == date(2016, 12, 29)
    assert parse_date("1/2/29") == date(2029, 1, 2)
    assert parse_date("1/2/30") == date(1930, 1, 2)
    assert parse_date("26/5/17") == date(2017, 5, 26)  # a first number over 12 is the day


def test_a_two_digit_year_that_is_no_real_date_is_refused_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(DealFileError) as refused:
        read_deals(write(tmp_path, "Stage,Close Date\rClosed Won,2/30/17\r"))
    assert refused.value.errors[0][0] == 2 and "not a real date" in refused.value.errors[0][1]


def test_the_close_and_creation_dates_of_an_export_are_read(tmp_path: Path) -> None:
    lost = read_deals(write(tmp_path, SALESFORCE))[0]
    assert (lost.created_on, lost.closed_on) == (date(2017, 5, 4), date(2017, 5, 26))


def test_an_accounting_dash_is_no_amount_and_padded_dollars_are_read(tmp_path: Path) -> None:
    _, won, unpaid, _ = read_deals(write(tmp_path, SALESFORCE))
    assert won.amount == Decimal(147_000)
    assert unpaid.amount is None


def test_an_amount_in_brackets_is_negative(tmp_path: Path) -> None:
    [deal] = read_deals(write(tmp_path, 'Stage,Amount\rClosed Lost," $(1,901)"\r'))
    assert deal.amount == Decimal(-1901)


def test_other_columns_are_kept_as_attributes_under_their_trimmed_header(tmp_path: Path) -> None:
    won = read_deals(write(tmp_path, SALESFORCE))[1]
    assert won.attributes == {"Forecast Category": "Closed", "Billing Plan": "3 Years", "Net Amount": "$66,150"}


@pytest.mark.parametrize(("stage", "outcome"), [
    ("Closed Won - Paid", "won"), ("Closed Won - Not Paid", "won"), ("Won (partial)", "won"),
    ("closed/won", "won"), ("赢单-已回款", "won"), ("中标（第一候选）", "won"),
    ("Closed Lost - Not Renewing", "lost"), ("Closed Lost: no decision", "lost"), ("Lost to competitor", "lost"),
    ("丢单（价格）", "lost"), ("未中标-废标", "lost"),
    ("Won't proceed", "open"), ("Win-back", "open"), ("Closed", "open"), ("Proposal - won by default?", "open"),
])
def test_a_stage_that_opens_with_a_win_or_a_loss_counts_as_one(tmp_path: Path, stage: str, outcome: str) -> None:
    [deal] = read_deals(write(tmp_path, f"Stage\r{stage}\r"))
    assert deal.outcome == outcome
