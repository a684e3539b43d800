"""`rapport import deals.csv` as an operator runs it: a Chinese Excel deal history into the store, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from storage.db import make_engine, session_factory
from storage.export import export_workspace
from tests.integration.test_cli import rapport

HISTORY = """客户名称;项目名称;负责人;产品;行业;阶段;金额;币种;创建日期;关闭日期;结果;评标方法;竞争对手;预算来源;备注
北辰银行;核心系统升级;U0AAAAAA1;数据平台;银行;;￥120万;CNY;2025/3/1;2025/9/30;中标;综合评分;华为、浪潮;自有资金;老客户
北辰银行;数据中台二期;;数据平台;银行;;80万;CNY;2025/6/1;2025/12/1;未中标;最低价;华为;财政拨款;
瑞丰化工;MES 改造;;MES;化工;商务谈判;1,500,000;CNY;2026/1/10;;;综合评分;;自有资金;
"""


def _gbk_file(folder: Path, text: str = HISTORY) -> Path:
    path = folder / "deals.csv"
    path.write_bytes(text.encode("gbk"))
    return path


def _store(folder: Path, url: str) -> dict[str, Any]:
    """The workspace as `rapport export --json` writes it, read in this process to keep the test quick."""
    engine = make_engine(url)
    try:
        return dict(json.loads(json.dumps(export_workspace(session_factory(engine), "T1"), ensure_ascii=False)))
    finally:
        engine.dispose()


def test_a_gbk_semicolon_deal_history_goes_in_with_outcomes_custom_attributes_accounts_and_audit(
        tmp_path: Path, migrated_url: str) -> None:
    done = rapport("import", str(_gbk_file(tmp_path)), "--workspace", "T1", cwd=tmp_path, DATABASE_URL=migrated_url)
    assert done.returncode == 0, done.stderr
    assert "3 deals: 3 new, 0 updated; 1 won, 1 lost, 1 open; 2 accounts created" in done.stdout
    store = _store(tmp_path, migrated_url)
    deals = {d["name"]: d for d in store["deals"]}
    won, lost, open_ = deals["核心系统升级"], deals["数据中台二期"], deals["MES 改造"]
    assert (won["outcome"], won["stage"], won["account"], won["owner_slack_id"]) == ("won", "closed_won", "北辰银行",
                                                                                      "U0AAAAAA1")
    assert (lost["outcome"], lost["stage"], open_["outcome"], open_["stage"]) == ("lost", "closed_lost", None, "商务谈判")
    assert float(won["amount"]) == 1_200_000 and won["competitors"] == ["华为", "浪潮"]
    assert won["close_on"] == "2025-09-30" and won["created_at"].startswith("2025-03-01")
    assert won["custom"] == {"预算来源": "自有资金", "备注": "老客户", "product": "数据平台", "industry": "银行",
                             "created_on": "2025-03-01"}
    assert sorted(a["name"] for a in store["accounts"]) == ["北辰银行", "瑞丰化工"]
    audited = [(e["entity"], e["action"]) for e in store["audit_log"]]
    assert audited.count(("deal", "create")) == 3 and audited.count(("account", "create")) == 2


def test_importing_the_same_file_again_changes_nothing(tmp_path: Path, migrated_url: str) -> None:
    path = _gbk_file(tmp_path)
    rapport("import", str(path), "--workspace", "T1", cwd=tmp_path, DATABASE_URL=migrated_url)
    before = _store(tmp_path, migrated_url)
    again = rapport("import", str(path), "--workspace", "T1", cwd=tmp_path, DATABASE_URL=migrated_url)
    assert again.returncode == 0, again.stderr
    assert "3 deals: 0 new, 0 updated, 3 unchanged; 1 won, 1 lost, 1 open; 0 accounts created" in again.stdout
    after = _store(tmp_path, migrated_url)
    assert after["deals"] == before["deals"] and len(after["audit_log"]) == len(before["audit_log"])


def test_one_bad_line_exits_1_names_every_bad_line_and_writes_nothing(tmp_path: Path, migrated_url: str) -> None:
    bad = HISTORY.replace("80万", "很多").replace("瑞丰化工;MES", ";MES")
    done = rapport("import", str(_gbk_file(tmp_path, bad)), "--workspace", "T1", cwd=tmp_path,
                   DATABASE_URL=migrated_url)
    assert done.returncode == 1 and "nothing imported" in done.stderr
    assert "line 3: amount: not an amount: '很多'" in done.stderr and "line 4: no account" in done.stderr
    store = _store(tmp_path, migrated_url)
    assert store["deals"] == [] and store["accounts"] == [] and store["audit_log"] == []


def test_a_column_mapped_to_a_dash_is_dropped_and_kind_deals_is_accepted(tmp_path: Path, migrated_url: str) -> None:
    done = rapport("import", str(_gbk_file(tmp_path)), "--kind", "deals", "--map", "备注=-", "--map", "预算来源=-",
                   "--workspace", "T1", cwd=tmp_path, DATABASE_URL=migrated_url)
    assert done.returncode == 0, done.stderr
    won = next(d for d in _store(tmp_path, migrated_url)["deals"] if d["name"] == "核心系统升级")
    assert won["custom"] == {"product": "数据平台", "industry": "银行", "created_on": "2025-03-01"}
