"""Patterns learned from logs written by other reps: names jieba splits, org forms, titles, plans and requests."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from domain.meeting_log import MeetingLog, PersonMention
from domain.understanding import understand

NOW = datetime(2026, 12, 9, 9, 0, tzinfo=timezone(timedelta(hours=8)))  # a Wednesday


def _log(text: str) -> MeetingLog:
    return understand(text, now=NOW)


def _people(text: str) -> dict[str, PersonMention]:
    return {p.name: p for p in _log(text).people}


def test_a_three_character_name_the_segmenter_splits_after_a_title_is_kept_whole() -> None:
    people = _people("瑞丰化工的财务总监钱卫东管预算。")
    assert list(people) == ["钱卫东"]
    assert people["钱卫东"].title == "财务总监"


def test_a_name_written_just_before_a_title_is_read_whole() -> None:
    people = _people("明天去云岭水务，和调度中心的黄海峰主任碰一下测试结果。")
    assert list(people) == ["黄海峰"]
    assert (people["黄海峰"].title, people["黄海峰"].department) == ("主任", "调度中心")


def test_a_surname_and_title_form_is_the_full_name_given_earlier() -> None:
    log = _log("带远航物流运维处的许国强处长参观了展厅，许处对我们的大屏很认可。")
    assert [p.name for p in log.people] == ["许国强"]
    assert log.people[0].stance == "supporter"


def test_an_alliance_and_an_influence_in_one_sentence_are_both_read() -> None:
    rels = {(r.from_, r.kind, r.to) for r in _log("金桥电力设备部部长孔德明和办公室的潘总关系很铁，潘总很听孔部长的。").relations}
    assert rels == {("孔德明", "ally", "潘总"), ("孔德明", "influences", "潘总")}


def test_a_conjunction_glued_to_a_company_name_is_not_part_of_it() -> None:
    assert _log("昨天下午和中恒能源的韦主任打高尔夫。").account == "中恒能源"


def test_city_investment_telecom_and_group_forms_are_accounts() -> None:
    assert _log("上周给南湖城投的秦总打了电话。").account == "南湖城投"
    assert _log("请东川电信的童经理吃了饭。").account == "东川电信"
    assert _log("在论坛上碰到了城发集团的副总经理祝宏。").account == "城发集团"


def test_an_ordinal_hospital_is_an_account_but_a_department_is_not() -> None:
    assert _log("和省二院的副院长卢红开了线上会。").account == "省二院"
    assert _log("去海港集团拜访了信息中心的魏主任。").people[0].department == "信息中心"


def test_a_possessive_company_then_a_title_then_a_name() -> None:
    log = _log("Norrland's CFO Erik Lund controls the budget; Sven reports to him.")
    assert log.account == "Norrland"
    erik = next(p for p in log.people if p.name == "Erik Lund")
    assert (erik.title, erik.deal_role) == ("CFO", "economic_buyer")
    assert [(r.from_, r.kind, r.to) for r in log.relations] == [("Sven", "reports_to", "Erik Lund")]


def test_english_titles_in_parentheses_lower_case_or_next_to_chinese() -> None:
    people = _people("Webex with Corda Foods: Ian Moss (IT Director) and Lena Park from Finance.")
    assert people["Ian Moss"].title == "IT Director"
    assert people["Lena Park"].department == "Finance"
    people = _people("Corda Foods的IT head Nina Shah力挺我们，她直接向CTO Omar Haddad汇报。")
    assert (people["Nina Shah"].title, people["Omar Haddad"].title) == ("IT head", "CTO")
    assert _people("Met Ruth Hale, head of clinical systems, at the expo.")["Ruth Hale"].title == "head of clinical systems"


def test_accented_latin_names_are_people() -> None:
    assert "José Núñez" in _people("Lunch with José Núñez at Corda Foods yesterday.")


def test_an_incumbent_or_a_vendor_compared_with_us_is_a_competitor() -> None:
    log = _log("Met Ian Moss at Corda Foods. He keeps pushing to renew with the incumbent, Tessaro.")
    assert log.deal is not None and log.deal.competitors == ("Tessaro",)
    log = _log("Call with Ian Moss at Corda Foods. He is lukewarm and wants to compare us with Brightline first.")
    assert log.deal is not None and log.deal.competitors == ("Brightline",)
    assert log.people[0].stance == "neutral"


def test_leaning_to_the_old_supplier_is_opposition_and_names_a_competitor() -> None:
    log = _log("东川电信的童经理很支持我们，但他的领导闵总更倾向于老供应商立信软件。")
    people = {p.name: p for p in log.people}
    assert (people["童经理"].stance, people["闵总"].stance) == ("supporter", "opponent")
    assert log.deal is not None and log.deal.competitors == ("立信软件",)
    assert [(r.from_, r.kind, r.to) for r in log.relations] == [("童经理", "reports_to", "闵总")]


def test_a_subordinate_named_after_his_boss() -> None:
    rels = [(r.from_, r.kind, r.to) for r in _log("南湖城投的秦总管预算；他的下属、信息部经理柏静是我们的内线。").relations]
    assert rels == [("柏静", "reports_to", "秦总")]


def test_mid_month_and_english_number_words() -> None:
    log = _log("上周和远航物流的许总喝茶，他说下个月中旬开标。")
    assert log.deal is not None and log.deal.tender_on == date(2027, 1, 15)
    assert _log("Two days ago I met Ian Moss at Corda Foods.").occurred_on == date(2026, 12, 7)


def test_a_request_without_its_own_date_is_due_by_the_plan_it_serves() -> None:
    log = _log("下周四下午3点和远航物流的许总开方案研讨会，已申请架构师团队支持这场研讨会。")
    assert [(m.on, m.at) for m in log.next_meetings] == [(date(2026, 12, 17), "15:00")]
    assert [(r.type, r.needed_by) for r in log.resource_requests] == [("solution_workshop", date(2026, 12, 17))]
    log = _log("下周三带Corda Foods的Ian Moss去杭州参观样板客户，需要市场部在那之前协调好site visit。")
    assert [(r.type, r.needed_by) for r in log.resource_requests] == [("site_visit", date(2026, 12, 16))]


def test_a_plan_passed_on_by_message_keeps_the_message_channel() -> None:
    log = _log("Corda Foods的Ian Moss发微信说下周四 3pm 想再看一次demo。")
    assert log.channel == "message"
    assert [(m.with_, m.on, m.at) for m in log.next_meetings] == [(("Ian Moss",), date(2026, 12, 17), "15:00")]


def test_a_bare_month_and_day_is_the_nearer_one() -> None:
    log = _log("Dec 14 at 10:00: POC kickoff with Ian Moss from Corda Foods.")
    assert [(m.on, m.at) for m in log.next_meetings] == [(date(2026, 12, 14), "10:00")]


def test_an_appointment_made_by_message_is_in_the_future() -> None:
    log = _log("给远航物流的许总发了微信，约他周五上午十点喝早茶。")
    assert (log.occurred_on, log.channel) == (date(2026, 12, 9), "message")
    assert [(m.on, m.at) for m in log.next_meetings] == [(date(2026, 12, 11), "10:00")]


def test_talking_it_over_in_someones_office_is_a_meeting() -> None:
    log = _log("拜访了远航物流的许总。下周一下午三点再去他办公室细谈接口。")
    assert [(m.with_, m.on, m.at) for m in log.next_meetings] == [(("许总",), date(2026, 12, 14), "15:00")]


def test_control_points_not_yet_consulted_sized_on_ours_or_copied_from_a_rival() -> None:
    def cps(text: str) -> dict[str, str]:
        return {c.key: c.state for c in _log(text).control_points}
    assert cps("远航物流的预算正在编，还没征求过我们的意见。") == {"budget_input": "at_risk"}
    assert cps("Budget is $1M and Ian says they sized it on our sizing workshop.") == {"budget_input": "secured"}
    assert cps("Ian tipped us off that the RFP draft copies Tessaro's spec sheet.") == {"rfp_input": "lost"}
    assert cps("许总透露走竞争性磋商，但各项分值还没定。")["evaluation_criteria"] == "at_risk"


def test_signing_by_month_end_and_amounts_in_yuan() -> None:
    log = _log("城发集团的祝总说金额60万，本月底前签。")
    assert log.deal is not None and log.deal.close_on == date(2026, 12, 31)
    log = _log("Corda Foods这单2,400,000 yuan，走询价。")
    assert log.account == "Corda Foods" and not log.people
    assert log.deal is not None and (log.deal.amount, log.deal.currency) == (2400000, "CNY")


def test_a_birthday_belongs_to_the_person_named_just_before_it() -> None:
    people = _people("远航物流的柏静跟我说，另外她提醒许总的生日是农历腊月十八。")
    assert (people["许总"].birthday, people["许总"].birthday_lunar) == ("12-18", True)
    assert people["柏静"].birthday is None


def test_the_person_running_the_purchase_is_procurement() -> None:
    assert _people("和远航物流负责这次采购的柏静通了电话。")["柏静"].deal_role == "procurement"


def test_a_video_meeting_held_over_a_chat_app_is_online() -> None:
    assert _log("今晚用飞书和远航物流的许总开了视频会。").channel == "online_meeting"
