"""The account card over a store of 10,000 contacts and 100,000 interactions, against a raw SQL floor."""

from __future__ import annotations

import statistics
import time
from datetime import date
from pathlib import Path

from sqlalchemy import text

from bench.seed_bulk import seed
from domain.entities import User
from services.accounts import account_overview
from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from storage.uow import UnitOfWorkFactory

WORKSPACE = "T0BENCH02"
GOAL_MS = 200.0


def run(folder: Path, accounts: int = 40) -> dict[str, float]:
    """Time `/rapport account` for many accounts as an admin, and the floor: counting their touches in SQL."""
    url = f"sqlite:///{folder / 'cards.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    seed(engine, WORKSPACE)
    uows, admin = UnitOfWorkFactory(session_factory(engine)), User("U0BENCHADM", role="admin")
    card_ms, sql_ms = [], []
    for n in range(accounts):
        started = time.perf_counter()
        account_overview(uow=uows(WORKSPACE), user=admin, query=f"客户{n:04d}", today=date.today())
        card_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM interactions WHERE workspace_id = :w AND account_id = :a"),
                         {"w": WORKSPACE, "a": n + 1}).scalar()
        sql_ms.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(card_ms, n=20)[18]
    return {"accounts": float(accounts), "account_card_median_ms": statistics.median(card_ms),
            "account_card_p95_ms": p95, "raw_sql_median_ms": statistics.median(sql_ms),
            "ratio_to_sql": statistics.median(card_ms) / statistics.median(sql_ms)}
