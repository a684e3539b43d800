"""Who moves decisions at an account: the influence ranking, read as a sales manager would."""

import random

from domain.entities import Contact, ContactLink
from domain.graph import influence_ranking
from domain.graph.links import known_links
from domain.graph.ranking import DIRECT_REPORT, SWAYS

ZHANG = Contact(1, "张总", importance=3)
WANG = Contact(2, "王工", importance=3)
LI = Contact(3, "李娜", importance=3)
TOM = Contact(4, "Tom Lee", importance=3)
HAN = Contact(5, "韩冰", importance=3)
TEAM = [ZHANG, WANG, LI, TOM, HAN]


def _reports(sub: Contact, boss: Contact, strength: int = 3, link_id: int = 0) -> ContactLink:
    return ContactLink(link_id or sub.id * 100 + boss.id, sub.id, "reports_to", boss.id, strength)


THREE_REPORT_TO_ZHANG = [_reports(WANG, ZHANG), _reports(LI, ZHANG), _reports(TOM, ZHANG)]
HAN_SWAYS_ZHANG = ContactLink(99, HAN.id, "influences", ZHANG.id, 4)


def test_the_boss_of_three_ranks_above_each_of_them() -> None:
    ranking = influence_ranking(TEAM[:4], THREE_REPORT_TO_ZHANG)
    assert ranking[0].contact_id == ZHANG.id and ranking[0].rank == 1
    assert ranking[0].direct_reports == 3
    assert {c.contact_id for c in ranking[0].because} == {WANG.id, LI.id, TOM.id}
    assert all(c.via == DIRECT_REPORT for c in ranking[0].because)


def test_the_person_who_sways_the_boss_ranks_above_the_boss_s_reports() -> None:
    ranking = influence_ranking(TEAM, [*THREE_REPORT_TO_ZHANG, HAN_SWAYS_ZHANG])
    order = [r.contact_id for r in ranking]
    assert order.index(HAN.id) < min(order.index(WANG.id), order.index(LI.id), order.index(TOM.id))
    han = next(r for r in ranking if r.contact_id == HAN.id)
    assert han.sways == 1 and han.because[0].contact_id == ZHANG.id and han.because[0].via == SWAYS


def test_every_score_is_explained_by_own_importance_plus_its_ties() -> None:
    for r in influence_ranking(TEAM, [*THREE_REPORT_TO_ZHANG, HAN_SWAYS_ZHANG], top=10):
        assert abs(r.own + sum(c.share for c in r.because) - 1.0) < 1e-6


def test_scores_sum_to_one_and_the_top_person_is_the_yardstick() -> None:
    ranking = influence_ranking(TEAM, [*THREE_REPORT_TO_ZHANG, HAN_SWAYS_ZHANG])
    assert abs(sum(r.score for r in ranking) - 1.0) < 1e-9
    assert ranking[0].relative == 1.0 and all(0 < r.relative <= 1.0 for r in ranking)


def test_the_same_map_always_gives_the_same_ranking() -> None:
    links = [*THREE_REPORT_TO_ZHANG, HAN_SWAYS_ZHANG]
    assert influence_ranking(TEAM, links) == influence_ranking(list(reversed(TEAM)), list(reversed(links)))


def test_with_no_ties_the_more_important_person_ranks_first() -> None:
    vp = Contact(10, "Grace Wu", importance=5)
    clerk = Contact(11, "小刘", importance=1)
    ranking = influence_ranking([clerk, vp], [])
    assert [r.contact_id for r in ranking] == [vp.id, clerk.id]
    assert ranking[0].own == 1.0 and ranking[0].because == ()


def test_a_strong_reporting_line_lifts_its_boss_more_than_a_dotted_one() -> None:
    solid = Contact(20, "孟行长")
    dotted = Contact(21, "周处长")
    analyst = Contact(22, "Amy Chen")
    links = [_reports(analyst, solid, 5, 1), _reports(analyst, dotted, 1, 2)]
    ranking = influence_ranking([solid, dotted, analyst], links)
    assert [r.contact_id for r in ranking][:2] == [solid.id, dotted.id]


def test_ties_to_people_off_the_map_and_rivalries_do_not_count() -> None:
    links = [ContactLink(1, WANG.id, "reports_to", 999, 5), ContactLink(2, WANG.id, "rival", LI.id, 5)]
    ranking = influence_ranking([WANG, LI], links)
    assert all(r.because == () for r in ranking)


def test_an_empty_map_has_no_ranking() -> None:
    assert influence_ranking([], []) == []


def _reference_scores(contacts: list[Contact], links: list[ContactLink], damping: float = 0.85
                      ) -> tuple[dict[int, float], dict[int, float]]:
    """The pure-Python power iteration the ranking used before numpy: scores and own parts by contact id."""
    ids = sorted(c.id for c in contacts)
    at = {cid: i for i, cid in enumerate(ids)}
    flows = [(at[lk.from_id], at[lk.to_id], lk.strength) if lk.kind == "reports_to" else
             (at[lk.to_id], at[lk.from_id], lk.strength) for lk in known_links(links, ids)
             if lk.kind in ("reports_to", "influences")]
    out = [0.0] * len(ids)
    for src, _, s in flows:
        out[src] += s
    into: list[list[tuple[int, float]]] = [[] for _ in ids]
    for src, dst, s in flows:
        into[dst].append((src, s / out[src]))
    weights = [float(min(5, max(1, c.importance))) for c in sorted(contacts, key=lambda c: c.id)]
    prior = [w / sum(weights) for w in weights]
    scores, base = prior[:], prior[:]
    for _ in range(200):
        keep = 1.0 - damping + damping * sum(scores[i] for i in range(len(ids)) if not out[i])
        base = [keep * p for p in prior]
        new = [b + damping * sum(scores[src] * w for src, w in ins) if ins else b
               for b, ins in zip(base, into, strict=True)]
        delta = sum(abs(a - b) for a, b in zip(new, scores, strict=True))
        scores = new
        if delta < 1e-9:
            break
    return dict(zip(ids, scores, strict=True)), dict(zip(ids, base, strict=True))


def _random_map(size: int, seed: int) -> tuple[list[Contact], list[ContactLink]]:
    rnd = random.Random(seed)
    people = [Contact(cid, f"p{cid}", importance=rnd.randint(1, 5)) for cid in rnd.sample(range(1, 3 * size), size)]
    ids = [c.id for c in people]
    kinds = ("reports_to", "influences", "knows", "rival")
    links = [ContactLink(i, rnd.choice(ids), rnd.choice(kinds), rnd.choice(ids), rnd.randint(1, 5))
             for i in range(1, 3 * size)]
    return people, links


def test_numpy_iteration_matches_the_pure_python_one_on_a_random_2000_person_map() -> None:
    people, links = _random_map(2_000, seed=7)
    scores, base = _reference_scores(people, links)
    ranking = influence_ranking(people, links, top=5)
    # the same sums in the same order, so not merely close: the very same floats
    assert {r.contact_id: r.score for r in ranking} == scores
    assert all(r.own == base[r.contact_id] / r.score for r in ranking)
    importance = {c.id: c.importance for c in people}
    expected = sorted(scores, key=lambda cid: (-round(scores[cid], 12), -importance[cid], cid))
    assert [r.contact_id for r in ranking] == expected


def test_each_reason_is_the_share_its_tie_brings_computed_from_the_scores() -> None:
    people, links = _random_map(300, seed=11)
    scores, _ = _reference_scores(people, links)
    out: dict[int, int] = {}
    for lk in known_links(links, scores):
        if lk.kind in ("reports_to", "influences"):
            src = lk.from_id if lk.kind == "reports_to" else lk.to_id
            out[src] = out.get(src, 0) + lk.strength
    for r in influence_ranking(people, links, top=10):
        shares = [c.share for c in r.because]
        assert shares == sorted(shares, reverse=True)
        for c in r.because:
            assert c.share == 0.85 * scores[c.contact_id] * c.strength / out[c.contact_id] / r.score
        assert abs(r.own + sum(shares) - 1.0) < 1e-6 or len(r.because) == 10  # up to convergence
