"""Where a deal or an account is exposed: roles unknown, decision makers unbacked, key people gone cold."""

from datetime import date, timedelta

from domain.entities import ChainMember, Contact, ContactLink, Deal
from domain.graph import DecisionChain, Gap, coverage_gaps
from domain.graph.gaps import (
    LOW_CLOSENESS,
    MISSING_COACH,
    MISSING_ROLE,
    OVERDUE_TOUCH,
    UNBACKED_DECISION_MAKER,
)

TODAY = date(2027, 3, 1)
DEAL = Deal(7, "核心系统升级", account_id=1, amount=5_000_000)
MENG = Contact(1, "孟行长", importance=5, closeness=3)
ZHOU = Contact(2, "周处长", importance=3, closeness=3, stance="opponent")
LI = Contact(3, "李娜", importance=3, closeness=4, stance="supporter")
GRACE = Contact(4, "Grace Wu", importance=4, closeness=3)
PEOPLE = [MENG, ZHOU, LI, GRACE]
FRESH = {c.id: TODAY for c in PEOPLE}


def _member(mid: int, who: Contact, role: str, stance: str = "unknown", boss: int | None = None) -> ChainMember:
    return ChainMember(mid, DEAL.id, who.id, role, stance=stance, reports_to_member_id=boss)


def _gaps(links: list[ContactLink], *members: ChainMember, people: list[Contact] = PEOPLE,
          touched: dict[int, date] = FRESH) -> list[Gap]:
    chains = [DecisionChain(DEAL, members)] if members else []
    return coverage_gaps(people, links, chains, last_touch=touched, today=TODAY)


def _kinds(gaps: list[Gap], kind: str) -> list[Gap]:
    return [g for g in gaps if g.kind == kind]


def test_a_deal_lists_the_roles_nobody_holds_yet_in_the_method_s_order() -> None:
    chain = DecisionChain(DEAL, (_member(1, MENG, "decision_maker"), _member(2, LI, "coach")))
    assert chain.missing_roles() == ("economic_buyer", "technical_buyer", "user_buyer", "influencer", "procurement")
    roles = [g.role for g in _kinds(_gaps([], *chain.members), MISSING_ROLE)]
    assert roles == list(chain.missing_roles())


def test_a_decision_maker_whose_only_neighbour_is_an_opponent_is_a_gap() -> None:
    gaps = _gaps([ContactLink(1, MENG.id, "reports_to", ZHOU.id)], _member(1, MENG, "decision_maker"))
    [gap] = _kinds(gaps, UNBACKED_DECISION_MAKER)
    assert gap.subject == MENG.id and gap.contact_ids == (MENG.id, ZHOU.id) and gap.deal_id == DEAL.id
    assert gap.fact("neighbours") == 1 and gap.fact("opponents") == 1


def test_a_decision_maker_with_nobody_around_him_is_a_gap_too() -> None:
    [gap] = _kinds(_gaps([], _member(1, MENG, "decision_maker")), UNBACKED_DECISION_MAKER)
    assert gap.fact("neighbours") == 0


def test_a_supporting_boss_in_the_org_covers_the_decision_maker() -> None:
    gaps = _gaps([ContactLink(1, MENG.id, "reports_to", LI.id)], _member(1, MENG, "decision_maker"))
    assert not _kinds(gaps, UNBACKED_DECISION_MAKER)


def test_a_supporting_boss_in_the_project_team_covers_the_decision_maker() -> None:
    gaps = _gaps([], _member(1, LI, "economic_buyer"), _member(2, MENG, "decision_maker", boss=1))
    assert not _kinds(gaps, UNBACKED_DECISION_MAKER)


def test_a_supporting_ally_or_influencer_beside_him_covers_the_decision_maker() -> None:
    for link in (ContactLink(1, MENG.id, "ally", LI.id), ContactLink(1, LI.id, "ally", MENG.id),
                 ContactLink(1, LI.id, "influences", MENG.id)):
        assert not _kinds(_gaps([link], _member(1, MENG, "decision_maker")), UNBACKED_DECISION_MAKER)


def test_a_supporter_the_decision_maker_merely_knows_or_sways_does_not_cover_him() -> None:
    for link in (ContactLink(1, MENG.id, "knows", LI.id), ContactLink(1, MENG.id, "influences", LI.id)):
        assert _kinds(_gaps([link], _member(1, MENG, "decision_maker")), UNBACKED_DECISION_MAKER)


def test_the_stance_in_this_deal_outweighs_the_general_one() -> None:
    link = ContactLink(1, LI.id, "ally", MENG.id)
    members = (_member(1, MENG, "decision_maker"), _member(2, LI, "user_buyer", stance="opponent"))
    assert _kinds(_gaps([link], *members), UNBACKED_DECISION_MAKER)


def test_an_account_with_no_coach_shows_the_coach_gap() -> None:
    [gap] = _kinds(_gaps([]), MISSING_COACH)
    assert gap.deal_id is None


def test_a_deal_without_a_coach_shows_the_coach_gap_for_that_deal() -> None:
    [gap] = _kinds(_gaps([], _member(1, MENG, "decision_maker")), MISSING_COACH)
    assert gap.deal_id == DEAL.id and gap.role == "coach"
    assert not _kinds(_gaps([], _member(1, LI, "coach")), MISSING_COACH)


def test_a_key_person_we_barely_know_is_a_gap_but_a_minor_one_is_not() -> None:
    distant_key = Contact(5, "Tom Lee", importance=4, closeness=2)
    distant_minor = Contact(6, "小刘", importance=3, closeness=1)
    gaps = _gaps([], people=[distant_key, distant_minor], touched={5: TODAY, 6: TODAY})
    [gap] = _kinds(gaps, LOW_CLOSENESS)
    assert gap.subject == distant_key.id and gap.fact("closeness") == 2 and gap.fact("importance") == 4


def test_a_key_person_untouched_beyond_their_cadence_is_overdue() -> None:
    touched = {MENG.id: TODAY - timedelta(days=15), GRACE.id: TODAY - timedelta(days=30)}
    [gap] = _kinds(_gaps([], people=[MENG, GRACE], touched=touched), OVERDUE_TOUCH)
    assert gap.subject == MENG.id
    assert gap.fact("days_since_touch") == 15 and gap.fact("cadence_days") == 14


def test_a_key_person_never_touched_is_overdue_and_cadence_can_be_set_per_person() -> None:
    gaps = coverage_gaps([GRACE], [], last_touch={}, today=TODAY, contact_cadence={GRACE.id: 7})
    [gap] = _kinds(gaps, OVERDUE_TOUCH)
    assert gap.fact("never_touched") == 1 and gap.fact("cadence_days") == 7


def test_a_do_not_contact_person_is_never_a_touch_gap() -> None:
    retired = Contact(8, "Alan Ma", importance=5, closeness=1, do_not_contact=True)
    assert coverage_gaps([retired], [], last_touch={}, today=TODAY) == [Gap(MISSING_COACH)]
