"""The proposition library's rules: what a pitch must have to be kept, and how a search reads its words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from domain.graph.chain import (
    COACH,
    DECISION_MAKER,
    ECONOMIC_BUYER,
    INFLUENCER,
    PROCUREMENT,
    ROLES,
    TECHNICAL_BUYER,
    USER_BUYER,
)
from domain.pitches import MAX_POINTS, MIN_POINTS, Proposition, point_key, speakable, spoken_length

TITLE_MAX = 120
# Words a rep types for the person a pitch speaks to, in both languages: a title (CFO, 财务总监) names the
# chain role it usually holds. The role's own name in the catalogs (经济决策者, economic buyer) is here too.
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    DECISION_MAKER: ("decision maker", "拍板人", "拍板", "决策人", "决策者", "CEO", "总经理", "董事长", "行长", "一把手",
                     "president", "GM", "首席执行官", "老板", "boss"),
    ECONOMIC_BUYER: ("economic buyer", "经济决策者", "CFO", "财务", "财务总监", "首席财务官", "finance", "预算",
                     "budget", "budget owner"),
    TECHNICAL_BUYER: ("technical buyer", "技术把关者", "CTO", "CIO", "技术", "技术负责人", "架构师", "architect",
                      "首席技术官", "IT", "tech lead"),
    USER_BUYER: ("user buyer", "使用部门", "业务部门", "业务", "end user", "用户", "运营", "operations"),
    COACH: ("coach", "教练", "内线", "champion", "insider"),
    INFLUENCER: ("influencer", "影响者", "影响力"),
    PROCUREMENT: ("procurement", "采购", "purchasing", "采购经理", "招标"),
}
_CJK = re.compile(r"[\u3400-\u9fff]")
_SPLIT = re.compile(r"[\s,，、;；/]+")


@dataclass(frozen=True)
class Problem:
    """Why a pitch cannot be kept, on the field to fix: a missing title or point, or seconds over the minute."""

    field: str  # "title", "point_1" … "point_3"
    code: str  # "title_missing", "title_too_long", "too_few_points", "too_many_points", "nothing_to_say", "too_long"
    over: int = 0
    seconds: int = 0


def said_points(points: Iterable[str | None]) -> tuple[str, ...]:
    """The points as the rep means them: trimmed, the empty ones left out, in order."""
    return tuple(p.strip() for p in points if p and p.strip())


def check_pitch(title: str | None, points: Sequence[str | None]) -> tuple[Problem, ...]:
    """What stops a pitch from joining the library: a title, 2–3 points with words in them, and 60 seconds when spoken."""
    problems, title = [], (title or "").strip()
    if not title:
        problems.append(Problem("title", "title_missing"))
    elif len(title) > TITLE_MAX:
        problems.append(Problem("title", "title_too_long"))
    return tuple(problems) + _point_problems(points)


def _point_problems(points: Sequence[str | None]) -> tuple[Problem, ...]:
    said = said_points(points)
    if len(said) < MIN_POINTS:
        empty = [i for i, p in enumerate(points, start=1) if not (p or "").strip()] or [len(points) + 1]
        return (Problem(f"point_{min(empty[0], MIN_POINTS)}", "too_few_points"),)
    if len(said) > MAX_POINTS:
        return (Problem(f"point_{MAX_POINTS}", "too_many_points"),)
    # A point of emoji or punctuation alone has nothing for the listener to remember.
    mute = [Problem(f"point_{i}", "nothing_to_say") for i, p in enumerate(points, start=1)
            if (p or "").strip() and not speakable(p or "")]
    if mute:
        return tuple(mute)
    length = spoken_length(said)
    if length.fits:
        return ()
    longest = max(range(len(points)), key=lambda i: len((points[i] or "").strip()))  # where trimming pays most
    return (Problem(f"point_{longest + 1}", "too_long", length.overrun, length.seconds),)


def role_named(word: str) -> str | None:
    """The chain role a typed word names (CFO, 财务, economic buyer, economic_buyer), or None."""
    key = point_key(word)
    known = [(point_key(alias), role) for role in ROLES for alias in (role, *ROLE_WORDS.get(role, ()))]
    exact = [role for alias, role in known if key and alias == key]
    # A Chinese title often wraps the role word (财务部长, 技术总监); a Latin one must match whole.
    inside = sorted(((len(alias), role) for alias, role in known
                     if key and _CJK.search(alias) and len(alias) >= 2 and alias in key), reverse=True)
    return exact[0] if exact else inside[0][1] if inside else None


def in_industry(typed: str, industry: str | None) -> bool:
    """Whether an account's industry is the one a rep typed (银行 is 银行业, Banking is banking)."""
    a, b = point_key(typed), point_key(industry or "")
    return bool(a and b) and (a in b or b in a)


def search_words(text: str) -> tuple[str, ...]:
    """The words of a search, split on spaces and commas; two words that name a role (economic buyer) stay one."""
    split, words = [w for w in _SPLIT.split(text.strip()) if w], []
    while split:
        pair = " ".join(split[:2])
        taken = 2 if len(split) > 1 and role_named(pair) else 1
        words.append(pair if taken == 2 else split[0])
        del split[:taken]
    return tuple(words)


def matches(prop: Proposition, words: Sequence[str]) -> bool:
    """Whether every word is in the pitch: its title, points, industries, products or tags, or names its role."""
    text = point_key(" ".join((prop.title, *prop.points, *prop.industries, *prop.products, *prop.tags)))
    for word in words:
        role = role_named(word)
        if not (point_key(word) in text or (role is not None and role in prop.roles)):
            return False
    return True
