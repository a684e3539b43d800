"""`rapport export --json`: one workspace's whole store, readable, JSON-ready, and nothing of another's."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from domain.entities import AuditEntry, Contact, SourceMessage, User
from storage.export import export_workspace, workspace_ids
from storage.rows import DepartmentLinkRow
from storage.rows_pipeline import (
    ChainMemberRow,
    ControlPointRow,
    DealRow,
    DeliveryRow,
    OccasionRow,
    PitchDeliveryRow,
    ResourceRequestEventRow,
    ResourceRequestRow,
    ValuePropositionRow,
)
from storage.uow import UnitOfWork, UnitOfWorkFactory

NOW = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
KINDS = {"users", "accounts", "departments", "contacts", "contact_links", "interactions", "deals", "chain_members",
         "control_points", "value_propositions", "pitch_deliveries", "resource_requests", "occasions",
         "deliveries", "audit_log"}


def _people_and_graph(uow: UnitOfWork) -> dict[str, int]:
    uow.users.save(User("U1", "Rep One"))
    account = uow.accounts.add(name="Acme 集团", now=NOW, owner_slack_id="U1")
    it = uow.departments.ensure(account.id, "IT")
    procurement = uow.departments.ensure(account.id, "采购部")
    uow.session.add(DepartmentLinkRow(workspace_id=uow.workspace_id, from_department_id=procurement,
                                      to_department_id=it, kind="reviews"))
    zhang = uow.contacts.add(Contact(0, "张伟", account_id=account.id, title="CIO", stance="supporter"), now=NOW,
                             department_id=it)
    li = uow.contacts.add(Contact(0, "李娜", account_id=account.id), now=NOW, department_id=procurement)
    uow.contact_links.add(from_id=li.id, kind="reports_to", to_id=zhang.id, now=NOW, source="D1/1.0")
    return {"account": account.id, "zhang": zhang.id, "li": li.id}


def _pipeline(uow: UnitOfWork, ids: dict[str, int]) -> None:
    ws, s = uow.workspace_id, uow.session
    deal = DealRow(workspace_id=ws, account_id=ids["account"], name="Data platform", amount=Decimal("1234567.89"),
                   currency="CNY", tender_on=date(2027, 6, 1), winning_price=Decimal("1180000.50"), created_at=NOW,
                   updated_at=NOW)
    prop = ValuePropositionRow(workspace_id=ws, title="Fast rollout", points=["90 days"], created_at=NOW)
    s.add_all([deal, prop])
    s.flush()
    boss = ChainMemberRow(workspace_id=ws, deal_id=deal.id, contact_id=ids["zhang"], role="decision_maker")
    s.add(boss)
    s.flush()
    request = ResourceRequestRow(workspace_id=ws, type="demo", deal_id=deal.id, requester_slack_id="U1",
                                 needed_by=date(2027, 3, 10), created_at=NOW)
    s.add_all([
        ChainMemberRow(workspace_id=ws, deal_id=deal.id, contact_id=ids["li"], role="procurement",
                       reports_to_member_id=boss.id),
        ControlPointRow(workspace_id=ws, deal_id=deal.id, key="budget_advice", state="secured", updated_at=NOW),
        PitchDeliveryRow(workspace_id=ws, proposition_id=prop.id, point="90 days", contact_id=ids["zhang"],
                         deal_id=deal.id, channel="visit", delivered_at=NOW),
        OccasionRow(workspace_id=ws, contact_id=ids["zhang"], kind="birthday", month=8, day=15, lunar=True),
        DeliveryRow(workspace_id=ws, kind="greeting", recipient_slack_id="U1", due_at=NOW, idempotency_key="g:1"),
        request,
    ])
    s.flush()
    s.add(ResourceRequestEventRow(workspace_id=ws, request_id=request.id, at=NOW, actor_slack_id="U1", kind="created"))
    ids["deal"] = deal.id


def _seed(uow_factory: UnitOfWorkFactory, workspace: str) -> None:
    with uow_factory(workspace) as uow:
        ids = _people_and_graph(uow)
        _pipeline(uow, ids)
        interaction = uow.interactions.add(
            rep_slack_id="U1", occurred_on=date(2027, 2, 28), channel="visit", summary="讨论了预算", now=NOW,
            account_id=ids["account"], contacts={ids["zhang"]: True, ids["li"]: False}, pitched=("90 days",),
            source=SourceMessage("D1", "1.0"))
        uow.audit.record(AuditEntry("U1", NOW, "interaction", interaction.id, "create", None, {"x": 1}))
        uow.commit()


@pytest.fixture
def exported(uow_factory: UnitOfWorkFactory) -> dict[str, list[dict[str, Any]]]:
    """T1 and T2 seeded alike; T1's export."""
    _seed(uow_factory, "T1")
    _seed(uow_factory, "T2")
    return export_workspace(uow_factory.sessions, "T1")


def _one(records: list[dict[str, Any]], **match: Any) -> dict[str, Any]:
    found = [r for r in records if all(r.get(k) == v for k, v in match.items())]
    assert len(found) == 1, (match, records)
    return found[0]


def test_the_export_has_every_kind_of_record_and_is_plain_json(exported: dict[str, list[dict[str, Any]]]) -> None:
    assert set(exported) >= KINDS
    assert all(exported[k] for k in KINDS)
    assert json.loads(json.dumps(exported, ensure_ascii=False)) == exported


def test_the_export_holds_only_the_one_workspaces_records(exported: dict[str, list[dict[str, Any]]]) -> None:
    assert len(exported["accounts"]) == 1 and len(exported["contacts"]) == 2 and len(exported["deals"]) == 1
    assert all("workspace_id" not in r for records in exported.values() for r in records)


def test_a_contact_is_exported_with_its_account_and_department_by_name(exported: dict[str, Any]) -> None:
    zhang = _one(exported["contacts"], name="张伟")
    assert (zhang["account"], zhang["department"], zhang["title"], zhang["stance"]) == ("Acme 集团", "IT", "CIO",
                                                                                        "supporter")
    assert zhang["created_at"] == "2027-03-01T09:30:00+00:00"


def test_links_name_the_contacts_and_departments_they_join(exported: dict[str, Any]) -> None:
    assert _one(exported["contact_links"], kind="reports_to")["from"] == "李娜"
    assert _one(exported["contact_links"], kind="reports_to")["to"] == "张伟"
    assert _one(exported["department_links"], kind="reviews")["from"] == "采购部"
    assert _one(exported["departments"], name="采购部")["account"] == "Acme 集团"


def test_an_interaction_names_its_rep_account_and_contacts(exported: dict[str, Any]) -> None:
    visit = _one(exported["interactions"], channel="visit")
    assert visit["rep"] == "Rep One" and visit["rep_slack_id"] == "U1"
    assert (visit["occurred_on"], visit["summary"], visit["account"]) == ("2027-02-28", "讨论了预算", "Acme 集团")
    assert (visit["contacts"], visit["mentioned"], visit["pitched"]) == (["张伟"], ["李娜"], ["90 days"])


def test_a_deal_has_its_amount_and_winning_price_as_numbers_and_dates_as_iso_strings(exported: dict[str, Any]) -> None:
    deal = _one(exported["deals"], name="Data platform")
    assert (deal["amount"], deal["tender_on"], deal["account"]) == (1234567.89, "2027-06-01", "Acme 集团")
    assert deal["winning_price"] == 1180000.5


def test_the_decision_chain_names_deal_contact_and_project_reporting_line(exported: dict[str, Any]) -> None:
    li = _one(exported["chain_members"], contact="李娜")
    assert (li["deal"], li["role"], li["reports_to"]) == ("Data platform", "procurement", "张伟")
    assert _one(exported["control_points"], key="budget_advice")["deal"] == "Data platform"


def test_pitches_requests_occasions_and_deliveries_are_readable(exported: dict[str, Any]) -> None:
    pitch = _one(exported["pitch_deliveries"], point="90 days")
    assert (pitch["proposition"], pitch["contact"], pitch["deal"]) == ("Fast rollout", "张伟", "Data platform")
    request = _one(exported["resource_requests"], type="demo")
    assert (request["requester"], request["deal"], request["needed_by"]) == ("Rep One", "Data platform", "2027-03-10")
    assert [e["kind"] for e in request["events"]] == ["created"]
    assert _one(exported["occasions"], kind="birthday")["contact"] == "张伟"
    assert _one(exported["deliveries"], idempotency_key="g:1")["recipient"] == "Rep One"
    assert _one(exported["audit_log"], entity="interaction")["actor"] == "Rep One"


def test_an_empty_workspace_exports_empty_lists(uow_factory: UnitOfWorkFactory) -> None:
    exported = export_workspace(uow_factory.sessions, "T9")
    assert set(exported) >= KINDS and not any(exported.values())


def test_the_workspaces_in_the_store_can_be_listed(uow_factory: UnitOfWorkFactory) -> None:
    _seed(uow_factory, "T2")
    with uow_factory("T1") as uow:
        uow.accounts.add(name="Solo", now=NOW)
        uow.commit()
    assert workspace_ids(uow_factory.sessions) == ["T1", "T2"]
