"""Greeting drafts: honorifics, tone by trust stage, the last topic, variants that never repeat, compliance."""

import re
from dataclasses import replace

import pytest

from domain.greetings import (
    STAGES,
    TEMPLATE_KINDS,
    VARIANTS,
    GreetingRequest,
    choose_variant,
    greeting_locale,
    honorific,
    plan_greeting,
)
from prompts.greetings import draft, environment, render, template_names

LOCALES = ("zh-CN", "en")
# Compliance: a greeting never mentions gifts, red envelopes, money or anything like them.
FORBIDDEN = ("gift", "present", "red envelope", "red packet", "hongbao", "money", "cash", "voucher", "card",
             "reward", "bonus", "礼", "红包", "现金", "钱", "购物卡", "卡", "券", "月饼", "粽子", "茶叶", "烟", "酒",
             "$", "¥", "￥", "元/")


def _request(kind: str, locale: str, stage: str, **extra: object) -> GreetingRequest:
    name = "张伟" if locale == "zh-CN" else "Dr. Amy Lee"
    title = "总经理" if locale == "zh-CN" else "CIO"
    fields: dict = {"year": 2027, "label": None, "last_topic": None} | extra
    return GreetingRequest(kind, name, title, trust_stage=stage, locale=locale, **fields)


def _all_drafts(**extra: object) -> list[tuple[GreetingRequest, str]]:
    out = []
    for kind in TEMPLATE_KINDS:
        for locale in LOCALES:
            for stage in STAGES:
                for previous in (None, *VARIANTS):
                    request = _request(kind, locale, stage, previous_variant=previous, **extra)
                    out.append((request, draft(request)[1]))
    return out


def test_every_occasion_locale_and_stage_renders_without_missing_variables() -> None:
    for request, text in _all_drafts() + _all_drafts(year=None, sender="李明", last_topic="云迁移", label="结婚纪念日"):
        assert text.strip(), request
        assert "{{" not in text and "{%" not in text and "None" not in text, (request, text)


def test_every_template_exists_for_every_occasion_in_both_locales() -> None:
    names = set(template_names())
    assert {f"{loc}/{kind}.j2" for loc in LOCALES for kind in TEMPLATE_KINDS} <= names
    assert "zh-CN/_base.j2" in names and "en/_base.j2" in names


@pytest.mark.parametrize(("name", "title", "expected"), [
    ("张伟", "总经理", "张总"), ("王磊", "架构师", "王工"), ("Dr. Amy Lee", None, "Dr. Lee"),
    ("刘洋", "副总裁", "刘总"), ("陈静", "技术总监", "陈总"), ("孟凡", "支行行长", "孟总"), ("赵刚", "董事", "赵总"),
    ("李娜", "采购部经理", "李经理"), ("周敏", "信息中心副主任", "周主任"), ("吴强", "信息处处长", "吴处长"),
    ("孙磊", "高级工程师", "孙工"), ("欧阳晨", "CTO", "欧阳总"), ("何静", None, "何静"), ("马丽", "Solution Architect", "马工"),
    ("Amy Lee, PhD", "VP", "Dr. Lee"), ("Ms. Grace Wu", None, "Ms. Wu"),
    ("Grace Wu", "Procurement Manager", "Grace"), ("John Smith", "Professor of Economics", "Prof. Smith"),
])
def test_honorific_is_derived_from_name_and_title(name: str, title: str | None, expected: str) -> None:
    assert honorific(name, title) == expected


@pytest.mark.parametrize(("name", "title", "locale", "expected"), [
    ("张伟", "总经理", "zh-CN", "张总"), ("王磊", "架构师", "zh-CN", "王工"), ("Dr. Amy Lee", "CIO", "en-US", "Dr. Lee"),
])
def test_the_honorific_is_used_in_every_draft(name: str, title: str, locale: str, expected: str) -> None:
    for kind in TEMPLATE_KINDS:
        for stage in STAGES:
            _, text = draft(GreetingRequest(kind, name, title, trust_stage=stage, locale=locale))
            assert expected in text.splitlines()[0], (kind, stage, text)


def test_an_honorific_the_rep_gave_wins() -> None:
    _, text = draft(GreetingRequest("birthday", "张伟", "总经理", honorific="伟哥", trust_stage="trusted"))
    assert text.startswith("伟哥")


def test_the_last_topic_appears_when_given_and_not_otherwise() -> None:
    for topic, locale in (("数据中台的迁移方案", "zh-CN"), ("the data platform migration", "en")):
        for kind in TEMPLATE_KINDS:
            for stage in STAGES:
                for previous in (None, *VARIANTS):
                    request = _request(kind, locale, stage, last_topic=topic + "。", previous_variant=previous)
                    assert topic in draft(request)[1]
                    assert topic not in draft(replace(request, last_topic=None))[1]


def test_tone_follows_trust_stage() -> None:
    for stage, formal in (("acquainted", True), ("familiar", True), ("trusted", False), ("confident", False),
                          ("interdependent", False), ("unknown", True)):
        assert plan_greeting(_request("birthday", "zh-CN", stage)).context["formal"] is formal
    formal_text = draft(_request("mid_autumn", "zh-CN", "acquainted"))[1]
    warm_text = draft(_request("mid_autumn", "zh-CN", "trusted"))[1]
    assert "您好" in formal_text and formal_text != warm_text
    assert draft(_request("birthday", "en", "familiar"))[1].startswith("Dear Dr. Lee,")
    assert draft(_request("birthday", "en", "trusted"))[1].startswith("Hi Dr. Lee,")


def test_the_variant_never_repeats_over_20_successive_drafts() -> None:
    for locale in LOCALES:
        for kind in TEMPLATE_KINDS:
            previous, previous_text = None, None
            for i in range(20):
                stage = STAGES[i % len(STAGES)] if kind == "birthday" else "familiar"
                plan, text = draft(_request(kind, locale, stage, previous_variant=previous))
                assert plan.variant != previous and text != previous_text
                previous, previous_text = plan.variant, text


def test_variants_differ_in_wording_for_every_occasion_locale_and_tone() -> None:
    for kind in TEMPLATE_KINDS:
        for locale in LOCALES:
            for stage in ("familiar", "trusted"):
                plan = plan_greeting(_request(kind, locale, stage))
                texts = {render(replace(plan, variant=v, context=plan.context | {"variant": v})) for v in VARIANTS}
                assert len(texts) == len(VARIANTS) >= 3, (kind, locale, stage)


def test_first_variant_is_stable_and_never_the_previous() -> None:
    assert choose_variant("张伟|birthday", None) == choose_variant("张伟|birthday", None)
    assert all(choose_variant("x", v) != v for v in VARIANTS)
    assert choose_variant("x", "something-old") in VARIANTS


def test_culturally_right_wishes() -> None:
    zh = {kind: "\n".join(draft(_request(kind, "zh-CN", stage, previous_variant=v))[1]
                          for stage in STAGES for v in VARIANTS) for kind in TEMPLATE_KINDS}
    assert "阖家幸福" in zh["spring_festival"] and "花好月圆" in zh["mid_autumn"]
    assert "端午安康" in zh["dragon_boat"] and "端午快乐" not in zh["dragon_boat"]
    assert "生日快乐" in zh["birthday"] and "福如东海" in zh["birthday"]
    assert "羊年" in zh["spring_festival"]  # 2027 is the Year of the Goat
    en = draft(_request("spring_festival", "en", "familiar", previous_variant="v3"))[1]
    assert "Year of the Goat" in en


def test_locale_mapping_and_unknown_occasions() -> None:
    assert [greeting_locale(x) for x in (None, "", "zh-TW", "en-GB", "de-DE")] == ["zh-CN", "zh-CN", "zh-CN", "en", "en"]
    plan = plan_greeting(GreetingRequest("graduation", "张伟", label="女儿毕业"))
    assert plan.template == "zh-CN/custom.j2" and "女儿毕业" in render(plan)


def test_no_template_mentions_gifts_red_envelopes_or_money() -> None:
    env = environment()
    for name in template_names():
        source = env.loader.get_source(env, name)[0].lower() if env.loader else ""
        hits = [w for w in FORBIDDEN if w.lower() in source]
        assert not hits, (name, hits)
    for _, text in _all_drafts(sender="Tom", last_topic="cloud migration"):
        assert not [w for w in FORBIDDEN if re.search(re.escape(w.lower()), text.lower())], text
