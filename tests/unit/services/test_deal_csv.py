"""A deal history as real exports write it: any delimiter and encoding, English or Chinese headers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from services.importing.deal_csv import DealFileError, parse_mapping, read_deals

ENGLISH = ("Account,Deal Name,Owner,Stage,Amount,Currency,Created Date,Close Date,Award Method,Competitors,Region\n"
           "北辰银行,Core banking,li.na,Closed Won,\"1,200,000\",CNY,2025-01-10,2025-06-30,comprehensive score,"
           "\"Acme; Globex\",North\n"
           "瑞丰化工,MES upgrade,deng.chao,Negotiation,800000,CNY,2025-03-01,2025-09-30,lowest price,,East\n")


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "deals.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_an_english_export_reads_every_field_and_keeps_other_columns_as_attributes(tmp_path: Path) -> None:
    won, open_ = read_deals(write(tmp_path, ENGLISH))
    assert (won.account, won.name, won.owner, won.stage) == ("北辰银行", "Core banking", "li.na", "Closed Won")
    assert won.amount == Decimal(1_200_000) and won.currency == "CNY"
    assert (won.created_on, won.closed_on) == (date(2025, 1, 10), date(2025, 6, 30))
    assert won.award_method == "comprehensive score" and won.competitors == ("Acme", "Globex")
    assert won.attributes == {"Region": "North"} and won.line == 2
    assert won.outcome == "won" and open_.outcome == "open" and open_.competitors == ()


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_files_read_like_comma_files(tmp_path: Path, delimiter: str) -> None:
    text = "Account{d}Amount{d}Stage\n北辰银行{d}1200000{d}won\n".replace("{d}", delimiter)
    [deal] = read_deals(write(tmp_path, text))
    assert (deal.account, deal.amount, deal.outcome) == ("北辰银行", Decimal(1_200_000), "won")


def test_a_utf8_file_with_a_byte_order_mark_reads_its_first_header(tmp_path: Path) -> None:
    [deal, _] = read_deals(write(tmp_path, ENGLISH, encoding="utf-8-sig"))
    assert deal.account == "北辰银行"


def test_a_chinese_excel_file_in_gbk_with_chinese_headers_reads_every_field(tmp_path: Path) -> None:
    text = ("客户,项目名称,负责人,产品,行业,阶段,金额,币种,创建日期,关闭日期,结果,招标方式,评标规则,竞争对手,区域\n"
            "北辰银行,核心系统,李娜,数据库,金融,谈判,120万,人民币,2025/1/10,2025年6月30日,中标,公开招标,综合评分,华为、浪潮,华北\n"
            "瑞丰化工,MES,邓超,MES,化工,方案,80万,人民币,2025/3/1,2025/9/30,未中标,邀请招标,最低价,华为,华东\n")
    won, lost = read_deals(write(tmp_path, text, encoding="gbk"))
    assert (won.account, won.name, won.owner, won.product, won.industry) == ("北辰银行", "核心系统", "李娜", "数据库", "金融")
    assert won.amount == Decimal(1_200_000) and won.closed_on == date(2025, 6, 30)
    assert (won.award_method, won.award_rule, won.competitors) == ("公开招标", "综合评分", ("华为", "浪潮"))
    assert won.attributes == {"区域": "华北"}
    assert (won.outcome, lost.outcome) == ("won", "lost")


@pytest.mark.parametrize(("word", "outcome"), [
    ("won", "won"), ("Closed Won", "won"), ("赢单", "won"), ("中标", "won"),
    ("lost", "lost"), ("closed lost", "lost"), ("丢单", "lost"), ("未中标", "lost"),
    ("Negotiation", "open"), ("", "open"),
])
def test_stage_words_tell_a_win_a_loss_or_an_open_deal(tmp_path: Path, word: str, outcome: str) -> None:
    [deal] = read_deals(write(tmp_path, f"Account,Stage\nAcme,{word}\n"))
    assert deal.outcome == outcome


def test_an_outcome_column_wins_over_the_stage(tmp_path: Path) -> None:
    [deal] = read_deals(write(tmp_path, "Account,Stage,Outcome\nAcme,Proposal,Lost\n"))
    assert deal.outcome == "lost"


def test_a_yes_no_won_column_tells_wins_and_losses_but_a_stage_number_does_not(tmp_path: Path) -> None:
    won, lost = read_deals(write(tmp_path, "Account,Won\nAcme,yes\nGlobex,0\n"))
    assert (won.outcome, lost.outcome) == ("won", "lost")
    [open_] = read_deals(write(tmp_path, "Account,Stage\nAcme,1\n"))
    assert open_.outcome == "open"


def test_map_reads_a_column_as_a_field_and_drops_another(tmp_path: Path) -> None:
    text = "Client,Deal value,Won?,Internal notes\nAcme,500000,closed won,call back\n"
    [deal] = read_deals(write(tmp_path, text),
                        parse_mapping(["Client=account", "deal value=amount", "Won?=outcome", "Internal notes=-"]))
    assert (deal.account, deal.amount, deal.outcome) == ("Acme", Decimal(500_000), "won")
    assert deal.attributes == {}


def test_map_takes_a_field_from_the_column_its_header_would_give_it(tmp_path: Path) -> None:
    text = "Amount,Net amount\n100,90\n"
    [deal] = read_deals(write(tmp_path, text), parse_mapping(["Net amount=amount"]))
    assert deal.amount == Decimal(90) and deal.attributes == {"Amount": "100"}


def test_a_map_that_is_not_column_equals_field_is_refused() -> None:
    with pytest.raises(ValueError, match="COLUMN=FIELD"):
        parse_mapping(["amount"])
    with pytest.raises(ValueError, match="FIELD must be one of"):
        parse_mapping(["Amount=price"])


def test_a_map_naming_no_column_of_the_file_is_an_error_on_the_header_line(tmp_path: Path) -> None:
    with pytest.raises(DealFileError) as refused:
        read_deals(write(tmp_path, "Account\nAcme\n"), {"Value": "amount"})
    assert refused.value.errors[0][0] == 1 and "Value" in refused.value.errors[0][1]


def test_every_bad_line_is_listed_by_number_and_nothing_is_read(tmp_path: Path) -> None:
    text = ("Account,Amount,Close date\n"
            "Acme,100,2025-01-31\n"
            "Globex,lots,2025-02-30\n"
            "Initech,200,2025-03-01\n"
            "Umbrella,300,next week\n")
    with pytest.raises(DealFileError) as refused:
        read_deals(write(tmp_path, text))
    assert [line for line, _ in refused.value.errors] == [3, 5]
    line3 = refused.value.errors[0][1]
    assert "amount" in line3 and "closed_on" in line3 and "line 5" in str(refused.value)


def test_european_and_chinese_amounts_are_read_as_numbers(tmp_path: Path) -> None:
    text = "Account;Amount\nA;1.234.567,50\nB;¥120万\nC;1,5\n"
    amounts = [d.amount for d in read_deals(write(tmp_path, text))]
    assert amounts == [Decimal("1234567.50"), Decimal(1_200_000), Decimal("1.5")]


@pytest.mark.parametrize(("winner", "price"), [("中标方", "中标价"), ("中标单位", "中标金额"), ("Winner", "Winning Price"),
                                             ("winner", "winning_bid"), ("Awarded To", "Award Price"), ("中标方", "成交价")])
def test_who_won_and_the_winning_price_are_read_as_their_own_fields_not_as_attributes(
        tmp_path: Path, winner: str, price: str) -> None:
    [lost] = read_deals(write(tmp_path, f"客户,项目名称,结果,金额,{winner},{price}\n北辰银行,核心系统,丢单,320万,星图数据,295万\n"))
    assert (lost.outcome, lost.amount, lost.winner, lost.winning_price) == (
        "lost", Decimal(3_200_000), "星图数据", Decimal(2_950_000))
    assert lost.attributes == {}
