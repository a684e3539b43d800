"""Finding who a log means reads a handful of contacts by index, not the whole book."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from domain.entities import Contact
from domain.resolution import lookup_keys
from storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 12, 1, tzinfo=UTC)
SURNAMES, GIVEN = "王李刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑", "芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"


def _book(uow_factory: UnitOfWorkFactory) -> tuple[int, int]:
    rnd = random.Random(3)
    with uow_factory("T1") as uow:
        bank, other = uow.accounts.add(name="北辰银行", now=NOW), uow.accounts.add(name="云峰证券", now=NOW)
        for i in range(400):
            name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN)
            uow.contacts.add(Contact(0, name, account_id=(bank, other)[i % 2].id, title="经理"), now=NOW)
        uow.contacts.add(Contact(0, "张伟", account_id=bank.id, title="总经理", aliases=("David Zhang",)), now=NOW)
        uow.contacts.add(Contact(0, "张伟", account_id=other.id, title="CFO"), now=NOW)
        uow.commit()
        return bank.id, other.id


def test_a_spelling_finds_only_the_people_it_fits(uow_factory: UnitOfWorkFactory) -> None:
    _book(uow_factory)
    with uow_factory("T1") as uow:
        for written in ("张伟", "Zhang Wei", "wei zhang", "David Zhang", "张玮"):
            found = uow.contacts.candidates(account_id=None, keys=lookup_keys([written]))
            assert [c.name for c in found] == ["张伟", "张伟"] or (written == "David Zhang" and len(found) == 1), written


def test_a_title_form_reads_the_surname_not_the_whole_book(uow_factory: UnitOfWorkFactory) -> None:
    _book(uow_factory)
    with uow_factory("T1") as uow:
        found = uow.contacts.candidates(account_id=None, keys=lookup_keys(["张总"]))
    assert {c.title for c in found} == {"总经理", "CFO"}


def test_a_known_account_adds_its_own_people_and_no_one_else(uow_factory: UnitOfWorkFactory) -> None:
    bank, _ = _book(uow_factory)
    with uow_factory("T1") as uow:
        found = uow.contacts.candidates(account_id=bank, keys=lookup_keys(["Nobody Known"]))
    assert len(found) == 201 and {c.account_id for c in found} == {bank}


def test_renaming_a_contact_moves_its_spellings(uow_factory: UnitOfWorkFactory) -> None:
    _book(uow_factory)
    with uow_factory("T1") as uow:
        zhang = uow.contacts.candidates(account_id=None, keys=lookup_keys(["David Zhang"]))[0]
        from dataclasses import replace

        uow.contacts.update(replace(zhang, aliases=("Wei Z.",)), now=NOW)
        uow.commit()
    with uow_factory("T1") as uow:
        assert uow.contacts.candidates(account_id=None, keys=lookup_keys(["David Zhang"])) == []
