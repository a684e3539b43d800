"""Trust along the four dimensions, the ladder it suggests, and what would raise the weakest."""

from datetime import date, timedelta

import pytest

from domain.entities import Contact, Interaction
from domain.touch_plan import cadence_for
from domain.trust import (
    COMPANY_VISIT,
    EXPERT_TALK,
    KNOWLEDGE_SHARING,
    LADDER,
    REFERENCE_VISIT,
    TrustScores,
    expertise_kind,
    stage_for,
    trust_scores,
    trust_stage,
)

TODAY = date(2027, 3, 1)
MENG = Contact(1, "孟行长", importance=5)
WANG = Contact(1, "王工", importance=1)


def _touch(days_ago: int, channel: str = "call", summary: str = "", *, who: tuple[int, ...] = (1,),
           pitched: tuple[str, ...] = (), today: date = TODAY) -> Interaction:
    return Interaction(days_ago, "U1", today - timedelta(days=days_ago), channel, summary,
                       contact_ids=who, pitched=pitched)


def _weekly(weeks: int, channel: str = "call") -> list[Interaction]:
    return [_touch(7 * w, channel) for w in range(weeks)]


# frequency

def test_a_contact_met_every_week_scores_full_frequency() -> None:
    assert trust_scores(MENG, _weekly(13), TODAY, 14).frequency == 100


def test_half_the_expected_touches_scores_half_frequency() -> None:
    history = [_touch(0), _touch(30), _touch(60)]  # a 15-day cadence expects 6 in 90 days
    assert trust_scores(MENG, history, TODAY, 15).frequency == 50


def test_two_touches_on_the_same_day_count_once() -> None:
    history = [_touch(3, "call"), _touch(3, "email")]
    assert trust_scores(MENG, history, TODAY, 30).frequency == 33


def test_only_the_last_ninety_days_count_for_frequency() -> None:
    assert trust_scores(MENG, [_touch(89), _touch(90)], TODAY, 90).frequency == 100
    assert trust_scores(MENG, [_touch(90), _touch(120)], TODAY, 90).frequency == 0


def test_touches_with_other_people_or_still_to_come_do_not_count() -> None:
    history = [_touch(1, who=(2,)), _touch(-5)]
    assert trust_scores(MENG, history, TODAY, 14) == TrustScores(0, 0, 0, 0)


def test_without_a_cadence_the_contact_s_touch_plan_rhythm_is_used() -> None:
    history = _weekly(2)
    expected = trust_scores(MENG, history, TODAY, cadence_for(5, "acquainted"))
    assert trust_scores(MENG, history, TODAY) == expected


def test_a_cadence_under_one_day_is_refused() -> None:
    with pytest.raises(ValueError):
        trust_scores(MENG, [], TODAY, 0)


# professionalism

def test_an_event_is_an_expert_talk_and_a_site_visit_a_company_visit() -> None:
    assert expertise_kind(_touch(1, "event", "行业峰会")) == EXPERT_TALK
    assert expertise_kind(_touch(1, "site_visit", "来我司参观")) == COMPANY_VISIT
    assert expertise_kind(_touch(1, "site_visit", "带他去了标杆客户")) == REFERENCE_VISIT


def test_a_summary_or_pitch_that_shares_knowledge_shows_expertise() -> None:
    assert expertise_kind(_touch(1, "email", "sent him our white paper on core banking")) == KNOWLEDGE_SHARING
    assert expertise_kind(_touch(1, "meeting", "", pitched=("同业案例",))) == KNOWLEDGE_SHARING
    assert expertise_kind(_touch(1, "meeting", "请了专家来讲架构")) == EXPERT_TALK


def test_a_plain_call_shows_no_expertise() -> None:
    assert expertise_kind(_touch(1, "call", "asked about the budget timing")) is None


def test_one_professional_touch_a_quarter_scores_full_professionalism() -> None:
    history = [_touch(10, "event"), _touch(100, "site_visit"), _touch(190, "event"), _touch(280, "site_visit")]
    assert trust_scores(MENG, history, TODAY, 14).professionalism == 100
    assert trust_scores(MENG, history[:2] + [_touch(400, "event")], TODAY, 14).professionalism == 50


# depth

def test_a_meal_with_an_important_person_counts_double_a_one_to_one_meeting() -> None:
    meal = trust_scores(MENG, [_touch(5, "meal")], TODAY, 14).depth
    meeting = trust_scores(MENG, [_touch(5, "meeting")], TODAY, 14).depth
    assert (meal, meeting) == (33, 17)


def test_a_big_meeting_or_a_call_adds_no_depth() -> None:
    history = [_touch(5, "meeting", who=(1, 2, 3)), _touch(6, "call")]
    assert trust_scores(MENG, history, TODAY, 14).depth == 0


def test_a_more_important_person_takes_more_time_to_know_deeply() -> None:
    history = [_touch(5, "meal", who=(1, 2)), _touch(50, "meeting", who=(1, 2))]
    assert trust_scores(WANG, history, TODAY, 14).depth == 100
    assert trust_scores(MENG, history, TODAY, 14).depth == 50


# length

def test_three_years_of_history_scores_full_length() -> None:
    assert trust_scores(MENG, [_touch(3 * 365), _touch(1)], TODAY, 14).length == 100
    assert trust_scores(MENG, [_touch(10 * 365)], TODAY, 14).length == 100


def test_a_first_meeting_today_scores_no_length() -> None:
    assert trust_scores(MENG, [_touch(0)], TODAY, 14).length == 0


def test_the_first_year_counts_most_for_length() -> None:
    one, two = (trust_scores(MENG, [_touch(n * 365)], TODAY, 14).length for n in (1, 2))
    assert (one, two) == (58, 82)


# overall and ladder

def test_the_overall_score_weighs_rhythm_most_and_years_least() -> None:
    assert TrustScores(100, 0, 0, 0).overall == 30
    assert TrustScores(0, 100, 0, 0).overall == TrustScores(0, 0, 100, 0).overall == 25
    assert TrustScores(0, 0, 0, 100).overall == 20
    assert TrustScores(100, 100, 100, 100).overall == 100


@pytest.mark.parametrize(("scores", "stage"), [
    (TrustScores(49, 100, 100, 100), "acquainted"),
    (TrustScores(50, 49, 100, 100), "familiar"),
    (TrustScores(50, 50, 49, 100), "trusted"),
    (TrustScores(50, 50, 50, 79), "confident"),
    (TrustScores(50, 50, 50, 80), "interdependent"),
])
def test_each_rung_is_unlocked_by_its_dimension_at_the_boundary(scores: TrustScores, stage: str) -> None:
    assert stage_for(scores).name == stage


def test_each_stage_carries_the_rep_s_role() -> None:
    assert [(s.zh, s.role) for s in LADDER] == [
        ("认识", "vendor"), ("熟悉", "vendor"), ("信任", "consultant"), ("相信", "friend"), ("相依", "mentor")]


def test_a_long_deep_relationship_left_untended_falls_back_to_acquainted() -> None:
    history = [_touch(100 + 30 * n, "meal") for n in range(40)]
    assert trust_stage(MENG, history, TODAY, 14).name == "acquainted"


def test_a_years_long_rhythm_of_expertise_and_meals_reaches_interdependence() -> None:
    history = [_touch(d, "meal" if d % 28 == 0 else "event") for d in range(0, 3 * 365, 14)]
    stage = trust_stage(MENG, history, TODAY, 14)
    assert (stage.name, stage.role) == ("interdependent", "mentor")


def test_trust_stage_needs_only_the_contact_and_the_history() -> None:
    today = date.today()
    history = [_touch(7 * w, "event", today=today) for w in range(13)]
    assert trust_stage(MENG, history).name == "trusted"


# what would raise the weakest

def test_the_weakest_dimension_suggests_the_next_kind_of_touch() -> None:
    weakest = TrustScores(frequency=80, professionalism=10, depth=40, length=90).weakest
    assert weakest.as_pair() == ("professionalism", "invite to an expert talk or a reference visit")
    assert weakest.kind == "expert_talk"
    assert TrustScores(80, 60, 20, 90).weakest.kind == "one_to_one"
    assert TrustScores(0, 0, 0, 0).weakest.dimension == "frequency"


def test_length_is_never_suggested_because_only_time_raises_it() -> None:
    assert TrustScores(frequency=90, professionalism=70, depth=80, length=0).weakest.dimension == "professionalism"


def test_the_scores_give_the_stage_and_the_next_touch_together() -> None:
    scores = trust_scores(MENG, _weekly(13), TODAY, 14)
    assert scores.stage.name == "familiar"
    assert scores.weakest.dimension == "professionalism"
