"""The pitch library and what wins, through the use cases on a real store."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.entities import SourceMessage, User
from services.pitch_library import (
    PitchRefused,
    archive_pitch,
    create_pitch,
    edit_pitch,
    pitch_library,
)
from services.pitch_wins import best_pitches
from storage.uow import UnitOfWorkFactory
from tests.pitch_history import INTEGRATION, TCO, add_pitch, close_deals, lose_deals

NOW = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
REP = User("U0REP0001", "林晓", locale="zh-CN")
# 142 characters; three points of 142, 142 and 116 make 400, about 100 seconds to say.
_LONG = ("核心系统迁移到我们的分布式数据库以后，三年总体拥有成本平均下降百分之三十，硬件和许可费用都省下来，预算更可控，"
         "财务部门最关心的开支也一目了然，审计也方便，每一笔钱花在哪里都清清楚楚，管理层看报表的时候心里也更有底气，"
         "明年预算也好做。我们还提供七乘二十四小时的本地支持团队，两小时到场。")


def _create(uow_factory: UnitOfWorkFactory, title: str, points: list[str], **tags: list[str]):
    return create_pitch(uow=uow_factory("T1"), user=REP, title=title, points=points, now=NOW,
                        source=SourceMessage("D1", "1.0"), **tags)


def _audits(uow_factory: UnitOfWorkFactory):
    with uow_factory("T1") as uow:
        return uow.audit.entries("proposition")


def test_a_new_pitch_is_kept_with_its_seconds_and_audited_as_created(uow_factory: UnitOfWorkFactory) -> None:
    saved = _create(uow_factory, "三年省三成", [" 三年总体拥有成本下降30% ", "零停机迁移", ""], roles=["economic_buyer"],
                    industries=["银行", " "])
    assert saved.proposition.points == ("三年总体拥有成本下降30%", "零停机迁移")
    assert 4 <= saved.seconds <= 8
    [listed] = pitch_library(uow=uow_factory("T1"))
    assert (listed.proposition.title, listed.proposition.industries, listed.seconds) == ("三年省三成", ("银行",),
                                                                                         saved.seconds)
    [entry] = _audits(uow_factory)
    assert (entry.action, entry.actor_slack_id, entry.after["title"], entry.source.channel) == (
        "create", REP.slack_user_id, "三年省三成", "D1")


def test_a_400_character_chinese_pitch_is_refused_with_its_overrun_and_nothing_is_kept(
        uow_factory: UnitOfWorkFactory) -> None:
    assert sum(len(p) for p in (_LONG, _LONG, _LONG[:116])) == 400
    with pytest.raises(PitchRefused) as refused:
        _create(uow_factory, "太长了", [_LONG, _LONG, _LONG[:116]])
    [problem] = refused.value.problems
    assert problem.code == "too_long" and 35 <= problem.over <= 50
    assert pitch_library(uow=uow_factory("T1")) == [] and _audits(uow_factory) == []


def test_an_edit_audits_only_what_changed_and_a_refused_edit_changes_nothing(uow_factory: UnitOfWorkFactory) -> None:
    made = _create(uow_factory, "三年省三成", ["成本下降30%", "零停机迁移"])
    edit_pitch(uow=uow_factory("T1"), user=REP, pitch_id=made.proposition.id, title="三年省三成",
               points=["成本下降30%", "两周上线"], roles=["economic_buyer"], now=NOW)
    with pytest.raises(PitchRefused):
        edit_pitch(uow=uow_factory("T1"), user=REP, pitch_id=made.proposition.id, title="",
                   points=["两周上线"], now=NOW)
    [kept] = pitch_library(uow=uow_factory("T1"))
    assert (kept.proposition.points, kept.proposition.roles) == (("成本下降30%", "两周上线"), ("economic_buyer",))
    update = _audits(uow_factory)[-1]
    assert (update.action, update.before, update.after) == (
        "update", {"points": ["成本下降30%", "零停机迁移"], "roles": []},
        {"points": ["成本下降30%", "两周上线"], "roles": ["economic_buyer"]})


def test_an_archived_pitch_leaves_the_library_and_its_searches(uow_factory: UnitOfWorkFactory) -> None:
    made = _create(uow_factory, "三年省三成", ["成本下降30%", "零停机迁移"])
    _create(uow_factory, "两周接入", ["标准接口两周接入", "双向同步"])
    archive_pitch(uow=uow_factory("T1"), user=REP, pitch_id=made.proposition.id, now=NOW)
    assert [p.proposition.title for p in pitch_library(uow=uow_factory("T1"))] == ["两周接入"]
    assert pitch_library(uow=uow_factory("T1"), words="成本") == []
    assert _audits(uow_factory)[-1].after == {"archived": True}


def test_a_search_finds_pitches_by_a_role_word_in_either_language_and_by_industry(
        uow_factory: UnitOfWorkFactory) -> None:
    _create(uow_factory, "三年省三成", ["成本下降30%", "预算可控"], roles=["economic_buyer"], industries=["银行"])
    _create(uow_factory, "两周接入", ["标准接口两周接入", "双向同步"], roles=["technical_buyer"])

    def found(words: str) -> list[str]:
        return [p.proposition.title for p in pitch_library(uow=uow_factory("T1"), words=words)]

    assert found("CFO") == found("财务") == found("economic buyer") == found("银行") == ["三年省三成"]
    assert found("架构师") == found("CTO") == ["两周接入"]
    assert found("保险") == []


def _history(uow_factory: UnitOfWorkFactory) -> tuple[int, int]:
    """8 of 10 banking deals won with the CFO pitch, 2 of 2 with the architect one; the team wins a third."""
    with uow_factory("T1") as uow:
        tco, integration = add_pitch(uow, TCO, NOW), add_pitch(uow, INTEGRATION, NOW)
        close_deals(uow, tco, won=8, lost=2, role="economic_buyer", industry="银行", now=NOW, tag="a")
        close_deals(uow, integration, won=2, lost=0, role="technical_buyer", industry="保险", now=NOW, tag="b")
        lose_deals(uow, 18, now=NOW)
        uow.commit()
    return tco.id, integration.id


def test_eight_wins_of_ten_rank_above_two_of_two_once_smoothed(uow_factory: UnitOfWorkFactory) -> None:
    tco, integration = _history(uow_factory)
    best = best_pitches(uow=uow_factory("T1"))
    assert [b.proposition.id for b in best.propositions] == [tco, integration]
    assert [(b.record.won, b.record.deals) for b in best.propositions] == [(8, 10), (2, 2)]
    assert best.base == pytest.approx(1 / 3) and best.closed == 30
    assert best.propositions[0].record.rate == pytest.approx((8 + 4 / 3) / 14)
    assert best.points[0].key in TCO.points


def test_the_library_shows_each_pitchs_record(uow_factory: UnitOfWorkFactory) -> None:
    _history(uow_factory)
    records = {p.proposition.title: p.record for p in pitch_library(uow=uow_factory("T1"))}
    assert (records["三年省三成"].won, records["三年省三成"].deals) == (8, 10)
    assert (records["两周接入核心系统"].won, records["两周接入核心系统"].deals) == (2, 2)


def test_what_wins_for_one_role_or_one_industry_leaves_the_others_out(uow_factory: UnitOfWorkFactory) -> None:
    tco, integration = _history(uow_factory)
    assert [b.proposition.id for b in best_pitches(uow=uow_factory("T1"), among="CTO").propositions] == [integration]
    by_industry = best_pitches(uow=uow_factory("T1"), among="银行")
    assert [b.proposition.id for b in by_industry.propositions] == [tco] and by_industry.industry == "银行"
    assert best_pitches(uow=uow_factory("T1"), among="零售").propositions == ()
