"""The outbox on SQLite and PostgreSQL: enqueued once, claimed atomically, sent once, parked, dropped."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from domain.outbox import DROPPED, PARKED, PENDING, SENT, Delivery
from services.outbox import (
    MAX_ATTEMPTS,
    DeliveryRefused,
    Posted,
    Sender,
    TokenRevoked,
    TransientFailure,
    send_due,
)
from storage.repos_outbox import LEASE, claim_due
from storage.rows_pipeline import DeliveryRow
from storage.uow import UnitOfWorkFactory

NOW = datetime(2027, 3, 1, 0, 30, tzinfo=UTC)


def _delivery(key: str, due: datetime = NOW, user: str = "U1", ws: str = "T1") -> Delivery:
    return Delivery(ws, "greeting", user, due, key, {"text": f"hello {key}"})


def _enqueue(uows: UnitOfWorkFactory, *deliveries: Delivery) -> list[bool]:
    added = []
    for d in deliveries:
        with uows(d.workspace_id) as uow:
            added.append(uow.outbox.enqueue(d))
            uow.commit()
    return added


def _recorder(log: list[Delivery]) -> Sender:
    def send(d: Delivery) -> Posted:
        log.append(d)
        return Posted(f"D{d.recipient_slack_id}", f"{d.id}.0001")
    return send


def _state(uows: UnitOfWorkFactory, key: str, ws: str = "T1") -> str:
    with uows(ws) as uow:
        found = uow.outbox.by_key(key)
        assert found is not None
        return found.state


def test_an_idempotency_key_is_enqueued_once(uow_factory: UnitOfWorkFactory) -> None:
    assert _enqueue(uow_factory, _delivery("greet:1"), _delivery("greet:1"), _delivery("greet:1", ws="T2")) == [
        True, False, True]  # keys are unique per workspace
    with uow_factory("T1") as uow:
        uow.outbox.enqueue(_delivery("greet:2"))
        assert uow.outbox.enqueue(_delivery("greet:2")) is False  # the savepoint keeps the first one
        uow.commit()
        assert [d.idempotency_key for d in uow.outbox.in_state(PENDING)] == ["greet:1", "greet:2"]


def test_a_tick_sends_what_is_due_once_and_leaves_the_future(uow_factory: UnitOfWorkFactory) -> None:
    _enqueue(uow_factory, _delivery("now"), _delivery("later", NOW + timedelta(hours=1)))
    sent: list[Delivery] = []
    for _ in range(2):
        send_due(sessions=uow_factory.sessions, now=NOW, worker_id="w1", send=_recorder(sent))
    assert [d.idempotency_key for d in sent] == ["now"] and not sent[0].tried_before
    with uow_factory("T1") as uow:
        done = uow.outbox.by_key("now")
        assert done is not None and done.state == SENT and done.attempts == 1
    assert _state(uow_factory, "later") == PENDING


@pytest.mark.postgres
def test_two_workers_send_each_of_200_deliveries_exactly_once(postgres_url: str) -> None:
    from storage.db import make_engine, session_factory
    from storage.migrate import upgrade

    upgrade(postgres_url)
    engines = [make_engine(postgres_url) for _ in range(2)]
    uows = UnitOfWorkFactory(session_factory(engines[0]))
    with uows("T1") as uow:
        for i in range(200):
            uow.outbox.enqueue(_delivery(f"k{i}", NOW - timedelta(seconds=i), user=f"U{i % 7}"))
        uow.commit()
    sent: list[Delivery] = []
    lock = threading.Lock()
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def slow_send(d: Delivery) -> Posted:
        time.sleep(0.001)
        with lock:
            sent.append(d)
        return Posted("D1", f"{d.id}.1")

    def work(name: str, sessions: sessionmaker[Session]) -> None:
        try:
            start.wait()
            send_due(sessions=sessions, now=NOW, worker_id=name, send=slow_send, limit=10)
        except BaseException as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(f"w{i}", session_factory(e))) for i, e in enumerate(engines)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    counts = Counter(d.idempotency_key for d in sent)
    assert len(counts) == 200 and set(counts.values()) == {1}
    with uows.sessions() as session:
        rows = session.execute(select(DeliveryRow.state, DeliveryRow.claimed_by)).all()
    assert {state for state, _ in rows} == {SENT}
    assert {by for _, by in rows} == {"w0", "w1"}  # both workers took a share
    for e in engines:
        e.dispose()


def test_a_claim_left_unsent_is_claimed_again_after_the_lease(uow_factory: UnitOfWorkFactory) -> None:
    _enqueue(uow_factory, _delivery("k"))
    with uow_factory.sessions() as session:
        assert [d.idempotency_key for d in claim_due(session, now=NOW, worker_id="killed:1", limit=10)] == ["k"]
        session.commit()  # …and the worker dies before sending
    sent: list[Delivery] = []
    send_due(sessions=uow_factory.sessions, now=NOW + LEASE - timedelta(seconds=1), worker_id="w2",
             send=_recorder(sent))
    assert sent == []  # still leased to the dead worker
    for minutes in (6, 7, 60):
        send_due(sessions=uow_factory.sessions, now=NOW + timedelta(minutes=minutes), worker_id="w2",
                 send=_recorder(sent))
    assert [d.idempotency_key for d in sent] == ["k"]
    assert sent[0].tried_before  # so the sender looks for the dead worker's message before posting
    assert _state(uow_factory, "k") == SENT


def test_a_delivery_every_worker_died_sending_fails_for_good_instead_of_killing_the_next(
        uow_factory: UnitOfWorkFactory) -> None:
    _enqueue(uow_factory, _delivery("poison"))
    for n in range(MAX_ATTEMPTS):
        with uow_factory.sessions() as session:
            assert claim_due(session, now=NOW + n * LEASE * 2, worker_id=f"killed:{n}", limit=10)
            session.commit()
    sent: list[Delivery] = []
    report = send_due(sessions=uow_factory.sessions, now=NOW + MAX_ATTEMPTS * LEASE * 2, worker_id="w",
                      send=_recorder(sent))
    assert sent == [] and len(report.failed) == 1 and _state(uow_factory, "poison") == "failed"


def test_stale_items_beyond_the_grace_window_are_dropped_within_it_sent(uow_factory: UnitOfWorkFactory,
                                                                        caplog: pytest.LogCaptureFixture) -> None:
    grace = timedelta(hours=6)
    _enqueue(uow_factory, _delivery("old", NOW - timedelta(hours=7)), _delivery("recent", NOW - timedelta(hours=5)))
    sent: list[Delivery] = []
    report = send_due(sessions=uow_factory.sessions, now=NOW, worker_id="w", send=_recorder(sent),
                      grace=grace)
    assert [d.idempotency_key for d in sent] == ["recent"]
    assert len(report.dropped) == 1 and _state(uow_factory, "old") == DROPPED
    assert any("dropped delivery" in r.getMessage() for r in caplog.records)


def test_a_revoked_token_parks_the_workspace(uow_factory: UnitOfWorkFactory) -> None:
    _enqueue(uow_factory, _delivery("a1"), _delivery("a2"), _delivery("a3", NOW + timedelta(days=1)),
             _delivery("b1", ws="T2"))
    tried: list[str] = []

    def send(d: Delivery) -> Posted:
        tried.append(d.idempotency_key)
        if d.workspace_id == "T1":
            raise TokenRevoked("token_revoked")
        return Posted("D1", "1.1")

    report = send_due(sessions=uow_factory.sessions, now=NOW, worker_id="w", send=send)
    assert tried.count("a1") + tried.count("a2") == 1  # the workspace is parked after the first refusal
    assert {_state(uow_factory, k) for k in ("a1", "a2", "a3")} == {PARKED}
    assert _state(uow_factory, "b1", ws="T2") == SENT and report.parked_workspaces == {"T1"}
    send_due(sessions=uow_factory.sessions, now=NOW + timedelta(days=2), worker_id="w", send=send)
    assert len(tried) == 2  # nothing of a parked workspace is tried again


def test_a_5xx_retries_with_backoff_and_a_refusal_fails_for_good(uow_factory: UnitOfWorkFactory) -> None:
    _enqueue(uow_factory, _delivery("flaky"), _delivery("nobody", user="U404"))
    calls: list[str] = []

    def send(d: Delivery) -> Posted:
        calls.append(d.idempotency_key)
        if d.recipient_slack_id == "U404":
            raise DeliveryRefused("user_not_found")
        if calls.count("flaky") == 1:
            raise TransientFailure("HTTP 503")
        return Posted("D1", "1.1")

    report = send_due(sessions=uow_factory.sessions, now=NOW, worker_id="w", send=send)
    assert len(report.retrying) == 1 and len(report.failed) == 1
    send_due(sessions=uow_factory.sessions, now=NOW + timedelta(seconds=30), worker_id="w", send=send)
    assert calls.count("flaky") == 1  # backing off
    send_due(sessions=uow_factory.sessions, now=NOW + timedelta(minutes=1), worker_id="w", send=send)
    assert calls == ["flaky", "nobody", "flaky"]
    assert _state(uow_factory, "flaky") == SENT and _state(uow_factory, "nobody") == "failed"
