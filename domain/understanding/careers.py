"""Career dates a log tells about a person: a promotion, and when they joined their organisation.

Conventions, decided here once:

- A promotion is dated by what its clause says: a day (昨天, 3月5日, last Monday), a week (上周, last
  week → its Monday) or a month (上个月, last month, March → its 1st). With only 刚 / 最近 / just /
  recently, or no time at all, it is news of the log: the day of the logged interaction. A promotion
  dated by a year alone (去年升任) is not kept: its day is unknown.
- A join date keeps what the text gives: a year and month (2019年6月, March 2018) → the 1st of that
  month; a year alone (2019年加入, joined in 2019) or a span (入职五年了, has been with them for 8
  years) → that year, on the month and day of the logged interaction. A join without any date
  ("joined the call") is not an anniversary.
- Wishes, doubts and denials (希望升职, 有望晋升, might be promoted, wasn't promoted) are not facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain.meeting_log import CareerDate
from domain.understanding.periods import period_in
from domain.understanding.profile import title_at

_ZH_PROMOTED = re.compile(r"升任|晋升|荣升|提拔|升职|高升|任命为|(?:提升|升|提)(?:为|到|至|成)")
_ZH_NEEDS_TITLE = re.compile(r"^(?:提升|升|提)(?:为|到|至|成)$")
_EN_PROMOTED = re.compile(
    r"\b(?:was|were|got|gets|been|is|just|recently|newly)\s+(?:just\s+|recently\s+|finally\s+)?promoted\b|"
    r"\b(?:his|her)\s+(?:recent\s+|new\s+)?promotion\b(?!al)", re.I | re.A)
_EN_APPOINTED = re.compile(
    r"\b(?:(?:was|got|been|is|just|recently)\s+(?:just\s+|recently\s+)?(?:appointed|named|made|elevated)|"
    r"became|stepped\s+up\s+(?:as|to)|took\s+over\s+as|moved\s+up\s+to)\b", re.I | re.A)
_ZH_JOINED = re.compile(r"加入|入职|进入|加盟|跳槽到|跳槽去|(?<=年)进|(?<=月)进|(?<=月份)进")
_ZH_SERVED = re.compile(r"在[^，,。；;]{1,12}?(?:工作|任职)")
_EN_JOINED = re.compile(r"\b(?:joined|started\s+(?:at|with)|came\s+on\s+board|has\s+been\s+(?:with|at)|"
                        r"have\s+been\s+(?:with|at)|'s\s+been\s+(?:with|at))\b", re.I | re.A)
_HEDGE = re.compile(r"希望|祝(?!贺)|(?<!没)想要?(?!到)|争取|有望|可能|或许|也许|没有|没(?!想到)|未(?!来)|不会|竞聘|候选|等待|等着|"
                    r"\b(?:[Hh]ope|hopes|hoping|wish|might|may|could|would|not|never|up\s+for|in\s+line\s+for|candidate|if)\b|"
                    r"n't\b", re.A)
_OTHER_SUBJECT = re.compile(r"我们|我|咱们|他们|她们|公司|\b(?:we|I|they|our|us)\b", re.A)


@dataclass(frozen=True)
class CareerHit:
    """A career date found in a clause: what it is, the new title a promotion names, where its cue is."""

    fact: CareerDate
    title: str | None
    cue: int
    end: int


def career_dates_in(clause: str, today: date, logged_on: date) -> list[CareerHit]:
    """The promotion and join date a clause states, if any, each with the offset of its cue."""
    out = [hit for hit in (_promotion(clause, today, logged_on), _joined(clause, today, logged_on)) if hit]
    return sorted(out, key=lambda h: h.cue)


def owned_by_subject(between: str) -> bool:
    """True when nothing between the person's mention and the cue makes someone else the subject ("我们2019年加入")."""
    return _OTHER_SUBJECT.search(between) is None


def _promotion(clause: str, today: date, logged_on: date) -> CareerHit | None:
    cue = _promotion_cue(clause)
    if cue is None or _HEDGE.search(clause[:cue.end()]):
        return None
    period = period_in(clause, today)
    if period is not None and period.month is None:
        return None  # 去年升任: the year alone does not date it
    on = period.first_day() if period is not None else logged_on
    return CareerHit(CareerDate("promotion", on), title_at(clause[cue.end():]), cue.start(), cue.end())


def _promotion_cue(clause: str) -> re.Match[str] | None:
    for m in _ZH_PROMOTED.finditer(clause):
        if not _ZH_NEEDS_TITLE.match(m.group()) or title_at(clause[m.end():]):
            return m
    promoted = _EN_PROMOTED.search(clause)
    if promoted:
        return promoted
    return next((m for m in _EN_APPOINTED.finditer(clause) if title_at(clause[m.end():].lstrip())), None)


def _joined(clause: str, today: date, logged_on: date) -> CareerHit | None:
    cue = _ZH_JOINED.search(clause) or _ZH_SERVED.search(clause) or _EN_JOINED.search(clause)
    if cue is None or _HEDGE.search(clause[:cue.end()]):
        return None
    period = period_in(clause, today)
    if period is None or period.year is None:
        return None
    on = period.first_day() if period.month is not None else _on_day_of(logged_on, period.year)
    return CareerHit(CareerDate("work_anniversary", on), None, cue.start(), cue.end())


def _on_day_of(logged_on: date, year: int) -> date:
    """The month and day of the log in `year` (29 February → the 28th in a common year)."""
    try:
        return logged_on.replace(year=year)
    except ValueError:
        return date(year, 2, 28)

