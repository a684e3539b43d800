"""`/rapport pipeline team` for a manager of 50 reps with 10,000 deals, against one raw GROUP BY query.

The deals carry what health reads: control points, chains of up to five of the account's six people
(the first the decision maker four times in five), the people's last touches spread over five
months, pitched touches and pitch deliveries; the floor reads none of it."""

from __future__ import annotations

import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, Engine, insert, text

from domain.entities import User
from domain.graph.chain import ROLES
from domain.pipeline import STAGES
from services.pipeline import pipeline
from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from storage.rows import AccountRow, AuditRow, ContactRow, InteractionContactRow, InteractionRow, UserRow
from storage.rows_pipeline import ChainMemberRow, ControlPointRow, DealRow, PitchDeliveryRow
from storage.uow import UnitOfWorkFactory

WORKSPACE, MANAGER = "T0BENCH05", "U0BENCHMGR"
GOAL_MS = 300.0
FLOOR = ("SELECT stage, currency, count(*), sum(amount) FROM deals WHERE workspace_id = :w AND outcome IS NULL "
         "AND owner_slack_id IN (SELECT slack_user_id FROM users WHERE workspace_id = :w AND manager_slack_id = :m) "
         "GROUP BY stage, currency")

PEOPLE = 6  # contacts per account
TRUST = ("acquainted", "familiar", "trusted", "confident", "interdependent")


def seed(engine: Engine, *, reps: int = 50, deals: int = 10_000, accounts: int = 500) -> None:
    """The manager, their reps, accounts, deals (a tenth closed), what health reads and a week of audit, with
    plain SQL inserts."""
    rnd, now = random.Random(5), datetime.now(UTC)
    team = [f"U0BREP{i:04d}" for i in range(reps)]
    with engine.begin() as conn:
        conn.execute(insert(UserRow), [
            {"workspace_id": WORKSPACE, "slack_user_id": who, "role": role, "manager_slack_id": boss}
            for who, role, boss in [(MANAGER, "manager", None), *((r, "rep", MANAGER) for r in team)]])
        conn.execute(insert(AccountRow), [{"id": i + 1, "workspace_id": WORKSPACE, "name": f"客户{i:04d}", "aliases": [],
                                           "team": [], "owner_slack_id": team[i % reps], "created_at": now}
                                          for i in range(accounts)])
        conn.execute(insert(DealRow), [_deal(rnd, i, team, accounts, now) for i in range(deals)])
        conn.execute(insert(ControlPointRow), [
            {"workspace_id": WORKSPACE, "deal_id": i + 1, "key": "budget_input", "updated_at": now,
             "state": rnd.choice(("secured", "at_risk", "lost", "unknown"))} for i in range(0, deals, 2)])
        conn.execute(insert(AuditRow), [
            {"workspace_id": WORKSPACE, "actor_slack_id": team[0], "at": now - timedelta(hours=rnd.randrange(24 * 14)),
             "entity": "deal", "entity_id": rnd.randrange(deals) + 1, "action": "update",
             "after": {"stage": rnd.choice(STAGES)}} for _ in range(2_000)])
        _health_facts(conn, rnd, now, deals, accounts)


def _health_facts(conn: Connection, rnd: random.Random, now: datetime, deals: int, accounts: int) -> None:
    """Contacts with their touch dates, chains, pitched touches and pitch deliveries."""
    conn.execute(insert(ContactRow), [_contact(rnd, i, now) for i in range(accounts * PEOPLE)])
    at = {row.id: row.account_id for row in conn.execute(text("SELECT id, account_id FROM deals"))}
    members = [m for deal_id in range(1, deals + 1) for m in _chain(rnd, deal_id, at[deal_id])]
    conn.execute(insert(ChainMemberRow), members)
    conn.execute(insert(InteractionRow), [
        {"id": i + 1, "workspace_id": WORKSPACE, "rep_slack_id": MANAGER, "deal_id": (d := rnd.randrange(deals) + 1),
         "account_id": at[d], "occurred_on": (now - timedelta(days=rnd.randrange(150))).date(), "channel": "visit",
         "summary": "", "pitched": ["降低30%运维成本"] if i % 2 else [], "created_at": now} for i in range(5_000)])
    conn.execute(insert(InteractionContactRow), [
        {"interaction_id": i + 1, "contact_id": (at_account - 1) * PEOPLE + rnd.randrange(PEOPLE) + 1, "present": True}
        for i, at_account in enumerate(conn.execute(text("SELECT account_id FROM interactions ORDER BY id")).scalars())])
    heard = rnd.sample(members, 2_000)
    conn.execute(insert(PitchDeliveryRow), [
        {"workspace_id": WORKSPACE, "point": "降低30%运维成本", "contact_id": m["contact_id"], "deal_id": m["deal_id"],
         "channel": "visit", "delivered_at": now} for m in heard])


def _contact(rnd: random.Random, i: int, now: datetime) -> dict[str, object]:
    last = None if rnd.random() < 0.1 else (now - timedelta(days=rnd.randrange(150))).date()
    return {"id": i + 1, "workspace_id": WORKSPACE, "account_id": i // PEOPLE + 1, "name": f"联系人{i:05d}",
            "aliases": [], "importance": rnd.randrange(1, 6), "trust_stage": rnd.choice(TRUST),
            "cadence_days": 30 if rnd.random() < 0.1 else None, "behaviour_tags": [], "contact_details": {},
            "created_at": now, "updated_at": now, "last_touch_on": last}


def _chain(rnd: random.Random, deal_id: int, account_id: int) -> list[dict[str, object]]:
    """Up to five of the account's people; the first is the decision maker four times in five."""
    people = rnd.sample(range(PEOPLE), rnd.randrange(6))
    roles = [ROLES[0] if n == 0 and rnd.random() < 0.8 else rnd.choice(ROLES[1:]) for n in range(len(people))]
    return [{"workspace_id": WORKSPACE, "deal_id": deal_id, "contact_id": (account_id - 1) * PEOPLE + p + 1,
             "role": role, "influence": 3, "stance": "unknown"} for p, role in zip(people, roles, strict=True)]


def _deal(rnd: random.Random, i: int, team: list[str], accounts: int, now: datetime) -> dict[str, object]:
    closed = rnd.random() < 0.1
    return {"id": i + 1, "workspace_id": WORKSPACE, "account_id": rnd.randrange(accounts) + 1, "name": f"商机{i:05d}",
            "amount": rnd.randrange(10, 5_000) * 1000, "currency": rnd.choice(("CNY", "CNY", "CNY", "USD")),
            "stage": "closed_won" if closed else rnd.choice(STAGES), "outcome": "won" if closed else None,
            "owner_slack_id": team[i % len(team)], "competitors": [], "evaluation_criteria": [], "custom": {},
            "created_at": now, "updated_at": now}


def run(folder: Path, repeats: int = 15) -> dict[str, float]:
    """Time the service call and the raw GROUP BY floor, each a median of `repeats`."""
    url = f"sqlite:///{folder / 'pipeline.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    seed(engine)
    uows, manager = UnitOfWorkFactory(session_factory(engine)), User(MANAGER, role="manager")
    service_ms, sql_ms = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        view = pipeline(uow=uows(WORKSPACE), user=manager, rep_slack_id=None, team=True, now=datetime.now(UTC))
        service_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        with engine.connect() as conn:
            conn.execute(text(FLOOR), {"w": WORKSPACE, "m": MANAGER}).all()
        sql_ms.append((time.perf_counter() - started) * 1000)
    assert sum(line.count for line in view.stages) > 8_000, "the bench reads the whole team's open deals"
    assert any(r.code == "decision_makers_cold" for a in view.at_risk for r in a.health.reasons), "touches are read"
    return {"deals": 10_000.0, "pipeline_median_ms": statistics.median(service_ms), "pipeline_max_ms": max(service_ms),
            "raw_sql_median_ms": statistics.median(sql_ms),
            "ratio_to_sql": statistics.median(service_ms) / statistics.median(sql_ms)}
