"""`/rapport pipeline team` for a manager of 50 reps with 10,000 deals, against one raw GROUP BY query."""

from __future__ import annotations

import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert, text

from domain.entities import User
from domain.pipeline import STAGES
from services.pipeline import pipeline
from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from storage.rows import AccountRow, AuditRow, UserRow
from storage.rows_pipeline import ControlPointRow, DealRow
from storage.uow import UnitOfWorkFactory

WORKSPACE, MANAGER = "T0BENCH05", "U0BENCHMGR"
GOAL_MS = 300.0
FLOOR = ("SELECT stage, currency, count(*), sum(amount) FROM deals WHERE workspace_id = :w AND outcome IS NULL "
         "AND owner_slack_id IN (SELECT slack_user_id FROM users WHERE workspace_id = :w AND manager_slack_id = :m) "
         "GROUP BY stage, currency")

def seed(engine: Engine, *, reps: int = 50, deals: int = 10_000, accounts: int = 500) -> None:
    """The manager, their reps, accounts, deals (a tenth closed) and a week of audit, with plain SQL inserts."""
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
    return {"deals": 10_000.0, "pipeline_median_ms": statistics.median(service_ms), "pipeline_max_ms": max(service_ms),
            "raw_sql_median_ms": statistics.median(sql_ms),
            "ratio_to_sql": statistics.median(service_ms) / statistics.median(sql_ms)}
