"""Every repository read is scoped: what workspace T1 stores is invisible from T2's unit of work."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.entities import AuditEntry, ChainMember, Contact, Deal, SourceMessage, User
from storage.uow import UnitOfWorkFactory

NOW = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
SOURCE = SourceMessage("D1", "1700000000.000100")


@pytest.fixture
def t1(uow_factory: UnitOfWorkFactory) -> dict[str, int]:
    """Workspace T1 with one of everything; returns the ids it was given."""
    with uow_factory("T1") as uow:
        account = uow.accounts.add(name="Acme", now=NOW)
        department = uow.departments.ensure(account.id, "IT")
        a = uow.contacts.add(Contact(0, "张伟", account_id=account.id), now=NOW, department_id=department)
        b = uow.contacts.add(Contact(0, "李娜", account_id=account.id), now=NOW)
        uow.contact_links.add(from_id=a.id, kind="reports_to", to_id=b.id, now=NOW, source=None)
        uow.users.save(User("U1", "Rep One"))
        uow.interactions.add(rep_slack_id="U1", occurred_on=date(2027, 3, 1), channel="visit", summary="demo",
                             now=NOW, account_id=account.id, contacts={a.id: True}, pitched=(), source=SOURCE)
        uow.audit.record(AuditEntry("U1", NOW, "contact", a.id, "create", None, {"name": "张伟"}, SOURCE))
        draft = uow.drafts.add(user_slack_id="U1", parsed={"text": "x"}, source=SOURCE, now=NOW)
        deal = uow.deals.add(Deal(0, "Data platform", account_id=account.id, amount=1e6), now=NOW)
        uow.chain_members.add(ChainMember(0, deal.id, a.id, "decision_maker"))
        uow.commit()
    return {"account": account.id, "department": department, "contact": a.id, "other": b.id, "draft": draft.id,
            "deal": deal.id}


def test_a_contact_of_one_workspace_is_invisible_to_another(uow_factory: UnitOfWorkFactory, t1: dict[str, int]) -> None:
    with uow_factory("T2") as uow:
        assert uow.contacts.get(t1["contact"]) is None
        assert uow.contacts.all() == []
        assert uow.contacts.all(account_id=t1["account"]) == []
        assert uow.contacts.count() == 0
    with uow_factory("T1") as uow:
        assert uow.contacts.get(t1["contact"]) is not None
        assert uow.contacts.count() == 2


def test_a_contact_of_one_workspace_cannot_be_updated_from_another(uow_factory: UnitOfWorkFactory,
                                                                    t1: dict[str, int]) -> None:
    with uow_factory("T2") as uow, pytest.raises(LookupError):
        uow.contacts.update(Contact(t1["contact"], "Mallory"), now=NOW)


def test_an_account_of_one_workspace_is_invisible_to_another(uow_factory: UnitOfWorkFactory, t1: dict[str, int]) -> None:
    with uow_factory("T2") as uow:
        assert uow.accounts.get(t1["account"]) is None
        assert uow.accounts.all() == []


def test_the_same_account_name_may_exist_in_two_workspaces(uow_factory: UnitOfWorkFactory, t1: dict[str, int]) -> None:
    with uow_factory("T2") as uow:
        assert uow.accounts.add(name="Acme", now=NOW).id != t1["account"]
        uow.commit()


def test_departments_with_the_same_name_are_kept_apart_per_workspace(uow_factory: UnitOfWorkFactory,
                                                                     t1: dict[str, int]) -> None:
    with uow_factory("T2") as uow:
        account = uow.accounts.add(name="Acme", now=NOW)
        assert uow.departments.ensure(account.id, "IT") != t1["department"]
    with uow_factory("T1") as uow:
        assert uow.departments.ensure(t1["account"], "IT") == t1["department"]


def test_a_contact_of_one_workspace_cannot_be_linked_from_another(uow_factory: UnitOfWorkFactory,
                                                                 t1: dict[str, int]) -> None:
    with uow_factory("T2") as uow:
        mine = uow.contacts.add(Contact(0, "王芳"), now=NOW)
        with pytest.raises(LookupError):
            uow.contact_links.add(from_id=mine.id, kind="knows", to_id=t1["contact"], now=NOW, source=None)


def test_a_contact_link_is_recorded_once(uow_factory: UnitOfWorkFactory, t1: dict[str, int]) -> None:
    with uow_factory("T1") as uow:
        again = uow.contact_links.add(from_id=t1["contact"], kind="reports_to", to_id=t1["other"], now=NOW,
                                      source=None)
        assert again is None


def test_a_user_of_one_workspace_is_unknown_to_another(uow_factory: UnitOfWorkFactory, t1: dict[str, int]) -> None:
    with uow_factory("T2") as uow:
        assert uow.users.get("U1") is None
    with uow_factory("T1") as uow:
        assert uow.users.get("U1") == User("U1", "Rep One")


def test_interactions_of_one_workspace_are_not_counted_in_another(uow_factory: UnitOfWorkFactory,
                                                                  t1: dict[str, int]) -> None:
    with uow_factory("T2") as uow:
        assert uow.interactions.count() == 0
    with uow_factory("T1") as uow:
        assert uow.interactions.count() == 1


def test_the_audit_log_of_one_workspace_is_invisible_to_another(uow_factory: UnitOfWorkFactory,
                                                                 t1: dict[str, int]) -> None:
    with uow_factory("T2") as uow:
        assert uow.audit.entries() == []
        assert uow.audit.entries("contact", t1["contact"]) == []
    with uow_factory("T1") as uow:
        assert [e.after for e in uow.audit.entries("contact", t1["contact"])] == [{"name": "张伟"}]


def test_a_draft_of_one_workspace_can_be_neither_read_nor_changed_from_another(uow_factory: UnitOfWorkFactory,
                                                                               t1: dict[str, int]) -> None:
    with uow_factory("T2") as uow:
        assert uow.drafts.get(t1["draft"]) is None
        assert uow.drafts.decide(t1["draft"], state="confirmed", now=NOW) is False
        uow.drafts.set_card(t1["draft"], channel="C2", ts="2.0")
        uow.commit()
    with uow_factory("T1") as uow:
        draft = uow.drafts.get(t1["draft"])
        assert draft is not None and draft.state == "pending" and draft.card_channel is None


def test_a_deal_and_its_chain_in_one_workspace_are_invisible_to_another(uow_factory: UnitOfWorkFactory,
                                                                       t1: dict[str, int]) -> None:
    with uow_factory("T2") as uow:
        assert uow.deals.all() == []
        assert uow.deals.all(account_id=t1["account"]) == []
        assert uow.chain_members.of_deal(t1["deal"]) == []
    with uow_factory("T1") as uow:
        assert [d.name for d in uow.deals.all(account_id=t1["account"])] == ["Data platform"]
        assert [m.role for m in uow.chain_members.of_deal(t1["deal"])] == ["decision_maker"]


def test_an_event_seen_in_one_workspace_is_still_new_to_another(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory("T1") as uow:
        assert uow.events.first_time("Ev1", now=NOW) is True
        uow.commit()
    with uow_factory("T2") as uow:
        assert uow.events.first_time("Ev1", now=NOW) is True


def test_a_unit_of_work_needs_a_workspace(uow_factory: UnitOfWorkFactory) -> None:
    with pytest.raises(ValueError):
        uow_factory("")
