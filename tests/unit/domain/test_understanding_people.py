"""People, titles, departments, stance and deal roles, with names and accounts unlike the shared examples."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from domain.meeting_log import PersonMention
from domain.understanding import understand

NOW = datetime(2026, 12, 9, 9, 0, tzinfo=timezone(timedelta(hours=8)))


def _people(text: str) -> dict[str, PersonMention]:
    return {p.name: p for p in understand(text, now=NOW).people}


def test_a_full_chinese_name_after_a_title_gets_that_title_and_the_account() -> None:
    log = understand("前天去华信银行拜访了信息科技部总经理王磊，他对我们的方案很认可。", now=NOW)
    assert log.account == "华信银行"
    (p,) = log.people
    assert (p.name, p.title, p.department, p.stance, p.present) == ("王磊", "总经理", "信息科技部", "supporter", True)


def test_surname_and_title_forms_are_people() -> None:
    people = _people("和恒通物流的赵总、王工和李经理开会。")
    assert set(people) == {"赵总", "王工", "李经理"}
    assert people["王工"].title == "工"


def test_words_that_look_like_surnames_are_not_people() -> None:
    log = understand("和恒通物流的赵总打了一场高尔夫，上周三发了技术白皮书，施工方案也定了。", now=NOW)
    assert [p.name for p in log.people] == ["赵总"]


def test_departments_written_before_a_name() -> None:
    people = _people("蓝海科技的财务总监周敏和采购部的钱进是老同事。")
    assert people["周敏"].title == "财务总监"
    assert people["钱进"].department == "采购部"


def test_english_names_titles_and_accounts() -> None:
    log = understand("Had dinner with Tom Becker, CFO of Northwind Traders, last night.", now=NOW)
    assert log.account == "Northwind Traders"
    assert [(p.name, p.title, p.present) for p in log.people] == [("Tom Becker", "CFO", True)]


def test_a_title_in_brackets_after_an_english_name() -> None:
    people = _people("Video call with Hannah Weber (Head of Procurement, Stark Industries) on Monday.")
    assert people["Hannah Weber"].title == "Head of Procurement"


def test_a_first_name_alone_after_the_full_name_is_the_same_person() -> None:
    log = understand("Coffee with Sofia Alvarez from Contoso. Sofia says the budget is tight.", now=NOW)
    assert [p.name for p in log.people] == ["Sofia Alvarez"]


def test_opposed_stance_in_chinese_and_english() -> None:
    assert _people("中科医药的陈静对我们不感冒，她倾向于竞争对手远景科技。")["陈静"].stance == "opponent"
    assert _people("Spoke with Peter Novak by phone. He is against the proposal.")["Peter Novak"].stance == "opponent"


def test_neutral_stance() -> None:
    assert _people("Zoom with Sofia Alvarez today; she is on the fence.")["Sofia Alvarez"].stance == "neutral"


def test_presales_support_is_not_a_stance() -> None:
    assert _people("需要售前支持，赵总下周到。")["赵总"].stance is None


def test_deal_roles_from_chinese_cues() -> None:
    assert _people("和新华保险的吴主任喝了咖啡，他是我们的内线。")["吴主任"].deal_role == "coach"
    assert _people("宏达汽车的刘总是管钱的。")["刘总"].deal_role == "economic_buyer"
    assert _people("和鼎盛地产的黄总吃饭，他是最终决策人。")["黄总"].deal_role == "decision_maker"
    assert _people("跟东方电力的采购主管刘洋通了电话。")["刘洋"].deal_role == "procurement"


def test_deal_roles_from_english_cues() -> None:
    people = _people("Lunch with Maria Lopez at Globex Insurance; she holds the budget. Omar Haddad is the decision maker.")
    assert people["Maria Lopez"].deal_role == "economic_buyer"
    assert people["Omar Haddad"].deal_role == "decision_maker"


def test_a_subject_pronoun_refers_to_the_first_person_of_the_previous_clause() -> None:
    people = _people("Aisha Rahman reports to CIO Daniel Kim; she is our coach at Contoso.")
    assert people["Aisha Rahman"].deal_role == "coach"
    assert people["Daniel Kim"].deal_role is None


def test_people_named_in_a_flagged_sentence_are_still_people() -> None:
    log = understand("给孙总送了两张购物卡。", now=NOW)
    assert [p.name for p in log.people] == ["孙总"]
    assert "购物卡" not in log.notes


def test_a_name_after_a_preposition_that_jieba_tags_as_a_place_is_still_a_person() -> None:
    assert [p.name for p in understand("给黄海送了两瓶茅台。", now=NOW).people] == ["黄海"]


def test_a_department_after_vp_of_is_not_the_account() -> None:
    log = understand("Met Oliver Grant, VP of Engineering at Tailwind Traders, on Monday.", now=NOW)
    assert log.account == "Tailwind Traders"
    assert log.people[0].title == "VP of Engineering"


def test_a_company_named_after_a_drink_is_an_account_not_a_meal() -> None:
    log = understand("Fourth Coffee budget is USD 1.5M; Marco says they based it on our proposal.", now=NOW)
    assert (log.account, log.channel) == ("Fourth Coffee", "other")
    assert [p.name for p in log.people] == ["Marco"]
