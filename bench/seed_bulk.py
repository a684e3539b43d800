"""A large store fast: 10,000 contacts and 100,000 interactions inserted with plain SQL inserts."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, insert

from domain.resolution import search_keys
from storage.rows import AccountRow, ContactKeyRow, ContactRow, InteractionContactRow, InteractionRow

CHANNELS = ("meeting", "call", "online_meeting", "message", "email", "meal", "event", "site_visit")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红"


def seed(engine: Engine, workspace: str, *, contacts: int = 10_000, interactions: int = 100_000,
         accounts: int = 200, rep: str = "U0BENCHREP") -> None:
    """Fill the store; deterministic, so runs compare."""
    rnd = random.Random(7)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(insert(AccountRow), [
            {"id": i + 1, "workspace_id": workspace, "name": f"客户{i:04d}", "aliases": [], "team": [],
             "created_at": now} for i in range(accounts)])
        names = [rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN) for _ in range(contacts)]
        conn.execute(insert(ContactRow), [
            {"id": i + 1, "workspace_id": workspace, "account_id": rnd.randrange(accounts) + 1, "name": name,
             "aliases": [], "title": "经理", "behaviour_tags": [], "contact_details": {}, "created_at": now,
             "updated_at": now} for i, name in enumerate(names)])
        conn.execute(insert(ContactKeyRow), [{"contact_id": i + 1, "key": key, "workspace_id": workspace}
                                             for i, name in enumerate(names) for key in search_keys(name)])
        start = date.today() - timedelta(days=365)
        for chunk in range(0, interactions, 10_000):
            rows = [{"id": i + 1, "workspace_id": workspace, "rep_slack_id": rep,
                     "account_id": rnd.randrange(accounts) + 1,
                     "occurred_on": start + timedelta(days=rnd.randrange(365)), "channel": rnd.choice(CHANNELS),
                     "summary": "例行沟通", "pitched": [], "created_at": now}
                    for i in range(chunk, min(chunk + 10_000, interactions))]
            conn.execute(insert(InteractionRow), rows)
            conn.execute(insert(InteractionContactRow), [
                {"interaction_id": r["id"], "contact_id": rnd.randrange(contacts) + 1, "present": True} for r in rows])
