"""`rapport import --json`: a workspace export restored into an empty workspace exports back the same."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from domain.entities import AuditEntry, SourceMessage, User
from sandbox.demo_data import DEMO_REPS
from services.importing import WorkspaceNotEmpty, restore_json
from services.seed import load_demo_dataset
from storage.export import export_workspace
from storage.rows_pipeline import (
    ChainMemberRow,
    DealRow,
    DeliveryRow,
    MeetingRow,
    OccasionRow,
    PitchDeliveryRow,
    ResourceRequestEventRow,
    ResourceRequestRow,
    ValuePropositionRow,
)
from storage.uow import UnitOfWork, UnitOfWorkFactory

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
Export = dict[str, list[dict[str, Any]]]


def _pipeline_extras(uow: UnitOfWork) -> None:
    """What the demo does not hold yet: propositions, pitches, occasions, the outbox, requests with events."""
    ws, s = uow.workspace_id, uow.session
    uow.users.save(User("U1", "Rep One", manager_slack_id="U9"))
    uow.users.save(User("U9", "Boss"))
    contact = uow.contacts.all()[0]
    deal = DealRow(workspace_id=ws, account_id=contact.account_id, name="Backup deal", amount=Decimal("1234567.89"),
                   currency="CNY", tender_on=date(2027, 6, 1), custom={"渠道": "direct"}, created_at=NOW,
                   updated_at=NOW)
    prop = ValuePropositionRow(workspace_id=ws, title="Fast rollout", points=["90 days"], created_at=NOW)
    s.add_all([deal, prop])
    s.flush()
    request = ResourceRequestRow(workspace_id=ws, type="demo", deal_id=deal.id, requester_slack_id="U1",
                                 assignee_slack_id="U9", created_at=NOW)
    s.add_all([request, ChainMemberRow(workspace_id=ws, deal_id=deal.id, contact_id=contact.id, role="coach"),
               PitchDeliveryRow(workspace_id=ws, proposition_id=prop.id, point="90 days", contact_id=contact.id,
                                deal_id=deal.id, channel="visit", delivered_at=NOW),
               OccasionRow(workspace_id=ws, contact_id=contact.id, kind="birthday", month=8, day=15, lunar=True),
               DeliveryRow(workspace_id=ws, kind="greeting", recipient_slack_id="U1", due_at=NOW,
                           idempotency_key="g:1", payload={"text": "中秋快乐"}),
               MeetingRow(workspace_id=ws, rep_slack_id="U1", account_id=contact.account_id, deal_id=deal.id,
                          on=date(2027, 3, 4), at="10:00", tz="Asia/Shanghai", contact_ids=[contact.id],
                          created_at=NOW)])
    s.flush()
    s.add(ResourceRequestEventRow(workspace_id=ws, request_id=request.id, at=NOW, actor_slack_id="U9",
                                  kind="accepted", note="on it"))
    uow.audit.record(AuditEntry("U1", NOW, "deal", deal.id, "create", None, {"name": "Backup deal"},
                                SourceMessage("D1", "1.0")))


def _seed(uows: UnitOfWorkFactory, workspace: str) -> None:
    load_demo_dataset(uow=uows(workspace), today=NOW.date(), now=NOW, reps=DEMO_REPS)
    with uows(workspace) as uow:
        _pipeline_extras(uow)
        uow.commit()


def _without_ids(data: Export) -> Export:
    """Ids are the store's to assign; every reference is also spelled out by name, and those must match."""
    def strip(record: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in record.items()
                if k != "id" and k != "contact_ids"
                and not (k.endswith("_id") and not k.endswith("slack_id") and k != "slack_user_id")}
    return {kind: [strip(r) for r in records] for kind, records in data.items()}


@pytest.fixture
def original(uow_factory: UnitOfWorkFactory) -> Export:
    """T_SRC seeded after T_NOISE, so its ids are not the ones a restore will get."""
    _seed(uow_factory, "T_NOISE")
    _seed(uow_factory, "T_SRC")
    return export_workspace(uow_factory.sessions, "T_SRC")


def test_export_then_restore_then_export_gives_the_same_json_but_for_ids(
        uow_factory: UnitOfWorkFactory, original: Export) -> None:
    counts, skipped = restore_json(uow=uow_factory("T_COPY"), data=original)
    again = export_workspace(uow_factory.sessions, "T_COPY")
    assert skipped == [] and counts["contacts"] == len(original["contacts"]) > 0
    assert all(original[k] for k in ("departments", "department_links", "contact_links", "interactions",
                                     "chain_members", "pitch_deliveries", "resource_requests", "deliveries",
                                     "meetings"))
    assert again["meetings"][0]["with"] == original["meetings"][0]["with"] != [None]
    assert _without_ids(again) == _without_ids(original)


def test_restored_ids_point_at_the_same_records(uow_factory: UnitOfWorkFactory, original: Export) -> None:
    restore_json(uow=uow_factory("T_COPY"), data=original)
    again = export_workspace(uow_factory.sessions, "T_COPY")
    old_names = {c["id"]: c["name"] for c in original["contacts"]}
    new_names = {c["id"]: c["name"] for c in again["contacts"]}
    assert [new_names[m["contact_id"]] for m in again["chain_members"]] == [
        old_names[m["contact_id"]] for m in original["chain_members"]]
    old_audit = [(a["entity"], a["entity_id"]) for a in original["audit_log"] if a["entity"] == "contact"]
    new_audit = [(a["entity"], a["entity_id"]) for a in again["audit_log"] if a["entity"] == "contact"]
    assert [new_names[i] for _e, i in new_audit] == [old_names[i] for _e, i in old_audit]


def test_a_restored_contact_is_found_by_its_pinyin_like_any_other(uow_factory: UnitOfWorkFactory,
                                                                 original: Export) -> None:
    restore_json(uow=uow_factory("T_COPY"), data=original)
    name = original["contacts"][0]["name"]
    with uow_factory("T_COPY") as uow:
        from domain.resolution import search_keys

        found = uow.contacts.candidates(account_id=None, keys=search_keys(name))
    assert name in {c.name for c in found}


def test_a_backup_is_refused_by_a_workspace_that_holds_records(uow_factory: UnitOfWorkFactory,
                                                              original: Export) -> None:
    with pytest.raises(WorkspaceNotEmpty, match="only into an empty workspace"):
        restore_json(uow=uow_factory("T_SRC"), data=original)
    assert export_workspace(uow_factory.sessions, "T_SRC") == original


def test_something_that_is_not_an_export_is_refused(uow_factory: UnitOfWorkFactory) -> None:
    with pytest.raises(ValueError, match="not a Rapport export"):
        restore_json(uow=uow_factory("T_COPY"), data={"accounts": {"name": "x"}})


def test_every_kind_the_export_writes_is_one_the_restore_reads() -> None:
    from storage.export import TABLES
    from storage.repos_restore import RESTORE_ORDER

    assert sorted(RESTORE_ORDER) == sorted(TABLES), "a new kind of record must be backed up and restored"
