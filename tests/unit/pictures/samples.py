"""A small Chinese account and deal to draw in tests."""

from __future__ import annotations

from domain.entities import ChainMember, Contact, ContactLink

PEOPLE = (
    # id, name, title, department, importance, stance
    (1, "孟行长", "行长", "行领导", 5, "neutral"),
    (2, "张伟", "首席技术官", "信息科技部", 5, "supporter"),
    (3, "李娜", "信息科技部总经理", "信息科技部", 4, "supporter"),
    (4, "王强", "架构师", "信息科技部", 3, "neutral"),
    (5, "赵敏", "运维经理", "信息科技部", 2, "unknown"),
    (6, "陈静", "采购部总经理", "采购部", 4, "opponent"),
    (7, "刘洋", "采购专员", "采购部", 2, "neutral"),
    (8, "周杰", "副行长（分管财务）", "行领导", 4, "neutral"),
    (9, "吴芳", "计划财务部总经理", "计划财务部", 3, "unknown"),
    (10, "冯涛", "数据中心主任", "信息科技部", 3, "opponent"),
    (11, "Kevin Zhou", "Head of Digital Channels", "零售银行部", 3, "supporter"),
    (12, "郑丽", "风险管理部副总", "风险管理部", 3, "neutral"),
)
REPORTS = ((2, 1), (8, 1), (3, 2), (4, 3), (5, 3), (10, 2), (6, 8), (7, 6), (9, 8))
OTHER = ((3, "influences", 1), (12, "influences", 6), (3, "ally", 11), (6, "rival", 2), (9, "knows", 4))


def contacts() -> list[Contact]:
    """The account's people."""
    return [Contact(id=i, name=n, title=t, department=d, importance=imp, stance=s, account_name="华夏银行")
            for i, n, t, d, imp, s in PEOPLE]


def links() -> list[ContactLink]:
    """Reporting lines, then influence, alliance, rivalry and acquaintance."""
    lines = [(a, "reports_to", b) for a, b in REPORTS] + list(OTHER)
    return [ContactLink(id=n, from_id=a, kind=k, to_id=b) for n, (a, k, b) in enumerate(lines, 1)]


def departments() -> dict[int, str | None]:
    """Contact id to department name."""
    return {i: d for i, _, _, d, _, _ in PEOPLE}


def chain() -> tuple[list[tuple[ChainMember, Contact]], list[str]]:
    """A deal's chain: 孟行长 decides, 周杰 pays, 张伟 judges the tech, 陈静 buys; coach and users missing."""
    people = {c.id: c for c in contacts()}
    rows = ((1, 1, "decision_maker", 5, "neutral", None), (2, 8, "economic_buyer", 4, "unknown", 1),
            (3, 2, "technical_buyer", 5, "supporter", 1), (4, 4, "technical_buyer", 3, "neutral", 3),
            (5, 6, "procurement", 4, "opponent", 2), (6, 12, "influencer", 3, "unknown", 3))
    members = [(ChainMember(id=i, deal_id=1, contact_id=c, role=r, influence=inf, stance=s,
                            reports_to_member_id=boss), people[c]) for i, c, r, inf, s, boss in rows]
    return members, ["user_buyer", "coach"]
