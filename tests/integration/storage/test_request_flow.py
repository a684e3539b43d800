"""A presales request accepted by exactly one of two people pressing at once, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from domain.entities import ResourceRequest
from storage.uow import UnitOfWorkFactory

NOW = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)


def _request(uow_factory: UnitOfWorkFactory) -> int:
    with uow_factory("T1") as uow:
        made = uow.resource_requests.add(ResourceRequest(0, "demo", "U0REP"), now=NOW)
        uow.requests.routed(made.id, queue="east", rule_index=0, facts={"region": "华东"}, now=NOW)
        uow.commit()
    return made.id


def test_of_two_engineers_pressing_accept_at_once_exactly_one_gets_it(uow_factory: UnitOfWorkFactory) -> None:
    request_id = _request(uow_factory)
    start, results = threading.Barrier(2), {}

    def press(who: str) -> None:
        with uow_factory("T1") as uow:
            start.wait()
            results[who] = uow.requests.accept(request_id, by=who, now=NOW)
            uow.commit()

    threads = [threading.Thread(target=press, args=(who,)) for who in ("U0ENG1", "U0ENG2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(results.values()) == [False, True]
    winner = next(who for who, won in results.items() if won)
    with uow_factory("T1") as uow:
        request = uow.requests.get(request_id)
        kinds = [kind for _, _, kind, _ in uow.requests.events(request_id)]
    assert request is not None and (request.state, request.assignee_slack_id) == ("accepted", winner)
    assert kinds == ["created", "routed", "accepted"]


def test_only_the_assignee_can_finish_and_a_declined_request_is_open_again(uow_factory: UnitOfWorkFactory) -> None:
    request_id = _request(uow_factory)
    with uow_factory("T1") as uow:
        assert uow.requests.accept(request_id, by="U0ENG1", now=NOW)
        assert not uow.requests.finish(request_id, by="U0ENG2", now=NOW)
        assert uow.requests.offer(request_id, to=None, now=NOW, actor="U0ENG1", kind="declined", note="出差")
        assert uow.requests.get(request_id).state == "open"  # type: ignore[union-attr]
        assert uow.requests.accept(request_id, by="U0ENG2", now=NOW)
        assert uow.requests.finish(request_id, by="U0ENG2", now=NOW)
        assert not uow.requests.offer(request_id, to="U0ENG1", now=NOW, actor="U0LEAD", kind="reassigned")
        uow.commit()
    with uow_factory("T2") as uow:
        assert uow.requests.get(request_id) is None  # another workspace never sees it
