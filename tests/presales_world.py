"""A workspace with presales queues: a rules file of two queues, a bank with a deal and its chain, the engineers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from domain.entities import ChainMember, Contact, Deal, ResourceRequest, User
from sandbox.local import TEAM, LocalRapport, start_local
from services.clock import MovableClock

REP = "U0REP0001"
ENG1, ENG2, ENG3 = "U0ENGEAST1", "U0ENGEAST2", "U0ENGNORTH"
LEAD, ADMIN = "U0LEADEAST", "U0ADMIN001"
EAST, NORTH, DEFAULT = "presales-east", "presales-north", "presales"

# Rule 1 sends proofs of concept north; rule 2 (at line 16) sends a bank's demos and expert talks east.
RULES = f"""\
[[queues]]
name = "east"
channel = "#{EAST}"
lead = "{LEAD}"
members = ["{ENG1}", "{ENG2}"]

[[queues]]
name = "north"
channel = "#{NORTH}"
members = ["{ENG3}"]

[[rules]]
types = ["poc"]
queue = "north"

[[rules]]
types = ["demo", "expert_talk"]
industries = ["银行", "banking"]
queue = "east"
"""


@contextmanager
def presales_rapport(database_url: str, clock: MovableClock, tmp_path: Path) -> Iterator[tuple[LocalRapport, Path]]:
    """The bot with RAPPORT_PRESALES_RULES set to a file of two queues, and the people who use it."""
    rules = tmp_path / "presales-rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    with start_local(database_url=database_url, clock=clock, files_dir=tmp_path / "files",
                     rapport_presales_rules=rules, rapport_presales_channel=f"#{DEFAULT}") as rapport:
        for who, name, real in ((REP, "lin.xiao", "林晓"), (ENG1, "zhao", "赵磊"), (ENG2, "chen", "陈静"),
                                (ENG3, "liu", "刘洋"), (LEAD, "wang", "王芳"), (ADMIN, "admin", "Admin")):
            rapport.standin.add_user(who, name, real, tz="Asia/Shanghai", locale="zh-CN")
        yield rapport, rules


def seed_bank(rapport: LocalRapport, now: datetime) -> dict[str, int]:
    """北辰银行 (a bank), its deal 核心系统改造 with 李娜 as decision maker, owned by the rep."""
    with rapport.uow_factory(TEAM) as uow:
        bank = uow.accounts.add(name="北辰银行", now=now, owner_slack_id=REP, industry="银行", region="华东")
        deal = uow.deals.add(Deal(0, "核心系统改造", bank.id, stage="proposal", owner_slack_id=REP), now=now)
        li = uow.contacts.add(Contact(0, "李娜", account_id=bank.id, title="CTO", importance=5, birthday="03-08"),
                              now=now)
        uow.chain_members.add(ChainMember(0, deal.id, li.id, "decision_maker", stance="supporter"))
        uow.users.save(User(ADMIN, "Admin", role="admin", locale="en"))
        uow.commit()
    return {"bank": bank.id, "deal": deal.id, "li": li.id}


def add_request(rapport: LocalRapport, ids: dict[str, int], now: datetime, kind: str = "demo",
                details: str = "客户想看核心系统的迁移方案") -> int:
    """A request as a confirmed log leaves it: created, not routed yet (the worker routes it)."""
    with rapport.uow_factory(TEAM) as uow:
        made = uow.resource_requests.add(ResourceRequest(0, kind, REP, None, details, ids["bank"], ids["deal"]),
                                         now=now)
        uow.commit()
    return made.id


def channel_id(rapport: LocalRapport, name: str) -> str | None:
    """The id the stand-in gave a channel the bot posted to by #name (None: nothing was posted there)."""
    return rapport.standin.workspace.read(lambda s: s.named_channels.get(name))


def channel_messages(rapport: LocalRapport, name: str) -> list[dict[str, Any]]:
    """What the bot posted in a channel it addressed by #name, oldest first."""
    found = channel_id(rapport, name)
    return rapport.standin.messages(found) if found else []
