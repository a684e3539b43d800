"""A rep keeps the team's 60-second pitches in Slack: made in a dialog, timed, found by a role word, ranked by wins."""

from __future__ import annotations

import json
from typing import Any

from sandbox.local import TEAM, LocalRapport
from sandbox.payloads import initial_values
from sandbox.render import render_message
from tests.e2e.conftest import EN_REP, REP, START, answer
from tests.pitch_history import INTEGRATION, TCO, add_pitch, close_deals, lose_deals

# 142 characters; three points of 142, 142 and 116 make 400.
_LONG = ("核心系统迁移到我们的分布式数据库以后，三年总体拥有成本平均下降百分之三十，硬件和许可费用都省下来，预算更可控，"
         "财务部门最关心的开支也一目了然，审计也方便，每一笔钱花在哪里都清清楚楚，管理层看报表的时候心里也更有底气，"
         "明年预算也好做。我们还提供七乘二十四小时的本地支持团队，两小时到场。")


def _new_dialog(local: LocalRapport, user: str = REP) -> dict[str, Any]:
    """Type `/rapport pitch new`: the create dialog that opens."""
    seen = len(local.standin.views(user))
    local.slack.slash_command(user, "pitch new")
    return local.standin.wait_for(lambda: local.standin.views(user)[seen:] or None, timeout=15)[0]


def _press(local: LocalRapport, user: str, message: dict[str, Any], action_id: str, value: str) -> dict[str, Any]:
    """Press the button with this id and value on an ephemeral answer: the dialog that opens."""
    block = next(b for b in message["blocks"] if (b.get("accessory") or {}).get("value") == value
                 and b["accessory"]["action_id"] == action_id)
    seen = len(local.standin.views(user))
    local.slack.block_action(user, action_id, value, channel=local.standin.dm_channel(user),
                             block_id=block["block_id"], message=message, ephemeral=True)
    return local.standin.wait_for(lambda: local.standin.views(user)[seen:] or None, timeout=15)[0]


def _submit(local: LocalRapport, view: dict[str, Any], user: str = REP, *, roles: tuple[str, ...] = (),
            **typed: str) -> Any:
    """Submit the dialog over signed HTTP with these fields typed (title, point_1 …, industries) and roles picked."""
    values = initial_values(view)
    for field, value in typed.items():
        values[f"pitch:{field}"]["pitch_value"]["value"] = value
    if roles:
        values["pitch:roles"]["pitch_value"]["selected_options"] = [{"value": r} for r in roles]
    return local.slack.view_submission(user, view, values)


def _saved_card(local: LocalRapport, user: str, says: str) -> str:
    channel = local.standin.dm_channel(user)
    found = local.standin.wait_for(lambda: [m for m in local.standin.messages(channel)
                                            if says in (m.get("text") or "")] or None, timeout=15)
    return render_message(found[-1]).text


def _library(local: LocalRapport) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    with local.uow_factory(TEAM) as uow:
        return [(p.title, p.points, p.roles) for p in uow.propositions.all()]


def test_a_pitch_made_in_the_dialog_is_kept_shown_with_its_seconds_and_found_by_a_role_word(
        local: LocalRapport) -> None:
    view = _new_dialog(local)
    answered = _submit(local, view, title="三年省三成", point_1="三年总体拥有成本下降30%", point_2="零停机迁移，一次割接成功",
                       industries="银行，保险", roles=("economic_buyer",))
    assert answered.status == 200 and answered.body == "", "the dialog closes"
    card = _saved_card(local, REP, "已保存价值主张：三年省三成")
    assert "三年省三成 · 约 7 秒" in card and "行业：银行, 保险" in card and "对象：经济决策者" in card
    assert _library(local) == [("三年省三成", ("三年总体拥有成本下降30%", "零停机迁移，一次割接成功"), ("economic_buyer",))]
    found = answer(local, REP, "pitch 财务")
    assert "与“财务”匹配的价值主张：1 条" in found and "1. 三年总体拥有成本下降30%" in found
    assert "没有与“CTO”匹配" in answer(local, REP, "pitch CTO")


def test_a_400_character_chinese_pitch_keeps_the_dialog_open_with_the_overrun_and_nothing_is_stored(
        local: LocalRapport) -> None:
    view = _new_dialog(local)
    refused = _submit(local, view, title="太长了", point_1=_LONG, point_2=_LONG, point_3=_LONG[:116])
    errors = refused.json()["errors"]
    assert refused.json()["response_action"] == "errors" and list(errors) == ["pitch:point_1"]
    # 400 characters, 24 of them punctuation: 376 at 4 a second and two pauses between points.
    assert errors["pitch:point_1"] == "约 35 秒超时：讲完约需 95 秒，上限 60 秒。请精简或删去一个要点。"
    assert _library(local) == []


def test_an_english_rep_edits_a_pitch_from_the_list_and_is_told_in_seconds(local: LocalRapport) -> None:
    with local.uow_factory(TEAM) as uow:
        made = add_pitch(uow, INTEGRATION, START)
        uow.commit()
    listed = answer(local, EN_REP, "pitch")
    assert "Value pitches · 1 in the library" in listed and "两周接入核心系统 · about 6 s" in listed
    message = local.standin.ephemerals(local.standin.dm_channel(EN_REP), EN_REP)[-1]
    view = _press(local, EN_REP, message, "pitch_edit", str(made.id))
    assert view["blocks"][1]["element"]["initial_value"] == "标准接口两周接入", "the dialog shows the pitch"
    assert _submit(local, view, EN_REP, point_3="We migrate with zero downtime.").status == 200
    assert "两周接入核心系统 · about 9 s" in _saved_card(local, EN_REP, "Pitch saved: 两周接入核心系统")
    assert _library(local)[0][1][-1] == "We migrate with zero downtime."


def test_the_best_list_ranks_eight_wins_of_ten_above_two_of_two_and_offers_it_as_a_template(
        local: LocalRapport) -> None:
    with local.uow_factory(TEAM) as uow:
        tco, integration = add_pitch(uow, TCO, START), add_pitch(uow, INTEGRATION, START)
        close_deals(uow, tco, won=8, lost=2, role="economic_buyer", industry="银行", now=START, tag="a")
        close_deals(uow, integration, won=2, lost=0, role="technical_buyer", industry="保险", now=START, tag="b")
        lose_deals(uow, 18, now=START)  # the team wins a third of its deals
        uow.commit()
    best = answer(local, REP, "pitch best")
    assert best.index("1. 三年省三成 · 赢单 8/10 个项目 · 67%") < best.index("2. 两周接入核心系统 · 赢单 2/2 个项目 · 56%")
    assert "最佳模板：三年省三成" in best and "团队整体赢率 33%" in best
    assert "赢单 8/10 个项目" in answer(local, REP, "pitch"), "the library shows each pitch's record"
    message = local.standin.ephemerals(local.standin.dm_channel(REP), REP)[-2]
    template = _press(local, REP, message, "pitch_template", str(tco.id))
    assert template["blocks"][0]["element"]["initial_value"] == "三年省三成"
    assert "pitch:archive" not in [b.get("block_id") for b in template["blocks"]], "a template makes a new pitch"
    assert json.loads(template["private_metadata"])["id"] is None
    assert _submit(local, template, title="三年省三成（保险版）", industries="保险").status == 200
    _saved_card(local, REP, "已保存价值主张：三年省三成（保险版）")
    assert [title for title, _, _ in _library(local)] == ["三年省三成", "两周接入核心系统", "三年省三成（保险版）"]


def test_a_pitch_archived_from_its_dialog_leaves_the_library_without_a_length_check(local: LocalRapport) -> None:
    with local.uow_factory(TEAM) as uow:
        made = add_pitch(uow, TCO, START)
        uow.commit()
    answer(local, REP, "pitch")
    message = local.standin.ephemerals(local.standin.dm_channel(REP), REP)[-1]
    view = _press(local, REP, message, "pitch_edit", str(made.id))
    values = initial_values(view)
    values["pitch:point_1"]["pitch_value"]["value"] = _LONG * 2  # too long, but it is leaving the library
    values["pitch:archive"]["pitch_value"]["selected_options"] = [{"value": "archive"}]
    assert local.slack.view_submission(REP, view, values).body == ""
    assert "已归档价值主张：三年省三成" in _saved_card(local, REP, "已归档")
    assert "主张库还是空的" in answer(local, REP, "pitch") and _library(local) == []
