"""The `rapport` command as other tools call it: parse, db upgrade, export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from storage.migrate import current_revision, head_revision


def rapport(*args: str, cwd: Path, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a clean environment, as an operator would."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "RAPPORT_", "DATABASE_URL"))}
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=cwd, env={**clean, **env}, input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_parse_json_prints_one_meeting_log_resolved_against_now(tmp_path: Path) -> None:
    done = rapport("parse", "--json", "--now", "2026-12-09T09:00:00+08:00", "昨天和北辰银行的李娜吃饭，她是CTO",
                   cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    log = json.loads(done.stdout)
    assert log["occurred_on"] == "2026-12-08" and log["channel"] == "meal" and log["account"] == "北辰银行"
    assert [p["name"] for p in log["people"]] == ["李娜"]


def test_parse_jsonl_answers_each_line_in_order(tmp_path: Path) -> None:
    lines = [{"id": "a", "now": "2026-12-09T09:00:00+08:00", "text": "电话联系了瑞丰化工的采购经理邓超"},
             {"id": "b", "now": "2026-12-09T09:00:00+08:00", "text": "Lunch with Lena Fischer today."}]
    done = rapport("parse", "--jsonl", "-", cwd=tmp_path, stdin="".join(json.dumps(x) + "\n" for x in lines))
    assert done.returncode == 0, done.stderr
    out = [json.loads(x) for x in done.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"] and [o["channel"] for o in out] == ["call", "meal"]


def test_db_upgrade_creates_the_store_named_by_database_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'prod.sqlite3'}"
    done = rapport("db", "upgrade", cwd=tmp_path, DATABASE_URL=url)
    assert done.returncode == 0, done.stderr
    assert current_revision(url) == head_revision()


def test_export_prints_the_workspace_with_names_spelled_out(tmp_path: Path, uow_factory, migrated_url: str) -> None:
    from datetime import UTC, datetime

    from domain.entities import Contact

    now = datetime(2026, 12, 1, tzinfo=UTC)
    with uow_factory("T0EXPORT") as uow:
        bank = uow.accounts.add(name="北辰银行", now=now)
        uow.contacts.add(Contact(0, "李娜", account_id=bank.id, title="CTO", stance="supporter"), now=now)
        uow.commit()
    done = rapport("export", "--json", "-", cwd=tmp_path, DATABASE_URL=migrated_url)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {"accounts", "contacts", "contact_links", "interactions", "deals", "chain_members",
            "resource_requests", "deliveries"} <= set(data)
    contact = data["contacts"][0]
    assert (contact["name"], contact["account"], contact["title"], contact["stance"]) == (
        "李娜", "北辰银行", "CTO", "supporter")
