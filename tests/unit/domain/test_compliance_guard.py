"""The compliance guard: gifts, cash and favours are flagged and kept out of notes; identity numbers removed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from domain.compliance import load_compliance_rules, luhn_ok, resident_id_ok, screen
from domain.understanding import understand

NOW = datetime(2026, 12, 9, 9, 0, tzinfo=timezone(timedelta(hours=8)))
VALID_ID = "440305198512031238"
VALID_CARD = "6222021000000000017"


@pytest.mark.parametrize(("text", "word"), [
    ("给王磊送了两张购物卡。", "购物卡"),
    ("春节给赵总包了个红包。", "红包"),
    ("刘总暗示要回扣。", "回扣"),
    ("他收了五千块好处费。", "好处费"),
    ("送了李经理一箱礼品。", "礼品"),
    ("Gave Tom Becker a gift card after the workshop.", "gift card"),
    ("He hinted at a kickback.", "kickback"),
    ("给孙总的孩子安排了实习。", "实习"),
    ("Drinks with Omar Haddad. I paid for his family's holiday in Bali, keep it quiet.", "Bali"),
    ("帮他报销了机票，这事就不提了。", "机票"),
])
def test_flagged_passages_are_left_out_of_the_notes(text: str, word: str) -> None:
    log = understand(text, now=NOW)
    assert [f.kind for f in log.flags] == ["compliance"]
    assert word not in log.notes


def test_the_reason_names_the_kind_of_thing_never_the_passage() -> None:
    log = understand("给邓强送了一个红包表示感谢。", now=NOW)
    (flag,) = log.flags
    assert "红包" in flag.reason and "邓强" not in flag.reason and "感谢" not in flag.reason


def test_the_rest_of_the_log_proceeds_normally() -> None:
    log = understand("和华信银行的王磊吃了晚饭，他很支持我们。饭后给他塞了现金。", now=NOW)
    assert log.notes == "和华信银行的王磊吃了晚饭，他很支持我们。"
    assert log.channel == "meal" and log.people[0].stance == "supporter"


def test_amounts_in_a_flagged_sentence_are_not_the_deal_amount() -> None:
    log = understand("给刘总送了5万现金。项目预算300万。", now=NOW)
    assert log.deal is not None and log.deal.amount == 3_000_000


@pytest.mark.parametrize("text", [
    "Lunch with Nina Shah; keep this off the books.",
    "和远航物流的许总吃饭聊了私事，别写进系统。",
])
def test_asking_to_keep_something_off_the_record_flags_it(text: str) -> None:
    log = understand(text, now=NOW)
    assert [f.kind for f in log.flags] == ["compliance"]
    assert "off the books" not in log.notes and "私事" not in log.notes


@pytest.mark.parametrize("text", [
    "现金流很紧张，预算要压缩。",
    "She is in favour of our plan.",
    "Cash flow is their main worry.",
    "The system records every booking off the shelf.",
])
def test_look_alike_phrases_are_not_flagged(text: str) -> None:
    assert understand(text, now=NOW).flags == ()


def test_a_resident_id_number_is_flagged_and_removed() -> None:
    log = understand(f"王磊的身份证号是{VALID_ID}，下周二见。", now=NOW)
    assert [f.kind for f in log.flags] == ["identity_number"]
    assert VALID_ID not in log.notes and "下周二见" in log.notes


def test_a_bank_card_number_with_spaces_is_flagged() -> None:
    text = "Her card number is 4111 1111 1111 1111."
    log = understand(text, now=NOW)
    assert [f.kind for f in log.flags] == ["identity_number"]
    assert "4111" not in log.notes


def test_a_passport_number_after_its_cue_is_flagged() -> None:
    log = understand("Tom Becker's passport number is X12345678? no, passport E12345678.", now=NOW)
    assert "E12345678" not in log.notes


def test_money_amounts_and_phone_numbers_are_not_bank_cards() -> None:
    screening = screen("预算 1200000000000000 元，电话 13812345678，订单 1234567890123456。")
    assert screening.flags == ()


def test_checksums() -> None:
    assert resident_id_ok(VALID_ID) and not resident_id_ok(VALID_ID[:-1] + "0")
    assert luhn_ok(VALID_CARD) and not luhn_ok(VALID_CARD[:-1] + "8")


def test_identity_numbers_are_not_read_as_dates_or_amounts() -> None:
    log = understand(f"银行卡号{VALID_CARD}。", now=NOW)
    assert log.deal is None and VALID_CARD not in log.notes


def test_an_admins_extra_file_adds_words(tmp_path: Path) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text('[categories.gift]\nwords = ["茶叶礼盒"]\n\n[categories.trip]\nreason = "paid trip / 旅游"\n'
                     'words = ["请他去三亚"]\n', encoding="utf-8")
    rules = load_compliance_rules(extra)
    log = understand("给赵总带了茶叶礼盒。下周请他去三亚。", now=NOW, compliance=rules)
    assert {f.reason for f in log.flags} == {"gift / 送礼", "paid trip / 旅游"}
    assert log.notes == ""


def test_the_default_rules_are_a_frozen_value() -> None:
    rules = load_compliance_rules()
    assert rules == load_compliance_rules()
    with pytest.raises(AttributeError):
        rules.allow = ()  # type: ignore[misc]
