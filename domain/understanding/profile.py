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
_EN_TITLE = r"(?:(?:Senior |Deputy |Group |Global |Regional )?(?:Head|VP|Vice President|Director|Chief \w+ Officer|Manager|" \
            r"Lead|General Manager|Managing Director)(?: of [A-Z][\w&]*(?: [A-Z&][\w&]*)*)?|[A-Z][a-z]+ (?:Director|Manager|Lead" \
            r"|Engineer|Architect)|CEO|CFO|COO|CIO|CTO|CISO|CMO|CPO|CDO|CRO|VP|SVP|EVP|GM|MD)"
_EN_TITLE_AFTER = re.compile(rf"^\s*[,(]?\s*(?:the\s+|our\s+|their\s+)?({_EN_TITLE})\b")
_EN_TITLE_BEFORE = re.compile(rf"\b({_EN_TITLE})\s+$")
_EN_DEPT = re.compile(r"\b(?:Head|VP|Director|Manager|Lead) of ([A-Z][\w&]*(?: [A-Z&][\w&]*)*)")


def title_for(text: str, span: Span, name: str) -> str | None:
    """The title written just before or after the mention, or the title part of 许总-style names."""
    a, b = span
    before, after = text[max(0, a - 14):a], text[b:b + 24]
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


def department_for(text: str, span: Span, title: str | None, floor: int) -> str | None:
    """The department written just before the mention (信息部的何静) or in an English title (Head of IT)."""
    a = span[0]
    m = _DEPT_BEFORE.search(text[max(floor, a - 14):a])
    if m:
        return m.group(1)
    m = _EN_DEPT.search(title or "")
    return m.group(1) if m else None
