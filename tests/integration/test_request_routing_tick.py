"""The worker's routing step over the store: a request from before the worker routed requests is timed from its
routing, a card that could not be posted for hours is still posted (or carded again when it was lost), and with
OAuth one rules file serves the one workspace it names."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from domain.entities import Deal, ResourceRequest, User
from domain.outbox import DROPPED, FAILED, REQUEST_CARD, REQUEST_OPENED, REQUEST_SLA, Delivery
from services.outbox import Posted, send_due
from services.request_routing import route_waiting
from services.request_sla import plan_request_sla
from services.requests_rules import LiveRules
from storage.uow import UnitOfWorkFactory

NOW = datetime(2027, 3, 1, 2, tzinfo=UTC)  # a Monday, 10:00 in Shanghai
ALPHA, BETA = "T0ALPHA01", "T0BETA001"
REP, BOSS, LEAD, ENG1, ADMIN = "U0REP0001", "U0BOSS001", "U0LEAD001", "U0ENG0001", "U0ADMIN01"
RULES = f"""
[[queues]]
name = "core"
channel = "C0CORE001"
lead = "{LEAD}"
accept_within_hours = 2
members = ["{ENG1}"]

[[rules]]
queue = "core"
"""


def _live(tmp_path: Path, text: str = RULES, *, oauth: bool = False) -> LiveRules:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return LiveRules(path, default_channel="C0DEFAULT", default_zone="Asia/Shanghai", oauth=oauth)


def _logged(uow_factory: UnitOfWorkFactory, at: datetime, workspace: str = ALPHA, account: str = "北辰银行") -> int:
    """A request a confirmed log made at `at`, no queue chosen for it yet."""
    with uow_factory(workspace) as uow:
        uow.users.save(User(REP, "林晓", manager_slack_id=BOSS))
        uow.users.save(User(ADMIN, "admin", role="admin"))
        bank = uow.accounts.add(name=account, now=at, industry="银行", region="华东")
        deal = uow.deals.add(Deal(0, "核心系统改造", bank.id, stage="proposal"), now=at)
        made = uow.resource_requests.add(ResourceRequest(0, "demo", REP, None, "迁移方案", bank.id, deal.id), now=at)
        uow.commit()
    return made.id


def _route(uow_factory: UnitOfWorkFactory, live: LiveRules, now: datetime = NOW) -> int:
    return route_waiting(sessions=uow_factory.sessions, live=live, now=now, default_locale="en")


def _outbox(uow_factory: UnitOfWorkFactory, workspace: str = ALPHA) -> list[tuple[str, str, str, str]]:
    with uow_factory(workspace) as uow:
        found = [d for state in ("pending", "sent", "dropped", "failed") for d in uow.outbox.in_state(state)]
    return [(d.kind, d.recipient_slack_id, d.idempotency_key, d.state) for d in sorted(found, key=lambda d: d.id)]


def test_a_request_a_log_made_three_months_before_the_upgrade_is_carded_and_escalated_only_after_its_queue_s_time(
        uow_factory: UnitOfWorkFactory, tmp_path: Path) -> None:
    live = _live(tmp_path)
    rid = _logged(uow_factory, NOW - timedelta(days=90))
    assert _route(uow_factory, live) == 1
    assert plan_request_sla(sessions=uow_factory.sessions, now=NOW, rules=live.for_workspace) == 0
    assert [(kind, key) for kind, _to, key, _state in _outbox(uow_factory)] == [
        (REQUEST_CARD, f"request:{rid}:card"), (REQUEST_OPENED, f"request:{rid}:opened")]
    assert plan_request_sla(sessions=uow_factory.sessions, now=NOW + timedelta(hours=1.99), rules=live.for_workspace) == 0
    assert plan_request_sla(sessions=uow_factory.sessions, now=NOW + timedelta(hours=2), rules=live.for_workspace) == 1
    assert [to for kind, to, _key, _state in _outbox(uow_factory) if kind == REQUEST_SLA] == [LEAD]


def test_a_card_slack_could_not_take_for_thirteen_hours_is_still_posted(
        uow_factory: UnitOfWorkFactory, tmp_path: Path) -> None:
    rid = _logged(uow_factory, NOW)
    _route(uow_factory, _live(tmp_path))
    sent: list[str] = []

    def post(delivery: Delivery) -> Posted:
        sent.append(delivery.idempotency_key)
        return Posted(delivery.recipient_slack_id, f"{len(sent)}.000100")

    report = send_due(sessions=uow_factory.sessions, now=NOW + timedelta(hours=13), worker_id="w", send=post)
    assert report.dropped == [] and sent == [f"request:{rid}:card", f"request:{rid}:opened"]


def _card_ended(uow_factory: UnitOfWorkFactory, rid: int, state: str) -> None:
    with uow_factory(ALPHA) as uow:
        card = uow.outbox.by_key(f"request:{rid}:card")
        assert card is not None
        if state == DROPPED:
            uow.outbox.drop(card.id)
        else:
            uow.outbox.mark_failed(card.id, "not_in_channel", None)
        uow.commit()


def test_a_card_the_outbox_dropped_is_carded_again_at_the_next_tick_once(
        uow_factory: UnitOfWorkFactory, tmp_path: Path) -> None:
    live = _live(tmp_path)
    rid = _logged(uow_factory, NOW)
    _route(uow_factory, live)
    _card_ended(uow_factory, rid, DROPPED)
    _route(uow_factory, live, NOW + timedelta(minutes=1))
    _route(uow_factory, live, NOW + timedelta(minutes=2))
    cards = [(to, key, state) for kind, to, key, state in _outbox(uow_factory) if kind == REQUEST_CARD]
    assert cards == [("C0CORE001", f"request:{rid}:card", "dropped"), ("C0CORE001", f"request:{rid}:card:2", "pending")]
    with uow_factory(ALPHA) as uow:
        again = uow.outbox.by_key(f"request:{rid}:card:2")
    assert again is not None and again.due_at == NOW + timedelta(minutes=1)


def test_a_card_slack_refused_for_good_is_tried_again_an_hour_later_not_every_minute(
        uow_factory: UnitOfWorkFactory, tmp_path: Path) -> None:
    live = _live(tmp_path)
    rid = _logged(uow_factory, NOW)
    _route(uow_factory, live)
    _card_ended(uow_factory, rid, FAILED)  # not_in_channel: the admins were told to invite Rapport
    _route(uow_factory, live, NOW + timedelta(minutes=1))
    with uow_factory(ALPHA) as uow:
        again = uow.outbox.by_key(f"request:{rid}:card:2")
    assert again is not None and again.due_at == NOW + timedelta(hours=1, minutes=1)


def test_a_request_taken_or_withdrawn_before_its_card_was_posted_is_not_carded_again(
        uow_factory: UnitOfWorkFactory, tmp_path: Path) -> None:
    live = _live(tmp_path)
    taken, withdrawn = _logged(uow_factory, NOW), _logged(uow_factory, NOW, account="南港银行")
    _route(uow_factory, live)
    _card_ended(uow_factory, taken, DROPPED)
    _card_ended(uow_factory, withdrawn, DROPPED)
    with uow_factory(ALPHA) as uow:
        assert uow.requests.accept(taken, by=ENG1, now=NOW)
        assert uow.requests.withdraw(withdrawn, by=REP, now=NOW)
        uow.commit()
    _route(uow_factory, live, NOW + timedelta(minutes=1))
    assert [key for kind, _to, key, state in _outbox(uow_factory) if kind == REQUEST_CARD and state == "pending"] == []


OAUTH_RULES = f'workspace = "{ALPHA}"\n' + RULES


def test_with_oauth_the_rules_serve_the_workspace_they_name_and_another_routes_to_a_default_queue_without_a_channel(
        uow_factory: UnitOfWorkFactory, tmp_path: Path) -> None:
    live = _live(tmp_path, OAUTH_RULES, oauth=True)
    in_alpha, in_beta = _logged(uow_factory, NOW, ALPHA), _logged(uow_factory, NOW, BETA)
    assert _route(uow_factory, live) == 2
    with uow_factory(ALPHA) as uow:
        alpha = uow.requests.get(in_alpha)
    with uow_factory(BETA) as uow:
        beta = uow.requests.get(in_beta)
    assert alpha is not None and (alpha.queue, alpha.assignee_slack_id) == ("core", ENG1)
    assert beta is not None and (beta.queue, beta.assignee_slack_id) == ("default", None)
    assert [(kind, to) for kind, to, _key, _state in _outbox(uow_factory, BETA)] == [(REQUEST_OPENED, REP)]
    plan_request_sla(sessions=uow_factory.sessions, now=NOW + timedelta(hours=2), rules=live.for_workspace)
    assert [to for kind, to, _key, _state in _outbox(uow_factory, ALPHA) if kind == REQUEST_SLA] == [LEAD]
    assert [kind for kind, _to, _key, _state in _outbox(uow_factory, BETA) if kind == REQUEST_SLA] == []


def test_with_oauth_a_bad_edit_is_told_to_the_admins_of_the_workspace_the_rules_serve_only(
        uow_factory: UnitOfWorkFactory, tmp_path: Path) -> None:
    live = _live(tmp_path, OAUTH_RULES, oauth=True)
    _logged(uow_factory, NOW, ALPHA)
    _logged(uow_factory, NOW, BETA)
    path = tmp_path / "rules.toml"
    path.write_text(OAUTH_RULES.replace('queue = "core"', 'queue = "croe"'), encoding="utf-8")
    stamp = path.stat().st_mtime + 10
    os.utime(path, (stamp, stamp))
    _route(uow_factory, live)
    told = [(to, kind) for kind, to, _key, _state in _outbox(uow_factory, ALPHA) if kind == "rules_refused"]
    assert told == [(ADMIN, "rules_refused")]
    assert [kind for kind, _to, _key, _state in _outbox(uow_factory, BETA) if kind == "rules_refused"] == []


def test_with_one_bot_token_a_file_naming_no_workspace_serves_the_one_there_is(
        uow_factory: UnitOfWorkFactory, tmp_path: Path) -> None:
    live = _live(tmp_path)
    rid = _logged(uow_factory, NOW, BETA)
    _route(uow_factory, live)
    with uow_factory(BETA) as uow:
        routed = uow.requests.get(rid)
    assert routed is not None and routed.queue == "core"
