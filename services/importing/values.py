"""Cell values as Rapport keeps them: names, birthdays, yes/no, lists, and text the compliance guard has read."""

from __future__ import annotations

import re
from datetime import date

from domain.compliance import ComplianceRules, clean_notes, screen

_CJK = re.compile(r"[\u3400-\u9fff]")
_ISO = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?")
_SLASHED = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})(?: .*)?")
_MONTH_DAY = re.compile(r"(\d{1,2})[-/月](\d{1,2})日?")
_TRUE = {"true", "yes", "y", "1", "是", "x", "✓", "农历", "lunar"}
_FALSE = {"false", "no", "n", "0", "否", "公历", "solar", ""}
SEPARATORS = re.compile(r"\s*[;|、；]\s*")


def full_name(first: str, last: str) -> str:
    """Chinese names run surname first without a space (张 + 伟 → 张伟); others read "First Last"."""
    first, last = first.strip(), last.strip()
    if _CJK.search(first + last):
        return last + first
    return " ".join(p for p in (first, last) if p)


def birthday(text: str) -> str:
    """MM-DD from 1985-03-08, 1985年3月8日, 03/08/1985 (US month first unless the first number is over 12) or 03-08."""
    text = text.strip()
    if m := _ISO.fullmatch(text):
        month, day = int(m[2]), int(m[3])
    elif m := _SLASHED.fullmatch(text):
        month, day = (int(m[1]), int(m[2])) if int(m[1]) <= 12 else (int(m[2]), int(m[1]))
    elif m := _MONTH_DAY.fullmatch(text):
        month, day = int(m[1]), int(m[2])
    else:
        raise ValueError(f"birthday must be a date such as 1985-03-08, 03/08/1985 or 03-08, got {text!r}")
    try:
        date(2000, month, day)  # a leap year, so 02-29 is a real birthday
    except ValueError:
        raise ValueError(f"birthday {text!r} is not a real date") from None
    return f"{month:02d}-{day:02d}"


def yes_no(field: str, text: str) -> bool:
    """A yes/no cell as Excel, Salesforce (true/false) or a Chinese sheet (是/否) writes it."""
    key = text.strip().casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError(f"{field} must be yes or no, got {text!r}")


def split_list(text: str) -> tuple[str, ...]:
    """Aliases written as `Zhang Wei; 老张` (also | 、 or ；)."""
    return tuple(p for p in SEPARATORS.split(text.strip()) if p)


def guarded(text: str, rules: ComplianceRules | None) -> tuple[str, tuple[str, ...]]:
    """The text with gift, cash and favour sentences and identity numbers removed, and the reasons why."""
    found = screen(text, rules)
    if not found.flags:
        return text, ()
    return clean_notes(text, found), tuple(dict.fromkeys(f.reason for f in found.flags))
