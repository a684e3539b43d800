"""Slack retries and double clicks: an event is handled once, a draft is decided once."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from domain.entities import SourceMessage
from storage.uow import UnitOfWork, UnitOfWorkFactory

NOW = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)


def _race(uow_factory: UnitOfWorkFactory, attempt: Callable[[UnitOfWork], bool], threads: int = 4) -> list[bool]:
    """Run attempt in several threads at once, each in its own unit of work; collect what each got."""
    start = threading.Barrier(threads)
    results: list[bool] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            with uow_factory("T1") as uow:
                got = attempt(uow)
                time.sleep(0.05)  # hold the transaction open so the others collide with it
                uow.commit()
            results.append(got)
        except BaseException as exc:  # reported below; a thread's exception would otherwise vanish
            errors.append(exc)

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    assert errors == []
    return results


def test_an_event_is_new_the_first_time_only(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory("T1") as uow:
        assert uow.events.first_time("Ev1", now=NOW) is True
        uow.commit()
    with uow_factory("T1") as uow:
        assert uow.events.first_time("Ev1", now=NOW) is False


def test_of_retries_racing_each_other_exactly_one_is_new(uow_factory: UnitOfWorkFactory) -> None:
    results = _race(uow_factory, lambda uow: uow.events.first_time("Ev1", now=NOW))
    assert sorted(results) == [False, False, False, True]


def _draft(uow_factory: UnitOfWorkFactory) -> int:
    with uow_factory("T1") as uow:
        draft = uow.drafts.add(user_slack_id="U1", parsed={"text": "x"}, source=SourceMessage("D1", "1.0"), now=NOW)
        uow.commit()
    return draft.id


def test_a_draft_is_decided_once_only(uow_factory: UnitOfWorkFactory) -> None:
    draft_id = _draft(uow_factory)
    with uow_factory("T1") as uow:
        assert uow.drafts.decide(draft_id, state="confirmed", now=NOW) is True
        uow.commit()
    with uow_factory("T1") as uow:
        assert uow.drafts.decide(draft_id, state="discarded", now=NOW) is False
        assert uow.drafts.decide(draft_id, state="confirmed", now=NOW) is False
        draft = uow.drafts.get(draft_id)
        assert draft is not None and draft.state == "confirmed"


def test_of_confirm_presses_racing_each_other_exactly_one_decides(uow_factory: UnitOfWorkFactory) -> None:
    draft_id = _draft(uow_factory)
    results = _race(uow_factory, lambda uow: uow.drafts.decide(draft_id, state="confirmed", now=NOW))
    assert sorted(results) == [False, False, False, True]


def test_a_decision_not_committed_leaves_the_draft_pending(uow_factory: UnitOfWorkFactory) -> None:
    draft_id = _draft(uow_factory)
    with uow_factory("T1") as uow:
        assert uow.drafts.decide(draft_id, state="confirmed", now=NOW) is True
    with uow_factory("T1") as uow:
        assert uow.drafts.decide(draft_id, state="discarded", now=NOW) is True
