"""Every Monday morning the worker posts the team's best pitches to the channel the admin chose, once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.settings import Settings
from bot.worker import worker_tick
from sandbox.local import TEAM, LocalRapport
from sandbox.render import render_message
from services.clock import MovableClock
from tests.e2e.conftest import REP, START, answer
from tests.pitch_history import INTEGRATION, TCO, add_pitch, close_deals, lose_deals

WINS, OTHER = "C0WINS0001", "C0OTHER001"
ADMIN = "U0ADMIN001"
MONDAY_0831 = datetime(2026, 12, 14, 0, 31, tzinfo=UTC)  # 08:31 in Shanghai, ISO week 51
MONDAY_0845 = datetime(2026, 12, 14, 0, 45, tzinfo=UTC)
SUNDAY_0831 = datetime(2026, 12, 13, 0, 31, tzinfo=UTC)


def _history(local: LocalRapport) -> None:
    """Two pitches with a record: one won 8 of 10 deals, one 2 of 2, in a team that wins a third of its deals."""
    with local.uow_factory(TEAM) as uow:
        tco, integration = add_pitch(uow, TCO, START), add_pitch(uow, INTEGRATION, START)
        close_deals(uow, tco, won=8, lost=2, role="economic_buyer", industry="银行", now=START, tag="a")
        close_deals(uow, integration, won=2, lost=0, role="technical_buyer", industry="保险", now=START, tag="b")
        lose_deals(uow, 18, now=START)
        uow.commit()


def _settings(local: LocalRapport, channel: str | None) -> Settings:
    """The bot's settings with RAPPORT_PITCH_CHANNEL set (or unset) as the worker reads them."""
    return local.runtime.settings.model_copy(update={"rapport_pitch_channel": channel})


def _tick(local: LocalRapport, at: datetime, channel: str | None = WINS) -> None:
    """One tick of a freshly started real worker as of `at`."""
    worker_tick(_settings(local, channel), local.runtime.engine, local.uow_factory.sessions, clock=MovableClock(at))()


def _channel_posts(local: LocalRapport) -> list[dict[str, Any]]:
    """Every message the bot posted outside a DM, by the calls it made."""
    return [c.params for c in local.standin.calls_to("chat.postMessage")
            if not str(c.params.get("channel", "")).startswith(("D", "U"))]


def _shares(local: LocalRapport) -> int:
    """This week's shares in the outbox, whatever their state."""
    with local.uow_factory(TEAM) as uow:
        return 0 if uow.outbox.by_key(f"pitchshare:2026-W51:{WINS}") is None else 1


def test_monday_morning_posts_one_share_to_the_configured_channel_with_the_top_pitch_first(
        local: LocalRapport) -> None:
    _history(local)
    _tick(local, MONDAY_0831)
    (share,) = local.standin.messages(WINS)
    text = render_message(share).text
    assert "每周赢单主张 · 2026-W51" in text
    assert text.index("1. 三年省三成 · 赢单 8/10 个项目 · 67%") < text.index("2. 两周接入核心系统 · 赢单 2/2 个项目 · 56%")
    assert "最佳要点" in text and "最佳模板：三年省三成" in text
    assert share["text"] == "每周赢单主张 · 2026-W51：领先的是 三年省三成，赢单 8/10 个项目 · 67%（平滑后）"


def test_a_second_tick_and_a_second_worker_post_no_second_share(local: LocalRapport) -> None:
    _history(local)
    first = worker_tick(_settings(local, WINS), local.runtime.engine, local.uow_factory.sessions,
                        clock=MovableClock(MONDAY_0831))
    first()
    first()
    _tick(local, MONDAY_0845)  # another worker, or this one restarted
    assert len(local.standin.messages(WINS)) == 1 and len(_channel_posts(local)) == 1


def test_no_channel_configured_posts_nothing_on_monday(local: LocalRapport) -> None:
    _history(local)
    _tick(local, MONDAY_0831, channel=None)
    assert _channel_posts(local) == [] and _shares(local) == 0


def test_sunday_morning_posts_no_share(local: LocalRapport) -> None:
    _history(local)
    _tick(local, SUNDAY_0831)
    assert _channel_posts(local) == []


def test_a_team_whose_closed_deals_heard_no_pitch_is_told_so_in_one_line(local: LocalRapport) -> None:
    with local.uow_factory(TEAM) as uow:
        add_pitch(uow, TCO, START)
        lose_deals(uow, 3, now=START)
        uow.commit()
    _tick(local, MONDAY_0831)
    (share,) = local.standin.messages(WINS)
    assert len(share["blocks"]) == 1
    assert render_message(share).text.startswith("每周赢单主张 · 2026-W51：已结束的项目还没有听过主张库里的主张")


def test_a_rep_who_tries_to_choose_the_channel_is_refused_in_words_and_nothing_changes(local: LocalRapport) -> None:
    _history(local)
    said = answer(local, REP, f"pitch channel <#{OTHER}|wins>")
    assert "只有 Rapport 管理员" in said and "未做任何更改" in said
    _tick(local, MONDAY_0831)
    assert local.standin.messages(OTHER) == [] and len(local.standin.messages(WINS)) == 1


def test_an_admin_chooses_the_channel_in_slack_and_monday_s_share_goes_there_not_to_the_default(
        local: LocalRapport) -> None:
    local.standin.add_user(ADMIN, "boss", "王总", tz="Asia/Shanghai", locale="zh-CN", is_admin=True)
    _history(local)
    said = answer(local, ADMIN, f"pitch channel <#{OTHER}|sales-wins>")
    assert said == f"每周赢单主张将于每周一 08:30（Asia/Shanghai）发到 #{OTHER}。"
    (announced,) = local.standin.messages(OTHER)
    assert f"<@{ADMIN}> 选定本频道" in announced["text"]
    assert f"发到 #{OTHER}" in answer(local, REP, "pitch channel"), "anyone may ask where the share goes"
    _tick(local, MONDAY_0831)
    assert len(local.standin.messages(OTHER)) == 2 and local.standin.messages(WINS) == []
    assert "1. 三年省三成" in render_message(local.standin.messages(OTHER)[-1]).text


def test_an_admin_who_turns_the_share_off_overrides_the_default_channel(local: LocalRapport) -> None:
    local.standin.add_user(ADMIN, "boss", "王总", tz="Asia/Shanghai", locale="zh-CN", is_admin=True)
    _history(local)
    assert "每周赢单主张已关闭" in answer(local, ADMIN, "pitch channel off")
    _tick(local, MONDAY_0831)
    assert _channel_posts(local) == []


def test_a_channel_rapport_cannot_post_in_is_refused_and_not_kept(local: LocalRapport) -> None:
    local.standin.add_user(ADMIN, "boss", "王总", tz="Asia/Shanghai", locale="zh-CN", is_admin=True)
    _history(local)
    local.standin.fail_next("chat.postMessage", status=200, error="not_in_channel")
    said = answer(local, ADMIN, f"pitch channel <#{OTHER}|secret>")
    assert f"我无法在 #{OTHER} 发消息（not_in_channel）" in said and "/invite @Rapport" in said
    _tick(local, MONDAY_0831)
    assert local.standin.messages(OTHER) == [] and len(local.standin.messages(WINS)) == 1


def test_an_admin_who_moves_the_share_on_monday_after_a_failed_post_gets_that_weeks_share_in_the_new_channel(
        local: LocalRapport) -> None:
    local.standin.add_user(ADMIN, "boss", "王总", tz="Asia/Shanghai", locale="zh-CN", is_admin=True)
    _history(local)
    local.standin.fail_next("chat.postMessage", status=503, times=3)  # Slack down at 08:31: the share waits
    _tick(local, MONDAY_0831)
    assert local.standin.messages(WINS) == []
    local.standin.api.clear_failures()  # Slack is back
    answer(local, ADMIN, f"pitch channel <#{OTHER}|sales-wins>")  # 08:4x: the admin moves it meanwhile
    _tick(local, datetime(2026, 12, 14, 1, 30, tzinfo=UTC))
    posts = local.standin.messages(OTHER)
    assert len(posts) == 2 and "每周赢单主张 · 2026-W51" in render_message(posts[-1]).text  # the announcement, the share
    assert local.standin.messages(WINS) == []
