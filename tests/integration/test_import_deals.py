"""Importing deals as a use case: a changed line updates its deal, a file's own contradictions write nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from services.importing import ImportReport, import_csv
from services.importing.deal_csv import looks_like_deals
from storage.repos_deal_import import DealImportRepo
from storage.uow import UnitOfWorkFactory

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
WS = "T_DEALS"
FILE = ("Account,Deal Name,Stage,Amount,Outcome,Region,Passport\n"
        "Acme,Rollout,proposal,100000,,EMEA,X1\nAcme,Pilot,,5000,won,,\n")


def _import(uows: UnitOfWorkFactory, text: str) -> ImportReport:
    return import_csv(uow=uows(WS), data=text.encode("utf-8"), source="deals.csv", now=NOW)


def test_a_header_with_a_deal_name_and_a_stage_or_amount_is_a_deal_file() -> None:
    assert looks_like_deals(("客户名称", "项目名称", "金额")) and looks_like_deals(("Account", "Opportunity", "Stage"))
    assert not looks_like_deals(("Name", "Account", "Title")) and not looks_like_deals(("name", "aliases", "industry"))


def test_a_changed_amount_updates_the_deal_the_audit_log_keeps_before_and_after_and_ids_are_never_read(
        uow_factory: UnitOfWorkFactory) -> None:
    assert _import(uow_factory, FILE).ok
    report = _import(uow_factory, FILE.replace("100000", "120000").replace("EMEA", "APAC"))
    assert report.ok, report.errors
    assert report.dropped == ("Passport",)
    assert report.summary == "2 deals: 0 new, 1 updated, 1 unchanged; 1 won, 0 lost, 1 open; 0 accounts created"
    with uow_factory(WS) as uow:
        rollout = next(d for d in DealImportRepo(uow.session, WS).deals() if d.name == "Rollout")
        entry = uow.audit.entries("deal", rollout.id)[-1]
    assert (rollout.values["amount"], rollout.values["custom"]) == (120000, {"Region": "APAC"})
    assert (entry.action, entry.before, entry.after) == (
        "update", {"amount": 100000.0, "custom": {"Region": "EMEA"}}, {"amount": 120000.0, "custom": {"Region": "APAC"}})


def test_the_same_deal_twice_in_a_file_or_a_deal_without_a_name_writes_nothing(
        uow_factory: UnitOfWorkFactory) -> None:
    report = _import(uow_factory, FILE + "ACME,rollout,won,1,,,\nAcme,,lost,2,,,\nAcme,,won,3,,,\n")
    # Two nameless lines are each refused for the name they lack, not as one deal written twice.
    assert report.errors == ["line 4: deal rollout at ACME is already on line 2", "line 5: no name: every deal needs its name",
                             "line 6: no name: every deal needs its name"]
    with uow_factory(WS) as uow:
        assert DealImportRepo(uow.session, WS).deals() == [] and uow.accounts.find("Acme") is None


def test_a_kickback_in_a_deal_note_is_left_out_and_the_report_says_why(uow_factory: UnitOfWorkFactory) -> None:
    report = _import(uow_factory, "Account,Deal Name,Stage,Notes\n北辰银行,核心系统,商务谈判,客户很认可方案。答应给他5%回扣。\n")
    assert report.ok, report.errors
    assert any("line 2" in n and "回扣" in n for n in report.notes), report.notes
    with uow_factory(WS) as uow:
        deal = next(d for d in DealImportRepo(uow.session, WS).deals() if d.name == "核心系统")
    assert deal.values["custom"] == {"Notes": "客户很认可方案。"}
