"""Reporting lines, influence, alliances, rivalries and acquaintance between named people."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from domain.understanding import understand

NOW = datetime(2026, 12, 9, 9, 0, tzinfo=timezone(timedelta(hours=8)))


def _rels(text: str) -> list[tuple[str, str, str]]:
    return [(r.from_, r.kind, r.to) for r in understand(text, now=NOW).relations]


def test_someone_reporting_to_a_pronoun_reports_to_its_antecedent() -> None:
    assert _rels("和恒通物流的赵总打了高尔夫，他是拍板人，财务部的孙丽向他汇报。") == [("孙丽", "reports_to", "赵总")]


def test_presenting_a_proposal_to_someone_is_not_a_reporting_line() -> None:
    assert _rels("昨天跟天宇通信的马总汇报了我们的产品路线图。") == []
    assert _rels("周敏下周向马总汇报方案。") == []
    assert _rels("Presenting to Initech's board with Raj Mehta on Monday; I will report our roadmap to them.") == []


def test_english_reports_to_with_a_title_in_between() -> None:
    assert _rels("Aisha Rahman reports to CIO Daniel Kim.") == [("Aisha Rahman", "reports_to", "Daniel Kim")]


def test_trust_means_the_trusted_person_influences_the_truster() -> None:
    assert _rels("中科医药的信息中心主任马骏虽然年轻，但陈总很信任他，基本听他的。") == [("马骏", "influences", "陈总")]


def test_old_classmates_are_allies_once() -> None:
    assert _rels("华信银行的王磊和风控部的周杰是大学同学，私交不错，关系很铁。") == [("王磊", "ally", "周杰")]


def test_english_allies_and_closeness() -> None:
    assert _rels("Daniel Kim and Tom Becker are old friends.") == [("Daniel Kim", "ally", "Tom Becker")]
    assert _rels("Hannah Weber is close to CFO Victor Hugo.") == [("Hannah Weber", "ally", "Victor Hugo")]


def test_rivals_in_chinese_and_english() -> None:
    assert _rels("他说张总和李总不和。") == [("张总", "rival", "李总")]
    assert _rels("Sofia and Kenji Tanaka clash over the roadmap.") == [("Sofia", "rival", "Kenji Tanaka")]


def test_acquaintance() -> None:
    assert _rels("Met Anna Kowalski at the Fintech Summit; she knows Tom Becker well.") == [
        ("Anna Kowalski", "knows", "Tom Becker")]


def test_a_relation_with_only_one_person_is_not_recorded() -> None:
    assert _rels("赵总和我们关系很好。") == []
