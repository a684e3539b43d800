"""Stance towards us and deal roles, attached to the person each clause is about."""

from __future__ import annotations

import re

from domain.meeting_log import DealRole, Stance
from domain.understanding.names import Mention
from domain.understanding.text import Span

_NEG = r"(?:不太|不怎么|不是很|不大|不|没有?|并不|毫不)"
STANCE_CUES: tuple[tuple[Stance, re.Pattern[str]], ...] = (
    ("opponent", re.compile(
        rf"{_NEG}(?:太|很|怎么)?(?:感冒|支持|认可|看好我们|买账|感兴趣|满意|喜欢|待见)|倾向(?:于)?(?:竞争对手|友商|对手|别家|其他)|"
        rf"(?:更|比较|很)?(?:看好|偏向|偏好|青睐|倾向)(?:于)?(?:竞争对手|友商|对手|别家|(?:老|原|现有的?)(?:供应商|厂商|厂家)|[\u4e00-\u9fff]{{2,4}}(?:科技|公司|集团|软件))|反对|抵触|排斥|"
        rf"有意见|唱反调|兴趣不大|没(?:什么)?兴趣|站在对手|对我们(?:有看法|有成见|冷淡)|\b(?:against|opposes?|opposed|hostile|blocker|sceptical|skeptical|"
        rf"prefers? (?:the )?(?:competitor|other vendor|[A-Z]\w+)|leans? towards? (?:the )?(?:competitor|[A-Z]\w+)|not a fan|"
        rf"unhappy with us|pushing back|detractor|favou?rs (?:the )?competitor)\b", re.A)),
    ("supporter", re.compile(
        r"(?<!不)(?<!不太)(?:很|非常|十分|比较|挺|特别|大力|一直)(?:支持|认可|看好)|(?<![不没])(?:支持|认可|看好)(?:我们|我方|我司)|力挺|站在我们这边|是我们的人|"
        r"倾向(?:于)?(?:我们|我方|我司)|偏向我们|对我们(?:很|非常)?(?:满意|认可|友好)|(?:很|非常|十分|挺)(?:满意|认可|欣赏|感兴趣)|欣赏我们|"
        r"\b(?:backs|backed|supports|supported|supportive|supporter|is a fan|fan of|in favou?r of|likes our|loves our|"
        r"champion|on our side|advocates? for|sold on|keen on our|positive about)\b", re.A)),
    ("neutral", re.compile(
        r"中立|态度不明|还没表态|没有表态|观望|不偏不倚|两边都|不冷不热|\b(?:neutral|on the fence|undecided|non-?committal|sitting on the fence|"
        r"lukewarm|wait[- ]and[- ]see|hasn't decided|has not decided)\b",
        re.A)),
)
ROLE_CUES: tuple[tuple[DealRole, re.Pattern[str]], ...] = (
    ("decision_maker", re.compile(
        r"拍板|决策人|最终决策|说了算|一把手|最后定|决定权|\b(?:decision[- ]maker|final say|final decision|makes the call|"
        r"signs? off|decides|ultimate decision)\b", re.I | re.A)),
    ("economic_buyer", re.compile(
        r"管钱|管预算|批预算|预算审批|预算由[他她]|掌握预算|出钱|财务把关|控制预算|\b(?:economic buyer|holds? the budget|owns? the "
        r"budget|controls? the budget|budget owner|signs? the cheque|signs? the check|holds the purse)\b", re.I | re.A)),
    ("coach", re.compile(r"教练|内线|线人|带路人|\b(?:champion|coach|inside man|insider|our guide)\b", re.I | re.A)),
    ("technical_buyer", re.compile(
        r"技术把关|技术评估|负责技术选型|技术评审|技术负责人|\b(?:technical buyer|technical evaluation|tech lead|evaluates the tech|"
        r"technical gatekeeper)\b", re.I | re.A)),
    ("user_buyer", re.compile(r"使用部门|最终用户|用户方|业务部门负责|\b(?:end[- ]user|user buyer)\b", re.I | re.A)),
    ("procurement", re.compile(r"采购(?:经理|负责人|部|主管|专员|总监)?|\bprocurement\b|\bbuyer\b|\bpurchasing\b", re.I | re.A)),
    ("influencer", re.compile(r"影响力|说话有分量|很有话语权|\b(?:influencer|influential)\b", re.I | re.A)),
)


def subject_at(mentions: list[Mention], clause: Span, pos: int) -> int | None:
    """The person a cue at pos is about: the nearest mention before it in the clause, else the last one before."""
    before = [m for m in mentions if m.end <= pos]
    inside = [m for m in before if m.start >= clause[0]]
    if inside:
        return inside[-1].who
    after = [m for m in mentions if clause[0] <= m.start < clause[1]]
    if after:
        return after[0].who
    return before[-1].who if before else None


def stances(text: str, mentions: list[Mention], spans: list[Span]) -> dict[int, tuple[Stance, Span]]:
    """Stance per person index, from the first cue found about them."""
    out: dict[int, tuple[Stance, Span]] = {}
    for clause in spans:
        piece = text[clause[0]:clause[1]]
        for stance, pattern in STANCE_CUES:
            m = pattern.search(piece)
            if not m:
                continue
            who = subject_at(mentions, clause, clause[0] + m.start())
            if who is not None:
                out.setdefault(who, (stance, (clause[0] + m.start(), clause[0] + m.end())))
            break
    return out


def roles(text: str, mentions: list[Mention], spans: list[Span]) -> dict[int, tuple[DealRole, Span]]:
    """Deal role per person index, from role cues in the clause that is about them."""
    out: dict[int, tuple[DealRole, Span]] = {}
    for clause in spans:
        piece = text[clause[0]:clause[1]]
        for role, pattern in ROLE_CUES:
            m = pattern.search(piece)
            if not m:
                continue
            if role == "procurement" and not _procurement_person(piece, m):
                continue
            who = _role_subject(mentions, clause, clause[0] + m.start(), clause[0] + m.end())
            if who is not None and who not in out:
                out[who] = (role, (clause[0] + m.start(), clause[0] + m.end()))
            break
    return out


def _procurement_person(piece: str, m: re.Match[str]) -> bool:
    if re.search(r"(?:负责|主管|分管|管)[^，,。]{0,4}$|\b(?:runs|handles|in charge of|leads|heads)\s+$", piece[:m.start()], re.I):
        return True  # 负责这次采购的孟晓燕, who runs procurement
    return bool(re.match(r"(?:经理|负责人|主管|专员|总监|manager|lead|head|officer)", piece[m.end():].strip(), re.I)) or \
        bool(re.search(r"(?:经理|负责人|主管|专员|总监)$", m.group()))


def _role_subject(mentions: list[Mention], clause: Span, start: int, end: int) -> int | None:
    right = [m for m in mentions if end <= m.start < clause[1] and not m.pronoun and m.start - end <= 1]
    if right:
        return right[0].who  # a title right before the name: 采购经理邓超
    return subject_at(mentions, clause, start)
