"""Tense of each clause, the day the interaction happened, planned meetings and deal dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain.understanding.dates import DateHit, TimeHit
from domain.understanding.text import Span

_FUTURE = re.compile(
    r"^\s*(?:再|又)?约|下周|下个?月|下星期|明天|后天|将|将要|(?<![频开话例晚早年周大讨峰聚])会(?!议|谈|面|上)|要|计划|打算|准备|再约|约(?:了|在|好)|安排|预计|拟|届时|之前|以前|(?<=[二三四五六日天号])前|"
    r"\b(?:will|going to|plan|plans|planned|scheduled|set up|booked|upcoming|tomorrow|next|shall|by|before|need|needs)\b|'ll\b|^\s*[A-Z][a-z]+ing\b",
    re.A)
_PAST = re.compile(r"了|过|已经|已|刚|\b(?:met|had|was|were|sent|called|spoke|visited|did|went|discussed|presented|"
                   r"agreed|told|said|talked|chatted|emailed|phoned|texted|ago|yesterday|last)\b", re.A)
MEETING_CUE = re.compile(
    r"约|见|拜访|会议|开会|碰|聊|去看|参观|考察|吃饭|饭|喝茶|咖啡|汇报|交流|沟通|讨论|拜会|(?<!竞争性)谈(?!判)|研讨会|交流会|座谈|"
    r"启动会|演示|再看一次|会面|"
    r"\b(?:meet|meeting|call|catch up|visit|present|presenting|presentation|lunch|dinner|coffee|review|workshop|session|"
    r"sync|see|seeing|follow[- ]up|demo|kick-?off)\b", re.I | re.A)
DEAL_DATE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("tender_on", re.compile(r"开标|投标(?:截止|日期|时间)|(?<!邀请)招标(?!文件|资料|方式)|评标|\b(?:bid opening|tender (?:date|day|opens|closes)|bids? (?:are )?due|"
                             r"tender)\b", re.I | re.A)),
    ("rfp_due", re.compile(r"招标文件|标书|RFP|需求文件|\b(?:rfp|spec)\b", re.I | re.A)),
    ("close_on", re.compile(r"签约|签合同|合同签|签单|(?:前|底|内)签(?![到字名收])|\b(?:close|closing|sign|signing|signed|contract)\b", re.I | re.A)),
)


@dataclass(frozen=True)
class ClauseTime:
    """A clause's dates (resolved in the clause's tense) and clock times."""

    span: Span
    future: bool
    dates: tuple[tuple[DateHit, date], ...]
    times: tuple[TimeHit, ...]


def clause_is_future(piece: str, hits: list[DateHit], today: date | None = None) -> bool:
    """True when a clause talks about something still to come."""
    if any(h.direction == "future" for h in hits):
        return True
    if any(h.direction == "past" for h in hits):
        return False
    if _FUTURE.search(piece) or _PAST.search(piece):
        return bool(_FUTURE.search(piece)) and not _PAST.search(piece)
    return today is not None and any(_nearer_ahead(h, today) for h in hits)


def _nearer_ahead(hit: DateHit, today: date) -> bool:
    """A bare month and day with no tense ("Jan 5: kickoff") is the nearer of last and next such day."""
    if hit.past is None or hit.future is None or (hit.future - hit.past).days < 60:
        return False
    return (hit.future - today) < (today - hit.past)


def read_clauses(text: str, spans: list[Span], dates: list[DateHit], times: list[TimeHit],
                 today: date | None = None) -> list[ClauseTime]:
    """Each clause with its tense and its dates read in that tense."""
    out = []
    for a, b in spans:
        hits = [h for h in dates if a <= h.start < b]
        future = clause_is_future(text[a:b], hits, today)
        resolved = tuple((h, d) for h in hits if (d := h.value(future)) is not None)
        out.append(ClauseTime((a, b), future, resolved, tuple(t for t in times if a <= t.start < b)))
    return out


def time_for(clause: ClauseTime, hit: DateHit) -> str | None:
    """The clock time nearest after the date in its clause (else any time in the clause)."""
    after = [t for t in clause.times if t.start >= hit.start]
    chosen = after[0] if after else (clause.times[-1] if clause.times else None)
    return chosen.hhmm if chosen else None


def deal_date_kind(piece: str) -> str | None:
    """Which deal date (tender_on, rfp_due, close_on) a clause is about, if any."""
    for kind, pattern in DEAL_DATE_CUES:
        if pattern.search(piece):
            return kind
    return None
