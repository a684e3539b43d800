"""Capitalised English word runs, told apart as people or organisations by their context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from domain.understanding.lexicon import EN_STOP, EN_TITLE_BEFORE, FIRST_NAMES, ORG_WORDS_EN

_UP, _LO = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_WORD = rf"(?:[{_UP}][{_LO}]+(?:[-'][{_UP}]?[{_LO}]+)*|[A-Z]{{2,}}[a-z]*|[A-Z]\.)"
_RUN = re.compile(rf"(?<![{_UP}{_LO}0-9'-]){_WORD}(?:\s+(?:&\s+)?{_WORD})*")
_ACRONYM_TITLE = re.compile(r"C[A-Z]{1,3}O|S?VP|EVP|GM|MD")
_BREAK = re.compile(rf"(?<=[{_LO}]'s)\s+|(?<=[{_LO}]')\s+|\s*\b(?:{_ACRONYM_TITLE.pattern})\b\s*")
_ORG_AFTER = re.compile(
    r"^(?:'s?\s+(?:board|team|budget|it|procurement|cio|cto|ceo|cfo|coo|office|hq|headquarters|deal|project|rfp|"
    r"tender|side|management|leadership|finance|staff|people|account|spec|specs|product|products|solution|platform|offering|"
    r"quote|pricing|sales|(?-i:C[A-Z]{1,3}O))\b|\s+(?:budget|bid|deal|project|account|rfp|"
    r"tender|team|board|office|hq|it department|procurement)\b|\s*(?:的|这单|这个单子|这个项目|项目))", re.I | re.A)
_ORG_BEFORE = re.compile(r"(?:\b(?:at|from|for|of|visited|visiting|the|joined|customer|client|account|prospect|competitors?|rival|vendor|vs\.?|versus|against|than|towards?|prefers?|favou?rs?|incumbent,?|copies|copied|mirrors|mirrored|"
                         r"compare (?:us|them|our \w+) (?:with|to|against))\s+)$", re.I | re.A)
_TITLE_BEFORE = re.compile(rf"(?:\b(?:{EN_TITLE_BEFORE})\s+)$", re.A)
_PERSON_AFTER = re.compile(
    r"^(?:'s?\s+(?:birthday|boss|manager|team lead|wife|husband|view|take|opinion)\b|,\s*(?:the\s+)?(?:head|vp|chief|"
    r"director|manager|[A-Z]{2,4}\b)|\s+(?:says|said|thinks|told|tells|wants|backs|supports|prefers|is|was|reports|"
    r"will|agreed|asked|mentioned|confirmed|likes|dislikes|clash|clashes|and|who|has|hates|trusts|listens|knows|"
    r"leans|favours|favors|opposes|seems|sounds))", re.I | re.A)

_DEPT_BEFORE = re.compile(r"\b(?:head|vp|vice president|director|chief|manager|lead|officer|president|svp|evp) of\s+$",
                          re.I | re.A)
_TRAILING_STOP = frozenset(w for w in EN_STOP if w not in {
    "coffee", "tea", "lunch", "dinner", "breakfast", "drinks", "golf", "teams", "board", "deal", "bid", "budget",
    "proposal", "finance", "legal", "procurement", "lead", "chair", "good", "great", "new", "first", "present"})

Kind = Literal["person", "org", "unknown"]


@dataclass(frozen=True)
class LatinRun:
    """A run of capitalised words and what it most likely names."""

    text: str
    start: int
    end: int
    kind: Kind


def _trim(text: str, start: int) -> tuple[str, int] | None:
    words = list(re.finditer(r"\S+", text))
    while words and re.sub(r"'s?$|\.$", "", words[0].group()).lower() in EN_STOP:
        words.pop(0)
    while words and re.sub(r"'s?$|\.$", "", words[-1].group()).lower() in _TRAILING_STOP:
        words.pop()
    words = [w for w in words if w.group() != "&" or words.index(w) not in (0, len(words) - 1)]
    if not words:
        return None
    a, b = words[0].start(), words[-1].end()
    name = text[a:b]
    name = re.sub(r"'s?$", "", name)
    if re.fullmatch(r"[A-Z]{2,}|[A-Z]\.", name):
        return None
    return name, start + a


_EVENT_WORDS = frozenset(("summit", "conference", "forum", "expo", "congress", "week", "show", "festival", "day", "awards"))


def _classify(name: str, before: str, after: str) -> Kind:
    words = name.split()
    if words[-1].lower() in _EVENT_WORDS or _DEPT_BEFORE.search(before):
        return "unknown"
    if any(w.lower().strip(".") in ORG_WORDS_EN for w in words[1:]) or words[-1].isupper() and len(words) > 1:
        return "org"
    first_name = words[0].lower() in FIRST_NAMES
    if _TITLE_BEFORE.search(before) or _PERSON_AFTER.match(after) and not _ORG_AFTER.match(after):
        return "person"
    if first_name and len(words) <= 3:
        return "person"
    if _ORG_AFTER.match(after) or _ORG_BEFORE.search(before):
        return "org"
    if 2 <= len(words) <= 3 and not re.search(r"\b(?:a|an|the|our|their|his|her)\s+$", before, re.I | re.A):
        return "person"
    return "unknown"


def latin_runs(text: str) -> list[LatinRun]:
    """Capitalised runs in the text, each classed as a person, an organisation or unknown."""
    out = []
    for piece, at in _pieces(text):
        trimmed = _trim(piece, at)
        if trimmed is None:
            continue
        name, start = trimmed
        end = start + len(name)
        kind = _classify(name, text[max(0, start - 30):start], text[end:end + 40])
        out.append(LatinRun(name, start, end, kind))
    return _resolve_single_words(out)


def _pieces(text: str) -> list[tuple[str, int]]:
    """Capitalised runs, cut after a possessive and around acronym titles (Acme's COO Jane Roe)."""
    out = []
    for m in _RUN.finditer(text):
        pos = m.start()
        for cut in _BREAK.finditer(m.group()):
            out.append((text[pos:m.start() + cut.start()], pos))
            pos = m.start() + cut.end()
        out.append((text[pos:m.end()], pos))
    return [(p, a) for p, a in out if p.strip()]


def _resolve_single_words(runs: list[LatinRun]) -> list[LatinRun]:
    """A lone word that begins a known person's full name is that person ("Lena" after "Lena Fischer")."""
    firsts = {r.text.split()[0] for r in runs if r.kind == "person" and " " in r.text}
    orgs = {r.text for r in runs if r.kind == "org"}
    out = []
    for r in runs:
        if r.kind != "org" and r.text in orgs:
            r = LatinRun(r.text, r.start, r.end, "org")
        elif r.kind == "unknown" and r.text in firsts:
            r = LatinRun(r.text, r.start, r.end, "person")
        out.append(r)
    return out
