"""Timestamps are stored as UTC and always read back timezone-aware, even from SQLite."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from domain.entities import SourceMessage
from storage.rows import AccountRow
from storage.uow import UnitOfWorkFactory

SHANGHAI = timezone(timedelta(hours=8))


def test_a_naive_datetime_is_refused(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory("T1") as uow, pytest.raises(StatementError, match="naive datetime refused"):
        uow.accounts.add(name="Acme", now=datetime(2027, 3, 1, 9, 30))


def test_a_datetime_in_another_zone_reads_back_as_the_same_instant_in_utc(uow_factory: UnitOfWorkFactory) -> None:
    written = datetime(2027, 3, 1, 17, 30, tzinfo=SHANGHAI)
    with uow_factory("T1") as uow:
        draft = uow.drafts.add(user_slack_id="U1", parsed={}, source=SourceMessage(None, None), now=written)
        uow.commit()
    with uow_factory("T1") as uow:
        read = uow.drafts.get(draft.id)
    assert read is not None and read.created_at == written
    assert read.created_at.utcoffset() == timedelta(0)
    assert read.created_at.replace(tzinfo=None) == datetime(2027, 3, 1, 9, 30)


def test_a_datetime_is_aware_utc_when_selected_directly(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory("T1") as uow:
        uow.accounts.add(name="Acme", now=datetime(2027, 1, 1, 0, 0, 1, 5, tzinfo=UTC))
        uow.commit()
    with uow_factory("T1") as uow:
        created = uow.session.scalar(select(AccountRow.created_at))
    assert created == datetime(2027, 1, 1, 0, 0, 1, 5, tzinfo=UTC)
    assert created is not None and created.tzinfo is not None and created.utcoffset() == timedelta(0)
