"""The proposition library and who heard which point, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.entities import Contact
from domain.pitches import Proposition, point_key
from storage.uow import UnitOfWorkFactory

NOW = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)


def _contact(uow_factory: UnitOfWorkFactory, ws: str = "T1") -> int:
    with uow_factory(ws) as uow:
        bank = uow.accounts.add(name="北辰银行", now=NOW)
        contact = uow.contacts.add(Contact(0, "李娜", account_id=bank.id, title="CTO"), now=NOW)
        uow.commit()
    return contact.id


def test_the_same_occasion_recorded_twice_counts_once(uow_factory: UnitOfWorkFactory) -> None:
    li = _contact(uow_factory)
    for _ in range(2):
        with uow_factory("T1") as uow:
            uow.pitch_deliveries.record(contact_ids=[li], points=[(None, "零停机迁移")], deal_id=None,
                                        channel="meeting", at=NOW, source_key="C1:1.0")
            uow.commit()
    with uow_factory("T1") as uow:
        uow.pitch_deliveries.record(contact_ids=[li], points=[(None, "零停机迁移")], deal_id=None,
                                    channel="email", at=NOW + timedelta(days=2), source_key="C1:2.0")
        uow.commit()
    with uow_factory("T1") as uow:
        heard = uow.pitch_deliveries.heard([li])[li][point_key("零停机迁移")]
    assert heard.times == 2
    assert heard.channels == ("email", "meeting")
    assert heard.last == NOW + timedelta(days=2)


def test_a_workspace_never_sees_another_workspaces_library(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory("T1") as uow:
        mine = uow.propositions.add(Proposition(0, "TCO", ("a", "b"), roles=("economic_buyer",)), by="U1", now=NOW)
        uow.commit()
    with uow_factory("T2") as uow:
        assert uow.propositions.all() == []
        assert uow.propositions.get(mine.id) is None
        assert uow.propositions.update(mine, by="U9", now=NOW) is None
    with uow_factory("T1") as uow:
        assert [p.title for p in uow.propositions.all()] == ["TCO"]
        assert uow.propositions.all()[0].roles == ("economic_buyer",)


def test_two_wordings_of_one_point_add_up_with_both_channels(uow_factory: UnitOfWorkFactory) -> None:
    li = _contact(uow_factory)
    with uow_factory("T1") as uow:
        uow.pitch_deliveries.record(contact_ids=[li], points=[(None, "零停机迁移")], deal_id=None,
                                    channel="meeting", at=NOW, source_key="C1:1.0")
        uow.pitch_deliveries.record(contact_ids=[li], points=[(None, "零 停机 迁移")], deal_id=None,
                                    channel="email", at=NOW + timedelta(days=1), source_key="C1:2.0")
        uow.commit()
    with uow_factory("T1") as uow:
        (heard,) = uow.pitch_deliveries.heard([li])[li].values()
    assert (heard.times, heard.channels) == (2, ("email", "meeting"))
