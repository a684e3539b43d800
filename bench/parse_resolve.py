"""Parse + resolve one log against a store of 10,000 contacts, against a raw SQL look-up as the floor."""

from __future__ import annotations

import json
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from bench.seed_bulk import seed
from domain.understanding import warm_up
from services.log_meeting import preview_log
from services.understander import InProcess
from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from storage.uow import UnitOfWorkFactory

WORKSPACE = "T0BENCH01"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "meeting-logs.jsonl"
OWN = ("昨天和客户0001的王伟吃饭，她是CTO，李强向她汇报", "电话联系了客户0002的采购经理张敏，预算500万元",
       "Met Zhang Wei at 客户0003 yesterday; he backs our proposal")
GOAL_P95_MS = 20.0


def _texts() -> list[str]:
    shared = [json.loads(line)["text"] for line in SHARED.read_text(encoding="utf-8").splitlines()
              if line.strip()] if SHARED.exists() else []
    return [*shared, *OWN]


def _percentiles(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), statistics.quantiles(samples, n=20)[18]


def run(folder: Path, rounds: int = 8) -> dict[str, float]:
    """Time preview_log (understand + match against the store) and a raw indexed SQL query."""
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    seed(engine, WORKSPACE)
    uows, understand, now = UnitOfWorkFactory(session_factory(engine)), InProcess(), datetime.now(UTC)
    warm_up()
    log_ms, sql_ms = [], []
    for _ in range(rounds):
        for t in _texts():
            started = time.perf_counter()
            preview_log(uow=uows(WORKSPACE), text=t, now=now, understand=understand)
            log_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            with engine.connect() as conn:  # one short transaction, like a unit of work
                conn.execute(text("SELECT id FROM contacts WHERE workspace_id = :w AND account_id = :a"),
                             {"w": WORKSPACE, "a": 7}).all()
            sql_ms.append((time.perf_counter() - started) * 1000)
    (median, p95), (sql_median, sql_p95) = _percentiles(log_ms), _percentiles(sql_ms)
    return {"logs": float(len(log_ms)), "parse_resolve_median_ms": median, "parse_resolve_p95_ms": p95,
            "raw_sql_median_ms": sql_median, "raw_sql_p95_ms": sql_p95, "p95_ratio_to_sql": p95 / sql_p95}
