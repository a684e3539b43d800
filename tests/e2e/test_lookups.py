"""/rapport account answers with the account card, to people allowed to see it and no one else."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.entities import Contact, SourceMessage, User
from sandbox.local import TEAM, LocalRapport
from sandbox.render import render_message
from services.clock import MovableClock
from tests.e2e.conftest import EN_REP, REP, answer

MANAGER, STRANGER = "U0MGR0001", "U0STRANGE"
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _seed(local: LocalRapport) -> None:
    local.standin.add_user(MANAGER, "boss", "王经理", locale="zh-CN")
    local.standin.add_user(STRANGER, "other", "路人", locale="zh-CN")
    with local.uow_factory(TEAM) as uow:
        uow.users.save(User(MANAGER, "王经理", role="manager"))
        uow.users.save(User(REP, "林晓", manager_slack_id=MANAGER))
        bank = uow.accounts.add(name="北辰银行", now=NOW, owner_slack_id=REP, aliases=("Beichen Bank",))
        li = uow.contacts.add(Contact(0, "李娜", account_id=bank.id, title="CTO", importance=5, closeness=3,
                                      stance="opponent"), now=NOW)
        uow.contacts.add(Contact(0, "张伟", account_id=bank.id, title="总经理", importance=4, stance="supporter"),
                         now=NOW)
        uow.interactions.add(rep_slack_id=REP, occurred_on=date(2026, 11, 28), channel="meal", summary="…",
                             now=NOW, account_id=bank.id, contacts={li.id: True}, pitched=(),
                             source=SourceMessage(None, None))
        uow.commit()


def test_the_owner_gets_the_account_card_by_part_of_its_name(local: LocalRapport) -> None:
    _seed(local)
    card = answer(local, REP, "account 北辰")
    assert "北辰银行" in card and "关键人物" in card
    assert card.index("李娜") < card.index("张伟"), "the most important person first"
    assert "最近接触 2026-11-28" in card and "反对 1" in card


def test_a_manager_sees_their_reports_account_and_a_stranger_sees_nothing(local: LocalRapport) -> None:
    _seed(local)
    assert "关键人物" in answer(local, MANAGER, "account Beichen Bank")
    refused = answer(local, STRANGER, "account 北辰银行")
    assert "没有找到" in refused and "李娜" not in refused


def test_an_english_rep_on_no_team_is_told_so_in_english(local: LocalRapport) -> None:
    _seed(local)
    assert "found no account" in answer(local, EN_REP, "account Beichen")


def test_person_lookup_by_pinyin_shows_the_profile_and_edit_profile_saves_audited(local: LocalRapport) -> None:
    _seed(local)
    card = answer(local, REP, "person li na")
    assert "李娜" in card and "CTO" in card and "反对" in card
    channel = local.standin.dm_channel(REP)
    message = local.standin.ephemerals(channel, REP)[-1]
    edit = next(e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"])
    local.slack.block_action(REP, edit["action_id"], edit["value"], channel=channel, block_id="person_actions",
                             message=None, ephemeral=True)
    view = local.standin.wait_for(lambda: local.standin.views(REP)[-1:] or None, timeout=15)[0]
    from sandbox.payloads import initial_values

    values = initial_values(view)
    values["profile:stance"]["value"]["selected_option"] = {"value": "neutral"}
    values["profile:closeness"]["value"]["selected_option"] = {"value": "4"}
    local.slack.view_submission(REP, view, values)
    saved = local.standin.wait_for(lambda: next((m for m in local.standin.messages(channel)
                                                 if "已保存 李娜" in (m.get("text") or "")), None), timeout=15)
    shown = render_message(saved).text
    assert "中立" in shown
    assert "最近的变更" in shown and "亲密度 3 → 4" in shown, "the card tells who changed what"
    from sqlalchemy import select

    from storage.rows import AuditRow, ContactRow
    with local.runtime.engine.connect() as conn:
        assert conn.execute(select(ContactRow.stance, ContactRow.closeness).where(ContactRow.name == "李娜")).one() \
            == ("neutral", 4)
        entry = conn.execute(select(AuditRow).where(AuditRow.entity == "contact", AuditRow.action == "update")).one()
    assert entry.actor_slack_id == REP and entry.before == {"stance": "opponent", "closeness": 3}


def test_two_people_with_one_name_are_listed_not_guessed(local: LocalRapport) -> None:
    _seed(local)
    with local.uow_factory(TEAM) as uow:
        bank = uow.accounts.find("北辰银行")
        assert bank is not None
        uow.contacts.add(Contact(0, "李娜", account_id=bank.id, title="采购经理"), now=NOW)
        uow.commit()
    reply = answer(local, REP, "person 李娜")
    assert "匹配到多个" in reply and "CTO" in reply and "采购经理" in reply


def test_an_admin_makes_a_manager_who_then_sees_their_reports_accounts(local: LocalRapport) -> None:
    _seed(local)
    admin = "U0ADMIN01"
    local.standin.add_user(admin, "admin", "管理员", is_admin=True)
    newcomer = "U0MGR0002"
    local.standin.add_user(newcomer, "new.boss", "新经理")
    assert "没有找到" in answer(local, newcomer, "account 北辰银行")
    assert "只有 Rapport 管理员" in answer(local, REP, f"role <@{newcomer}|new.boss> manager")
    assert "manager" in answer(local, admin, f"role <@{newcomer}|new.boss> manager")
    assert "汇报" in answer(local, admin, f"manager <@{REP}|lin.xiao> <@{newcomer}|new.boss>")
    assert "关键人物" in answer(local, newcomer, "account 北辰银行")


def test_graph_and_chain_upload_pictures_to_the_askers_dm(local: LocalRapport) -> None:
    _seed(local)
    from domain.entities import ChainMember, Deal

    with local.uow_factory(TEAM) as uow:
        bank = uow.accounts.find("北辰银行")
        assert bank is not None
        deal = uow.deals.add(Deal(0, "核心系统分布式改造", bank.id), now=NOW)
        li = next(c for c in uow.contacts.all(bank.id) if c.name == "李娜")
        uow.chain_members.add(ChainMember(0, deal.id, li.id, "technical_buyer"))
        uow.commit()
    local.slack.slash_command(REP, "graph 北辰银行")
    local.slack.slash_command(REP, "chain 核心系统")
    files = local.standin.wait_for(lambda: local.standin.files if len(local.standin.files) >= 2 else None, timeout=60)
    assert sorted(f.title for f in files) == ["北辰银行", "核心系统分布式改造"]
    for f in files:
        data = f.path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert "没有找到" in answer(local, STRANGER, "graph 北辰银行")


def _bank_with_a_deal(local: LocalRapport) -> None:
    """李娜 (supporter, close) knows 孟行长, the decision maker nobody near backs us with."""
    _seed(local)
    from domain.entities import ChainMember, Deal

    with local.uow_factory(TEAM) as uow:
        bank = uow.accounts.find("北辰银行")
        assert bank is not None
        people = {c.name: c for c in uow.contacts.all(bank.id)}
        from dataclasses import replace

        uow.contacts.update(replace(people["李娜"], stance="supporter", closeness=4), now=NOW)
        boss = uow.contacts.add(Contact(0, "孟行长", account_id=bank.id, title="行长", importance=5), now=NOW)
        uow.contact_links.add(from_id=people["李娜"].id, kind="knows", to_id=boss.id, now=NOW, source=None)
        deal = uow.deals.add(Deal(0, "核心系统分布式改造", bank.id, amount=12_000_000, currency="CNY"), now=NOW)
        uow.chain_members.add(ChainMember(0, deal.id, boss.id, "decision_maker"))
        uow.commit()


def test_plan_says_who_to_meet_why_and_through_whom(local: LocalRapport) -> None:
    _bank_with_a_deal(local)
    plan = answer(local, REP, "plan 北辰银行")
    first = next(line for line in plan.splitlines() if line.startswith("1."))
    assert "孟行长" in first and "李娜" in first and "引荐" in first


def test_path_shows_the_way_in_hop_by_hop(local: LocalRapport) -> None:
    _bank_with_a_deal(local)
    path = answer(local, REP, "path 孟行长")
    assert "李娜 → 孟行长" in path and "认识" in path


def test_log_it_on_a_plan_action_opens_a_prefilled_log_that_becomes_a_card(local: LocalRapport) -> None:
    _bank_with_a_deal(local)
    answer(local, REP, "plan 北辰银行")
    channel = local.standin.dm_channel(REP)
    plan = local.standin.ephemerals(channel, REP)[-1]
    first = next(b for b in plan["blocks"] if b.get("accessory", {}).get("action_id", "").startswith("plan_log:"))
    local.slack.block_action(REP, first["accessory"]["action_id"], first["accessory"]["value"], channel=channel,
                             block_id=first.get("block_id") or "plan", ephemeral=True)
    view = local.standin.wait_for(lambda: local.standin.views(REP)[-1:] or None, timeout=15)[0]
    from sandbox.payloads import initial_values

    values = initial_values(view)
    block = next(iter(values))
    action = next(iter(values[block]))
    assert values[block][action]["value"].startswith("今天拜访了北辰银行的孟行长")
    values[block][action]["value"] += "他对我们的方案很感兴趣。"
    local.slack.view_submission(REP, view, values)
    card = local.standin.wait_for(lambda: next((m for m in local.standin.messages(channel)
                                                if "会议记录" in (m.get("text") or "")), None), timeout=15)
    assert "孟行长" in render_message(card).text


def _met(local: LocalRapport, name: str, *touches: tuple[date, str], importance: int = 3) -> None:
    """A new person at 北辰银行, met on each (day, channel) one to one."""
    with local.uow_factory(TEAM) as uow:
        bank = uow.accounts.find("北辰银行")
        assert bank is not None
        person = uow.contacts.add(Contact(0, name, account_id=bank.id, importance=importance), now=NOW)
        for day, channel in touches:
            uow.interactions.add(rep_slack_id=REP, occurred_on=day, channel=channel, summary="…", now=NOW,
                                 account_id=bank.id, contacts={person.id: True}, pitched=(),
                                 source=SourceMessage(None, None))
        uow.commit()


def _score(card: str, dimension: str) -> int:
    """The number at the end of a trust bar on the card."""
    return int(next(line for line in card.splitlines() if line.startswith(f"{dimension} ")).rsplit(" ", 1)[1])


def test_a_contact_met_often_lately_shows_fuller_trust_bars_than_one_met_once_a_year_ago(local: LocalRapport) -> None:
    _seed(local)
    _met(local, "王强", (date(2026, 11, 12), "meeting"), (date(2026, 11, 24), "meeting"),
         (date(2026, 12, 2), "meeting"), (date(2026, 12, 7), "meal"))
    _met(local, "赵敏", (date(2025, 12, 1), "meeting"))
    wang, zhao = answer(local, REP, "person 王强"), answer(local, REP, "person 赵敏")
    assert "接触频度 ▓▓▓▓▓▓▓▓▓▓ 100" in wang and "接触频度 ░░░░░░░░░░ 0" in zhao
    assert _score(wang, "交往深度") > _score(zhao, "交往深度")
    assert _score(zhao, "交往年限") > _score(wang, "交往年限"), "a year-old acquaintance is the longer one"
    assert "建议阶段：熟悉（供应商），档案中记录的仍是认识" in wang
    assert "建议阶段：认识（供应商）" in zhao and "档案中记录" not in zhao
    assert "最薄弱的一环：专业度。建议邀请对方参加专家交流，或参观标杆客户。" in wang
    assert "最薄弱的一环：接触频度。" in zhao


def test_todays_lunch_counts_on_the_reps_own_date_while_it_is_still_yesterday_in_utc(
        local: LocalRapport, clock: MovableClock) -> None:
    _seed(local)
    clock.set(datetime(2026, 12, 8, 17, 0, tzinfo=UTC))  # 01:00 on 9 December in Shanghai
    _met(local, "王强", (date(2026, 12, 9), "meal"), importance=1)
    assert "交往深度 ▓▓▓▓▓▓▓▓▓▓ 100" in answer(local, REP, "person 王强")


def test_frequency_is_measured_against_the_rhythm_the_rep_set_for_the_contact(local: LocalRapport) -> None:
    _seed(local)
    _met(local, "王强", (date(2026, 11, 30), "call"))
    assert "接触频度 ▓▓▓░░░░░░░ 33" in answer(local, REP, "person 王强"), "one touch on the default 30-day rhythm"
    from sqlalchemy import update

    from storage.rows import ContactRow
    with local.runtime.engine.begin() as conn:
        conn.execute(update(ContactRow).where(ContactRow.name == "王强").values(cadence_days=90))
    assert "接触频度 ▓▓▓▓▓▓▓▓▓▓ 100" in answer(local, REP, "person 王强"), "one touch a quarter is enough"
