"""What a pitch needs to join the library, and how a search reads role words in both languages."""

from __future__ import annotations

from domain.pitch_library import check_pitch, in_industry, matches, role_named, search_words
from domain.pitches import Proposition

_POINT = "核心系统迁移到我们的分布式数据库以后，三年总体拥有成本平均下降百分之三十，硬件和许可费用都省下来。"


def test_a_pitch_with_a_title_and_two_short_points_has_no_problem():
    assert check_pitch("省三成", [_POINT, "零停机迁移", None]) == ()


def test_a_missing_title_and_a_single_point_are_each_named_on_their_field():
    problems = {p.field: p.code for p in check_pitch("  ", ["零停机迁移", "   ", ""])}
    assert problems == {"title": "title_missing", "point_2": "too_few_points"}


def test_an_overlong_pitch_is_refused_on_its_longest_point_with_the_seconds_over():
    [problem] = check_pitch("太长", ["零停机迁移", _POINT * 6, "本地团队"])  # 270-odd characters: over 70 s
    assert (problem.field, problem.code) == ("point_2", "too_long")
    assert problem.seconds == 60 + problem.over and 10 <= problem.over <= 16


def test_four_points_are_one_too_many():
    assert [p.code for p in check_pitch("四点", ["一", "二", "三", "四"])] == ["too_many_points"]


def test_titles_and_role_names_in_either_language_name_a_chain_role():
    assert {w: role_named(w) for w in ("CFO", "财务", "财务总监", "economic buyer", "经济决策者", "cto", "采购",
                                       "拍板人")} == {
        "CFO": "economic_buyer", "财务": "economic_buyer", "财务总监": "economic_buyer",
        "economic buyer": "economic_buyer", "经济决策者": "economic_buyer", "cto": "technical_buyer",
        "采购": "procurement", "拍板人": "decision_maker"}
    assert role_named("cloud") is None and role_named("digital") is None, "Latin words must match whole"


def test_a_search_needs_every_word_in_the_pitch_or_its_tags():
    prop = Proposition(1, "三年省三成", ("成本下降30%", "预算可控"), industries=("银行",), products=("分布式数据库",),
                       roles=("economic_buyer",))
    assert matches(prop, search_words("CFO 银行"))
    assert matches(prop, search_words("成本，数据库"))
    assert not matches(prop, search_words("CTO"))
    assert not matches(prop, search_words("银行 保险"))


def test_an_industry_typed_loosely_is_the_accounts_industry():
    assert in_industry("银行", "银行业") and in_industry("banking", "Banking")
    assert not in_industry("保险", "银行") and not in_industry("银行", None)
