"""The compliance guard: what must never be stored (gifts, cash, favours) and identity numbers."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from domain.meeting_log import Flag

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx])(?![0-9A-Za-z])")
_PASSPORT = re.compile(r"(?<![0-9A-Za-z])([EGDSP][A-Z]?\d{7,8})(?![0-9A-Za-z])")
_PASSPORT_CUE = re.compile(r"护照|passport", re.I)
_ID_CUE = re.compile(r"身份证|证件号|id card|identity card|resident id|id number", re.I)
_CARD = re.compile(r"(?<![\d$¥￥€£])(?<!\d[.,])(\d(?:[ -]?\d){12,18})(?!\d|[.,]\d|%)")
_CARD_CUE = re.compile(r"卡号|银行卡|储蓄卡|信用卡|账号|账户|帐号|card|account|iban|acct", re.I)
_MONEY_NEAR = re.compile(r"^\s*(?:元|万|亿|块|美元|欧元|rmb|usd|eur|cny|dollars?)", re.I)
_SENT_SPLIT = re.compile(r"[。！？!?；;\n]|(?<=[a-z0-9)])\.(?=\s|$)")


@dataclass(frozen=True)
class ComplianceRules:
    """Flagged words by category, each with its reason, and phrases that are allowed despite a flagged word."""

    categories: tuple[tuple[str, str, tuple[str, ...]], ...]  # (name, reason, words)
    allow: tuple[str, ...] = ()


@dataclass(frozen=True)
class Screening:
    """What the guard found: flags, sentence spans to leave out, and identity-number spans to remove."""

    flags: tuple[Flag, ...]
    flagged: tuple[tuple[int, int], ...]
    numbers: tuple[tuple[int, int], ...]


def _read(data: dict[str, Any]) -> tuple[dict[str, tuple[str, list[str]]], list[str]]:
    cats = {name: (str(c.get("reason", name)), [str(w) for w in c.get("words", [])])
            for name, c in (data.get("categories") or {}).items()}
    return cats, [str(a) for a in data.get("allow", [])]


def load_compliance_rules(extra_path: Path | None = None) -> ComplianceRules:
    """The shipped word list (domain/config/compliance.toml), plus an admin's extra TOML file of the same shape."""
    base = resources.files("domain.config").joinpath("compliance.toml").read_text(encoding="utf-8")
    cats, allow = _read(tomllib.loads(base))
    if extra_path is not None:
        extra_cats, extra_allow = _read(tomllib.loads(extra_path.read_text(encoding="utf-8")))
        for name, (reason, words) in extra_cats.items():
            old_reason, old_words = cats.get(name, (reason, []))
            cats[name] = (old_reason, old_words + [w for w in words if w not in old_words])
        allow += [a for a in extra_allow if a not in allow]
    return ComplianceRules(tuple((n, r, tuple(w)) for n, (r, w) in cats.items()), tuple(allow))


@cache
def default_rules() -> ComplianceRules:
    """The shipped rules, read once."""
    return load_compliance_rules()


@cache
def _patterns(rules: ComplianceRules) -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for _name, reason, words in rules.categories:
        parts = [_word_pattern(w) for w in words]
        if parts:
            out.append((reason, re.compile("|".join(sorted(parts, key=len, reverse=True)), re.I | re.A)))
    return tuple(out)


def _word_pattern(word: str) -> str:
    """A flagged word as a pattern: `re:` entries are regular expressions; English words match whole words."""
    if word.startswith("re:"):
        return f"(?:{word[3:]})"
    return re.escape(word) if re.search(r"[^\x00-\x7f]", word) else rf"\b{re.escape(word)}\b"


def _mask_allowed(text: str, rules: ComplianceRules) -> str:
    for phrase in rules.allow:
        text = re.sub(re.escape(phrase), lambda m: " " * len(m.group()), text, flags=re.I)
    return text


def _reasons(sentence: str, rules: ComplianceRules) -> list[str]:
    """Reasons for the flagged words in a sentence; a longer match wins over one inside it (gift card, not gift)."""
    hits = [(m.start(), m.end(), reason) for reason, pattern in _patterns(rules) for m in pattern.finditer(sentence)]
    hits.sort(key=lambda h: h[0] - h[1])
    kept: list[tuple[int, int, str]] = []
    for h in hits:
        if not any(k[0] < h[1] and h[0] < k[1] for k in kept):
            kept.append(h)
    return list(dict.fromkeys(reason for _, _, reason in sorted(kept)))


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENT_SPLIT.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def screen(text: str, rules: ComplianceRules | None = None) -> Screening:
    """Flag sentences holding gifts, cash or favours, and identity numbers anywhere in the text."""
    rules = rules or default_rules()
    checked = _mask_allowed(text, rules)
    flags: list[Flag] = []
    flagged: list[tuple[int, int]] = []
    for a, b in _sentences(checked):
        for reason in _reasons(checked[a:b], rules):
            if (a, b) not in flagged:
                flagged.append((a, b))
            if not any(f.reason == reason for f in flags):
                flags.append(Flag("compliance", reason))
    numbers, id_flags = identity_numbers(text)
    return Screening(tuple(flags + id_flags), tuple(flagged), tuple(numbers))


def resident_id_ok(number: str) -> bool:
    """True when an 18-character Chinese resident ID carries a valid ISO 7064 MOD 11-2 check character."""
    if not re.fullmatch(r"\d{17}[0-9Xx]", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def luhn_ok(digits: str) -> bool:
    """True when a digit string passes the Luhn check used by bank cards."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def identity_numbers(text: str) -> tuple[list[tuple[int, int]], list[Flag]]:
    """Spans of resident IDs, passport numbers and bank card numbers, with one flag per kind."""
    spans: list[tuple[int, int]] = []
    flags: list[Flag] = []

    def add(span: tuple[int, int], reason: str) -> None:
        if any(a < span[1] and span[0] < b for a, b in spans):
            return
        spans.append(span)
        if not any(f.reason == reason for f in flags):
            flags.append(Flag("identity_number", reason))

    for m in _RESIDENT_ID.finditer(text):
        if resident_id_ok(m.group(1)) or _ID_CUE.search(text[max(0, m.start() - 12):m.start()]):
            add(m.span(1), "identity card number / 身份证号")
    for m in _PASSPORT.finditer(text):
        if _PASSPORT_CUE.search(text[max(0, m.start() - 20):m.start()]) or re.fullmatch(r"E[A-Z]?\d{7,8}|G\d{8}", m.group(1)):
            add(m.span(1), "passport number / 护照号")
    for m in _CARD.finditer(text):
        if _is_card(text, m):
            add(m.span(1), "bank card number / 银行卡号")
    return sorted(spans), flags


def _is_card(text: str, m: re.Match[str]) -> bool:
    digits = re.sub(r"\D", "", m.group(1))
    if not 13 <= len(digits) <= 19 or _MONEY_NEAR.match(text[m.end():m.end() + 6]):
        return False
    cue = _CARD_CUE.search(text[max(0, m.start() - 20):m.start()]) is not None
    return cue and len(digits) >= 15 or luhn_ok(digits) and (cue or len(digits) >= 16)


def clean_notes(text: str, screening: Screening) -> str:
    """The text as it will be stored: flagged sentences and identity numbers removed."""
    cuts = sorted(list(screening.flagged) + list(screening.numbers))
    out, pos = [], 0
    for a, b in cuts:
        if a < pos:
            a = pos
        out.append(text[pos:a])
        pos = max(pos, b)
    out.append(text[pos:])
    return re.sub(r"[ \t]{2,}", " ", "".join(out)).strip()
