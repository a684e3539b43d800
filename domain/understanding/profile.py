"""Titles and departments written next to a person's name."""

from __future__ import annotations

import re

from domain.understanding.lexicon import DEPT_SUFFIXES, SURNAME_TITLES, TITLE_HEADS, TITLE_MODIFIERS
from domain.understanding.text import Span

_HEADS = "|".join(h for h in TITLE_HEADS if h != "总")
_MODS = "|".join(TITLE_MODIFIERS)
_ZH_TITLE_BEFORE = re.compile(rf"((?:[A-Za-z]{{1,5}}|{_MODS})*(?:{_HEADS}))$")
_ZH_TITLE_AFTER = re.compile(rf"^(?:是|，|,|\s|担任|任)*(?:[\u4e00-\u9fff]{{2,4}}的)?((?:[A-Za-z]{{1,5}}|{_MODS})*(?:{_HEADS}))(?![\u4e00-\u9fff]?人)")
_DEPT_BEFORE = re.compile(
    rf"((?:[A-Za-z]{{1,6}}|[^\W\d_的了和与跟在是对为也很都、，,的]{{1,5}}?)(?:{'|'.join(DEPT_SUFFIXES)}))(?:的)?"
    rf"(?:(?:[A-Za-z]{{1,5}}|{_MODS})*(?:{_HEADS}))?$")
_OF_WHAT = r"(?: of (?:[A-Z][\w&]*(?: [A-Z&][\w&]*)*|[\w&]+(?: (?!and\b|at\b|from\b|who\b|in\b|with\b)[a-z][\w&]*){0,2}))?"
_EN_TITLE = r"(?:(?:Senior |Deputy |Group |Global |Regional )?(?:[Hh]ead|VP|Vice President|[Dd]irector|Chief \w+ Officer|" \
            rf"[Mm]anager|Lead|General Manager|Managing Director){_OF_WHAT}|(?:[A-Z][a-z]+|[A-Z]{{2,5}}) (?:Director|Manager|Lead" \
            r"|Engineer|Architect|[Hh]ead|director|manager|lead)|C[A-Z]{1,3}O|VP|SVP|EVP|GM|MD)"
_EN_TITLE_AFTER = re.compile(rf"^\s*[,(]?\s*(?:the\s+|our\s+|their\s+|[A-Z][\w&]*(?: [A-Z][\w&]*)*'s?\s+)?({_EN_TITLE})\b")
_EN_TITLE_BEFORE = re.compile(rf"(?<![A-Za-z])({_EN_TITLE})\s+$")
_EN_DEPT = re.compile(r"\b(?:Head|VP|Director|Manager|Lead) of ([A-Z][\w&]*(?: [A-Z&][\w&]*)*)")

_EN_DEPT_AFTER = re.compile(r"\s+(?:from|in|of)\s+(?:the\s+)?(Procurement|Purchasing|Finance|IT|Legal|Operations|HR|"
                            r"Engineering|Security|Marketing|Sales|Compliance|Risk|Audit|Facilities|R&D|Supply Chain)\b")


def title_for(text: str, span: Span, name: str) -> str | None:
    """The title written just before or after the mention, or the title part of 许总-style names."""
    a, b = span
    before, after = text[max(0, a - 14):a], text[b:b + 40]
    for pattern, piece in ((_ZH_TITLE_BEFORE, before), (_EN_TITLE_BEFORE, before)):
        m = pattern.search(piece)
        if m:
            return m.group(1).strip()
    for pattern in (_EN_TITLE_AFTER, _ZH_TITLE_AFTER):
        m = pattern.match(after)
        if m:
            return m.group(1).strip()
    for t in SURNAME_TITLES:
        if name.endswith(t) and len(name) > len(t):
            return t
    return None


_COPULA = re.compile(r"^(?:是|担任|任)|^\s*(?:is|'s|was)\s+", re.I)


def title_after_pronoun(text: str, span: Span) -> str | None:
    """The title in "她是CTO" / "she is the CTO": only after a copula, so "她说…" gives none."""
    after = text[span[1]:span[1] + 40]
    copula = _COPULA.match(after)
    if copula is None:
        return None
    m = _ZH_TITLE_AFTER.match(after) or _EN_TITLE_AFTER.match(after[copula.end():])
    return m.group(1).strip() if m else None


_TO = re.compile(r"^\s*(?:成为|担任|为|成|到|至|了|to\s+(?:be\s+)?|as\s+)*", re.I)
_DEPT_AHEAD = re.compile(rf"^[\u4e00-\u9fffA-Za-z]{{1,6}}?(?:{'|'.join(DEPT_SUFFIXES)})(?=[\u4e00-\u9fffA-Za-z])")


def title_at(text: str) -> str | None:
    """The title a text starts with once "为/到/to/as" are passed (升任CTO, 晋升为副行长, 荣升信息部总监, promoted to VP)."""
    match = _TO.match(text)
    rest = text[match.end():] if match else text
    dept = _DEPT_AHEAD.match(rest)
    if dept and (m := _ZH_TITLE_AFTER.match(rest[dept.end():])) and m.start(1) == 0:
        return dept.group() + m.group(1)
    m = _ZH_TITLE_AFTER.match(rest) or _EN_TITLE_AFTER.match(" " + rest)
    return m.group(1).strip() if m else None


def department_for(text: str, span: Span, title: str | None, floor: int) -> str | None:
    """The department written just before the mention (信息部的何静) or in an English title (Head of IT)."""
    a = span[0]
    m = _DEPT_BEFORE.search(text[max(floor, a - 14):a])
    if m:
        return m.group(1)
    m = _EN_DEPT.search(title or "") or _EN_DEPT_AFTER.match(text, span[1])
    return m.group(1) if m else None
