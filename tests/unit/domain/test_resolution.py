"""Matching a name as a rep writes it to the contact they mean."""

from domain.entities import Account, Contact
from domain.resolution import match_account, match_person, pinyin_aliases

ZHANG = Contact(1, "张伟", account_id=1, title="总经理", aliases=("David Zhang",))
LI = Contact(2, "李娜", account_id=1, title="CTO")
PRIYA = Contact(3, "Priya Nair", account_id=2, title="Head of IT")
ZHANG_ENGINEER = Contact(4, "张伟伟", account_id=1, title="工程师")
BOOK = [ZHANG, LI, PRIYA, ZHANG_ENGINEER]


def test_chinese_pinyin_and_english_spellings_find_the_same_contact() -> None:
    for written in ("张伟", "Zhang Wei", "zhang wei", "Wei Zhang", "David Zhang"):
        assert match_person(written, BOOK).contact == ZHANG, written


def test_surname_and_title_find_the_general_manager() -> None:
    assert match_person("张总", BOOK).contact == ZHANG
    assert match_person("张工", BOOK).contact == ZHANG_ENGINEER


def test_a_homophone_typo_finds_the_contact() -> None:
    assert match_person("张玮", BOOK).contact == ZHANG
    assert match_person("Priya Niar", BOOK).contact == PRIYA


def test_an_english_first_name_alone_finds_the_only_priya() -> None:
    assert match_person("Priya", BOOK).contact == PRIYA


def test_two_plausible_contacts_are_offered_never_guessed() -> None:
    twin = Contact(5, "张伟", account_id=3, title="采购经理")
    found = match_person("张伟", [*BOOK, twin])
    assert found.contact is None and found.ambiguous
    assert {c.id for c in found.candidates} == {1, 5}


def test_a_stranger_matches_nobody() -> None:
    found = match_person("王芳", BOOK)
    assert found.contact is None and not found.candidates


def test_accounts_match_by_name_or_alias_ignoring_case_and_spaces() -> None:
    accounts = [Account(1, "北辰银行", aliases=("Beichen Bank",)), Account(2, "Fabrikam")]
    assert match_account("beichen  bank", accounts) == accounts[0]
    assert match_account("FABRIKAM", accounts) == accounts[1]
    assert match_account("Contoso", accounts) is None


def test_pinyin_alias_is_spelled_with_capitals() -> None:
    assert pinyin_aliases("李娜") == ("Li Na",)
    assert pinyin_aliases("Priya Nair") == ()
