"""A unit of work is one transaction: committed whole, or rolled back whole."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.entities import AuditEntry, Contact
from storage.uow import UnitOfWorkFactory

NOW = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)


def _write_a_little_of_everything(uow_factory: UnitOfWorkFactory, *, commit: bool, fail: bool = False) -> None:
    with uow_factory("T1") as uow:
        account = uow.accounts.add(name="Acme", now=NOW)
        contact = uow.contacts.add(Contact(0, "张伟", account_id=account.id), now=NOW)
        uow.audit.record(AuditEntry("U1", NOW, "contact", contact.id, "create"))
        uow.events.first_time("Ev1", now=NOW)
        uow.drafts.add(user_slack_id="U1", parsed={}, source=AuditEntry("U1", NOW, "x", None, "x").source, now=NOW)
        if fail:
            raise RuntimeError("the service failed half-way")
        if commit:
            uow.commit()


def _nothing_stored(uow_factory: UnitOfWorkFactory) -> bool:
    with uow_factory("T1") as uow:
        return (uow.accounts.all() == [] and uow.contacts.count() == 0 and uow.audit.entries() == []
                and uow.events.first_time("Ev1", now=NOW) and uow.drafts.get(1) is None)


def test_a_committed_unit_of_work_stores_everything(uow_factory: UnitOfWorkFactory) -> None:
    _write_a_little_of_everything(uow_factory, commit=True)
    with uow_factory("T1") as uow:
        assert [a.name for a in uow.accounts.all()] == ["Acme"]
        assert uow.contacts.count() == 1
        assert len(uow.audit.entries()) == 1
        assert uow.events.first_time("Ev1", now=NOW) is False


def test_a_unit_of_work_left_without_commit_stores_nothing(uow_factory: UnitOfWorkFactory) -> None:
    _write_a_little_of_everything(uow_factory, commit=False)
    assert _nothing_stored(uow_factory)


def test_a_unit_of_work_that_raises_stores_nothing_and_lets_the_error_through(uow_factory: UnitOfWorkFactory) -> None:
    with pytest.raises(RuntimeError, match="half-way"):
        _write_a_little_of_everything(uow_factory, commit=False, fail=True)
    assert _nothing_stored(uow_factory)


def test_a_repeated_event_inside_a_unit_of_work_does_not_undo_the_work_before_it(
        uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory("T1") as uow:
        uow.accounts.add(name="Acme", now=NOW)
        assert uow.events.first_time("Ev1", now=NOW) is True
        assert uow.events.first_time("Ev1", now=NOW) is False
        uow.commit()
    with uow_factory("T1") as uow:
        assert [a.name for a in uow.accounts.all()] == ["Acme"]
