"""The worker's morning over 100,000 contacts with touch plans and occasions, against a raw SQL floor.

A tick's cost that grows with the store is planning: finding the due touches and occasions of
every rep whose morning has come and turning them into deliveries. It is timed here on mornings
when every rep's day falls due at once (all reps in one zone), plus the claim of what it
enqueued. Posting to Slack is left out: it grows with the messages sent, not with the store, and
Slack's rate limits pace it. The floor is one hand-written SQL query selecting the same due rows
with the columns the planner reads (who owns them, their language, due day, rhythm, birthday).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, bindparam, insert, text, update
from sqlalchemy.orm import Session, sessionmaker

from domain.mornings import morning_of, parse_morning
from domain.occasions import keys_on
from domain.outbox import CLAIMED, SENT
from sandbox.standin import SlackStandIn
from services.planner import PlanSettings, plan_mornings
from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from storage.repos_outbox import claim_due
from storage.rows import AccountRow, ContactRow, InteractionContactRow, InteractionRow, UserRow
from storage.rows_pipeline import DeliveryRow, RepMorningRow
from storage.touch_index import refresh_missing

WORKSPACE = "T0BENCHWK"
STAGES = ("acquainted", "familiar", "trusted", "confident", "interdependent")
FIRST_MORNING = date(2027, 4, 12)
GOAL_MS, GOAL_RATIO, GOAL_RSS_MB = 1000.0, 5.0, 300.0
FLOOR = text("""
SELECT id, owner_slack_id, locale, next_touch_on, cadence_days, birthday, birthday_lunar FROM contacts WHERE workspace_id = :ws AND do_not_contact = 0
  AND next_touch_on > :after AND next_touch_on <= :day
UNION ALL
SELECT id, owner_slack_id, locale, next_touch_on, cadence_days, birthday, birthday_lunar FROM contacts WHERE workspace_id = :ws AND birthday IN :spellings AND do_not_contact = 0 AND (
  (birthday_lunar = 0 AND birthday IN :solar) OR (birthday_lunar = 1 AND birthday IN :lunar))
""").bindparams(*(bindparam(name, expanding=True) for name in ("spellings", "solar", "lunar")))


def seed(engine: Engine, *, contacts: int = 100_000, reps: int = 300, accounts: int = 2_000) -> None:
    """Contacts with importance, stage, a last touch, birthdays (a fifth lunar) and locales; deterministic.

    Written with plain SQL, as an import writes them: touch dates are left for the worker to fill."""
    rnd, now = random.Random(11), datetime(2026, 1, 5, tzinfo=UTC)
    owners = [f"U0REP{n:05d}" for n in range(reps)]
    with engine.begin() as conn:
        conn.execute(insert(UserRow), [{"workspace_id": WORKSPACE, "slack_user_id": r, "name": r, "role": "rep",
                                        "tz": "Asia/Shanghai", "locale": "zh-CN"} for r in owners])
        conn.execute(insert(AccountRow), [{"id": i + 1, "workspace_id": WORKSPACE, "name": f"客户{i:05d}", "aliases": [],
                                           "team": [], "owner_slack_id": owners[i % reps], "created_at": now}
                                          for i in range(accounts)])
        rows = [_contact(rnd, i, accounts, owners, now) for i in range(contacts)]
        touches = [{"id": i + 1, "workspace_id": WORKSPACE, "rep_slack_id": owners[i % reps], "channel": "call",
                    "occurred_on": FIRST_MORNING - timedelta(days=rnd.randrange(150)), "summary": "例行沟通",
                    "pitched": [], "created_at": now} for i in range(contacts)]
        for start in range(0, contacts, 20_000):
            conn.execute(insert(ContactRow), rows[start:start + 20_000])
            conn.execute(insert(InteractionRow), touches[start:start + 20_000])
            conn.execute(insert(InteractionContactRow), [{"interaction_id": t["id"], "contact_id": t["id"], "present": True}
                                                         for t in touches[start:start + 20_000]])


def _contact(rnd: random.Random, i: int, accounts: int, owners: list[str], now: datetime) -> dict[str, object]:
    lunar = rnd.random() < 0.2
    birthday = f"{rnd.randint(1, 12):02d}-{rnd.randint(1, 29 if lunar else 28):02d}" if rnd.random() < 0.8 else None
    return {"id": i + 1, "workspace_id": WORKSPACE, "account_id": i % accounts + 1, "name": f"联系人{i}", "aliases": [],
            "title": "经理", "behaviour_tags": [], "contact_details": {}, "importance": rnd.choice((1, 2, 3, 3, 4, 5)),
            "trust_stage": rnd.choice(STAGES), "birthday": birthday, "birthday_lunar": lunar,
            "locale": "en-US" if rnd.random() < 0.1 else "zh-CN", "do_not_contact": rnd.random() < 0.01,
            "owner_slack_id": owners[i % len(owners)], "created_at": now, "updated_at": now}


def fill_touch_dates(engine: Engine) -> float:
    """The first tick after an import: every contact's touch dates computed; returns milliseconds."""
    started = time.perf_counter()
    with engine.begin() as conn:
        while refresh_missing(conn):
            pass
    return (time.perf_counter() - started) * 1000


def _floor(engine: Engine, day: date, lead_days: int) -> tuple[float, int]:
    keys = [keys_on(day + timedelta(days=n)) for n in range(lead_days + 1)]
    params = {"ws": WORKSPACE, "after": day - timedelta(days=1), "day": day,
              "solar": sorted({s for k in keys for s in k.spellings(False)}),
              "lunar": sorted({s for k in keys for s in k.spellings(True)})}
    params["spellings"] = sorted({*params["solar"], *params["lunar"]})  # type: ignore[misc]
    started = time.perf_counter()
    with engine.connect() as conn:
        found = len(conn.execute(FLOOR, params).all())
    return (time.perf_counter() - started) * 1000, found


def _claim_and_send(sessions: sessionmaker[Session], now: datetime) -> int:
    """Claim everything due, as the tick does before posting; the posting itself is stood in by marking sent."""
    claimed = 0
    with sessions() as session:
        while batch := claim_due(session, now=now, worker_id="bench", limit=50):
            claimed += len(batch)
        session.execute(update(DeliveryRow).where(DeliveryRow.state == CLAIMED).values(state=SENT))
        session.commit()
    return claimed


def _festival_mornings(engine: Engine, sessions: sessionmaker[Session], config: PlanSettings) -> list[float]:
    """The heaviest mornings: the week before Spring Festival 2027 (6 Feb; 除夕 5 Feb), when every
    Chinese-speaking contact is due a greeting for each, spread over the week."""
    with engine.begin() as conn:
        conn.execute(update(RepMorningRow).values(planned_on=date(2027, 1, 28)))
    timings = []
    for day in (date(2027, 1, 29) + timedelta(days=n) for n in range(7)):
        now = morning_of(day, "Asia/Shanghai", config.morning).astimezone(UTC) + timedelta(minutes=1)
        started = time.perf_counter()
        plan_mornings(sessions=sessions, now=now, config=config)
        timings.append((time.perf_counter() - started) * 1000)
        _claim_and_send(sessions, now)
    return timings


def run(folder: Path, mornings: int = 7) -> dict[str, float]:
    """Plan `mornings` consecutive mornings of 300 reps over 100,000 contacts; time each against the floor."""
    url = f"sqlite:///{folder / 'worker.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    seed(engine)
    filled_ms = fill_touch_dates(engine)
    sessions, config = session_factory(engine), PlanSettings(lead_days=3, morning=parse_morning("08:30"))
    plan_ms, claim_ms, floor_ms, enqueued, due_rows = [], [], [], [], []
    for n in range(mornings):
        day = FIRST_MORNING + timedelta(days=n)
        now = morning_of(day, "Asia/Shanghai", config.morning).astimezone(UTC) + timedelta(minutes=1)
        started = time.perf_counter()
        enqueued.append(plan_mornings(sessions=sessions, now=now, config=config).enqueued)
        planned = time.perf_counter()
        _claim_and_send(sessions, now)
        plan_ms.append((planned - started) * 1000)
        claim_ms.append((time.perf_counter() - planned) * 1000)
        ms, found = _floor(engine, day, config.lead_days)
        floor_ms.append(ms)
        due_rows.append(found)
    festival_ms = _festival_mornings(engine, sessions, config)
    engine.dispose()
    tick = [p + c for p, c in zip(plan_ms, claim_ms, strict=True)]
    return {"contacts": 100_000.0, "reps": 300.0, "fill_touch_dates_ms": filled_ms,
            "deliveries_per_morning": statistics.median(enqueued), "due_rows_per_morning": statistics.median(due_rows),
            "plan_median_ms": statistics.median(plan_ms), "claim_median_ms": statistics.median(claim_ms),
            "tick_median_ms": statistics.median(tick), "tick_max_ms": max(tick),
            "raw_sql_median_ms": statistics.median(floor_ms), "festival_morning_max_ms": max(festival_ms),
            "plan_ratio_to_sql": statistics.median(plan_ms) / statistics.median(floor_ms),
            "tick_ratio_to_sql": statistics.median(tick) / statistics.median(floor_ms)}


def worker_memory(folder: Path, morning: date) -> dict[str, float]:
    """`rapport worker --once` on the morning of `morning` over the store `run` left: its peak resident memory."""
    url = f"sqlite:///{folder / 'worker.sqlite3'}"
    with SlackStandIn(bot_token="xoxb-bench", team_id=WORKSPACE).start() as slack:
        for n in range(300):
            slack.add_user(f"U0REP{n:05d}", f"rep{n}", f"Rep {n}")
        now = morning_of(morning, "Asia/Shanghai", parse_morning("08:30")).astimezone(UTC) + timedelta(minutes=1)
        env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_API_URL": slack.api_url, "DATABASE_URL": url}
        started = time.perf_counter()
        worker = subprocess.Popen([sys.executable, "-m", "bot.cli", "worker", "--once", "--now", now.isoformat()],
                                  env=env, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        peak_kb = 0
        while worker.poll() is None:  # the worker's own high-water mark, read until it exits
            peak_kb = max(peak_kb, _high_water_kb(worker.pid))
            time.sleep(0.05)
        line = worker.stdout.read() if worker.stdout else ""
    if worker.returncode != 0:
        raise RuntimeError(f"rapport worker --once exited with {worker.returncode}: {line}")
    sent = int(line.split("sent ")[1].split(",")[0]) if "sent " in line else 0
    return {"worker_peak_rss_mb": peak_kb / 1024, "worker_once_s": time.perf_counter() - started,
            "worker_once_sent": float(sent)}


def _high_water_kb(pid: int) -> int:
    """VmHWM: the process's peak resident memory since it started its program. (A child's ru_maxrss would
    count the bench's own memory it was forked with, before exec.)"""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
