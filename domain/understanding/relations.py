"""Ties between named people: reporting lines, influence, alliances, rivalries and acquaintance."""

from __future__ import annotations

import re

from domain.meeting_log import RelationKind
from domain.understanding.names import Mention
from domain.understanding.text import Span

P = r"⟨(\d+)⟩"
_PRESENTING = r"(?!了?(?:一下|一次)?(?:我们|我方|方案|进展|情况|结果|计划|路线|产品|报价|项目|思路|规划|roadmap))"
# (pattern, kind, reversed): reversed means the second person is the "from" side.
DIRECTED: tuple[tuple[re.Pattern[str], RelationKind, bool], ...] = (
    (re.compile(rf"{P}[^⟨，。；]{{0,8}}?向(?:[A-Za-z]{{2,5}}\s*)?{P}(?:直接)?汇报{_PRESENTING}"), "reports_to", False),
    (re.compile(rf"{P}[^⟨，。；]{{0,4}}?(?:直接)?(?:汇报给|归|隶属于?|受){P}(?:管|领导|直接管)?(?![^，。；]{{0,6}}方案)"),
     "reports_to", False),
    (re.compile(rf"{P}(?:是|为){P}的(?:下属|手下|部下|兵|人)"), "reports_to", False),
    (re.compile(rf"{P}的(?:直属|顶头)?(?:领导|上级|老板|上司|领导)(?:是|[、，,：:]?){P}"), "reports_to", False),
    (re.compile(rf"{P}的(?:直属|直接)?(?:下属|手下|部下)(?:是|[、，,：:])?[^⟨。；，]{{0,10}}?{P}"), "reports_to", True),
    (re.compile(rf"{P}(?:是|为){P}的(?:直属|顶头)?(?:领导|上级|老板|上司)"), "reports_to", True),
    (re.compile(rf"{P}[^⟨.;]{{0,40}}?\breports?\s+(?:directly\s+)?(?:in\s+)?to\s+(?:[A-Za-z]+\s+){{0,3}}?{P}", re.A),
     "reports_to", False),
    (re.compile(rf"{P}\s+(?:works|worked)\s+(?:for|under)\s+{P}", re.A), "reports_to", False),
    (re.compile(rf"{P}'s?\s+(?:boss|manager|line manager|superior)\s+is\s+{P}", re.A), "reports_to", False),
    (re.compile(rf"{P}\s+is\s+{P}'s?\s+(?:boss|manager|line manager|superior)", re.A), "reports_to", True),
    (re.compile(rf"{P}\s+(?:manages|runs)\s+{P}", re.A), "reports_to", True),
    (re.compile(rf"{P}[^⟨，。；]{{0,6}}?(?:信任|信赖|器重|倚重|看重|重视){P}"), "influences", True),
    (re.compile(rf"{P}[^⟨，。；]{{0,6}}?听{P}的"), "influences", True),
    (re.compile(rf"{P}[^⟨，。；]{{0,8}}?(?:能|可以|会)?影响(?:到)?{P}"), "influences", False),
    (re.compile(rf"{P}(?:的(?:意见|看法|建议|话))?对{P}(?:的决策|的判断)?(?:影响很大|很有影响|有影响|影响大|很重要)"),
     "influences", False),
    (re.compile(rf"{P}\s+(?:trusts|relies on|listens to|defers to|leans on)\s+{P}", re.A), "influences", True),
    (re.compile(rf"{P}[^⟨.;]{{0,12}}?\b(?:influences|sways|has the ear of)\s+{P}", re.A), "influences", False),
    (re.compile(rf"{P}\s+has\s+{P}'s?\s+ear", re.A), "influences", False),
    (re.compile(rf"{P}\s+has\s+(?:a lot of |strong |real |much )?influence\s+(?:over|on)\s+{P}", re.A), "influences", False),
)
SYMMETRIC: tuple[tuple[re.Pattern[str], RelationKind], ...] = (
    (re.compile(r"同学|校友|老乡|同乡|老同事|战友|发小|私交(?:不错|很好|甚好|很深)|关系(?:很|非常|挺|特别)?(?:好|铁|密切|近|不错)|"
                r"走得(?:很|比较)?近|是(?:好)?朋友|一个阵营|同一阵营|一条线上|穿一条裤子|"
                r"\b(?:friends|allies|ally|classmates|close to each other|(?:is|are|very|really) close(?: to)?|get along well|go way back|same camp|aligned with each other)\b",
                re.A), "ally"),
    (re.compile(r"不和|不合|不对付|有矛盾|矛盾(?:很深|很大)|对头|关系(?:紧张|很差|不好)|明争暗斗|互相拆台|有过节|面和心不和|"
                r"\b(?:clash|clashes|clashed|rivals?|don't get along|do not get along|at odds|feud|butt heads|bad blood)\b", re.A),
     "rival"),
    (re.compile(r"认识(?!到)|熟悉|相识|打过交道|\b(?:knows|know each other|acquainted|met before)\b", re.A), "knows"),
)


def _masked(text: str, span: Span, mentions: list[Mention]) -> str:
    out, pos = [], span[0]
    for m in mentions:
        if m.start >= span[0] and m.end <= span[1]:
            out.append(text[pos:m.start])
            out.append(f"⟨{m.who}⟩")
            pos = m.end
    out.append(text[pos:span[1]])
    return "".join(out)


def find_relations(text: str, mentions: list[Mention], sentences: list[Span]) -> list[tuple[int, RelationKind, int, Span]]:
    """(from, kind, to, sentence) for each tie stated between two distinct people."""
    found: list[tuple[int, RelationKind, int, Span]] = []
    for sent in sentences:
        masked = _masked(text, sent, mentions)
        for pattern, kind, rev in DIRECTED:
            for m in pattern.finditer(masked):
                a, b = int(m.group(1)), int(m.group(2))
                if a != b:
                    found.append((b, kind, a, sent) if rev else (a, kind, b, sent))
        found += _symmetric(masked, sent)
    return _dedupe(found)


def _symmetric(masked: str, sent: Span) -> list[tuple[int, RelationKind, int, Span]]:
    for pattern, kind in SYMMETRIC:
        m = pattern.search(masked)
        if not m:
            continue
        before = _distinct(re.findall(P, masked[:m.start()]))
        people = before[-2:] if len(before) >= 2 else _distinct(re.findall(P, masked))[:2]
        if len(people) == 2:
            return [(people[0], kind, people[1], sent)]
    return []


def _distinct(ids: list[str]) -> list[int]:
    out: list[int] = []
    for i in ids:
        if int(i) not in out:
            out.append(int(i))
    return out


def _dedupe(found: list[tuple[int, RelationKind, int, Span]]) -> list[tuple[int, RelationKind, int, Span]]:
    seen: set[tuple[int, str, int]] = set()
    out = []
    for a, kind, b, sent in found:
        key = (min(a, b), kind, max(a, b)) if kind in ("ally", "rival", "knows") else (a, kind, b)
        if key not in seen:
            seen.add(key)
            out.append((a, kind, b, sent))
    return out
