"""What Confirm will record, decided before the rep presses it."""

from datetime import date

from domain.entities import Account, Contact
from domain.log_plan import NEW, plan_log
from domain.meeting_log import MeetingLog, PersonMention, Relation

BANK = Account(1, "北辰银行")
ZHANG = Contact(1, "张伟", account_id=1, account_name="北辰银行", title="总经理", stance="neutral")


def _log(*people: PersonMention, account: str | None = "北辰银行") -> MeetingLog:
    return MeetingLog(occurred_on=date(2026, 12, 8), channel="meal", account=account, notes="…",
                      people=people, relations=(Relation("张伟", "reports_to", "李娜"),))


def test_a_known_contact_is_matched_and_only_new_facts_become_changes() -> None:
    plan = plan_log(_log(PersonMention("张伟", title="总经理", stance="supporter")), account=BANK,
                    contacts=[ZHANG], choices={})
    step = plan.people[0]
    assert step.contact == ZHANG
    assert step.changes == (("stance", "neutral", "supporter"),)


def test_an_unknown_person_and_account_are_proposed_as_new() -> None:
    plan = plan_log(_log(PersonMention("李娜", title="CTO"), account="南方航运"), account=None,
                    contacts=[ZHANG], choices={})
    assert plan.account_is_new and plan.account_name == "南方航运"
    assert plan.people[0].is_new


def test_an_ambiguous_name_is_a_question_until_the_rep_chooses() -> None:
    twin = Contact(2, "张伟", account_id=1, account_name="北辰银行", title="采购经理")
    log = _log(PersonMention("张伟"))
    plan = plan_log(log, account=BANK, contacts=[ZHANG, twin], choices={})
    assert [s.mention.name for s in plan.questions] == ["张伟"]
    chosen = plan_log(log, account=BANK, contacts=[ZHANG, twin], choices={"张伟": 2})
    assert not chosen.questions and chosen.people[0].contact == twin
    fresh = plan_log(log, account=BANK, contacts=[ZHANG, twin], choices={"张伟": NEW})
    assert fresh.people[0].is_new


def test_contacts_of_another_account_are_not_matched_when_the_log_names_one() -> None:
    other = Contact(3, "李娜", account_id=9, account_name="云峰证券", title="CFO")
    plan = plan_log(_log(PersonMention("李娜")), account=BANK, contacts=[ZHANG, other], choices={})
    assert plan.people[0].is_new


def test_silence_never_erases_what_is_known() -> None:
    plan = plan_log(_log(PersonMention("张伟")), account=BANK, contacts=[ZHANG], choices={})
    assert plan.people[0].changes == ()


def test_a_pinyin_spelling_is_kept_as_an_alias_of_the_matched_contact() -> None:
    plan = plan_log(_log(PersonMention("Zhang Wei")), account=BANK, contacts=[ZHANG], choices={})
    step = plan.people[0]
    assert step.contact == ZHANG
    assert step.changes == (("aliases", (), ("Zhang Wei",)),)


def test_a_thread_reply_extends_the_interaction_it_replies_to() -> None:
    from domain.entities import Interaction

    logged = Interaction(7, "U1", date(2026, 12, 8), "meal", "…", account_id=1, contact_ids=(1,))
    plan = plan_log(_log(PersonMention("张伟"), account=None), account=BANK, contacts=[ZHANG], choices={},
                    extends=logged)
    assert plan.extends == logged and plan.account_name == "北辰银行"
    assert plan.people[0].contact == ZHANG
