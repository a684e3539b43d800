"""What a greeting says: which template, a variant unlike the last one, the honorific and the tone.

Rules, decided here once:

- Honorific (Chinese name): surname + 总 when the title has 总 (总经理, 总监, 总裁, 副总 …), 行长,
  董事, or is a C-level/VP/GM/President/Chairman/Director; otherwise surname + the office the
  title names (经理, 主任, 处长, 科长 …; "副" is dropped, as reps say 李处长 to a 副处长); otherwise
  surname + 工 for engineers and architects; otherwise the full name.
- Honorific (Latin name): Dr./Prof./Mr./Mrs./Ms. + surname only when the name or title says so
  ("Dr. Amy Lee", "Amy Lee, PhD"); otherwise the first name.
- Tone: acquainted and familiar (and any unknown stage) are formal; trusted, confident and
  interdependent are warmer.
- Locale: zh… or none → zh-CN (the product default, as for occasions); anything else → en.
- Variant: never `previous_variant`; the next one in turn after it, or a stable pick per
  person and occasion the first time.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Any

from domain.understanding.lexicon import COMPOUND_SURNAMES

TEMPLATE_KINDS = ("birthday", "spring_festival", "chuxi", "lantern", "dragon_boat", "mid_autumn", "new_year",
                  "christmas", "thanksgiving", "easter", "work_anniversary", "promotion", "custom")
VARIANTS = ("v1", "v2", "v3")
STAGES = ("acquainted", "familiar", "trusted", "confident", "interdependent")
WARM_STAGES = frozenset(STAGES[2:])
ZODIAC_ZH = "鼠牛虎兔龙蛇马羊猴鸡狗猪"
ZODIAC_EN = ("Rat", "Ox", "Tiger", "Rabbit", "Dragon", "Snake", "Horse", "Goat", "Monkey", "Rooster", "Dog", "Pig")

_CJK = re.compile(r"[\u4e00-\u9fff]")
_ZONG = re.compile(r"总|行长|董事|\b(?:CEO|CTO|CFO|COO|CIO|VP|GM|President|Chairman|Director)\b", re.I)
_OFFICES = ("经理", "主任", "处长", "科长", "局长", "部长", "院长", "所长", "厂长", "校长", "书记", "主管", "主席",
            "教授", "老师", "博士", "律师", "医生")
_GONG = re.compile(r"工程师|架构师|工程|技术员|\b(?:engineer|architect)\b", re.I)
_EN_PREFIX = {"dr": "Dr.", "doctor": "Dr.", "prof": "Prof.", "professor": "Prof.", "mr": "Mr.", "mrs": "Mrs.",
              "ms": "Ms.", "miss": "Ms."}
_EN_DOCTOR = re.compile(r"\b(?:Ph\.?D|M\.?D|Doctor|Dr)\b\.?", re.I)
_EN_PROF = re.compile(r"\bProf(?:essor)?\b", re.I)
_SUFFIXES = frozenset({"phd", "ph.d", "md", "m.d", "jr", "sr", "ii", "iii"})


@dataclass(frozen=True)
class GreetingRequest:
    """Everything a greeting draft depends on."""

    occasion: str
    name: str
    title: str | None = None
    honorific: str | None = None  # as the rep says it; derived from name and title when None
    trust_stage: str = "acquainted"
    last_topic: str | None = None
    locale: str | None = None
    previous_variant: str | None = None
    year: int | None = None  # the occasion's year: the zodiac animal of a Spring Festival
    label: str | None = None  # the occasion's own label (custom dates)
    sender: str | None = None  # the rep's name, for the sign-off


@dataclass(frozen=True)
class GreetingPlan:
    """A template to render, the variant chosen, and the values it needs."""

    template: str
    variant: str
    context: dict[str, Any]


def chinese_surname(name: str) -> str:
    """The surname of a Chinese name (compound surnames such as 欧阳 kept whole)."""
    name = name.strip()
    return next((s for s in COMPOUND_SURNAMES if name.startswith(s) and len(name) > len(s)), name[:1])


def _chinese_honorific(name: str, title: str) -> str:
    surname = chinese_surname(name)
    if _ZONG.search(title):
        return surname + "总"
    offices = [(title.rfind(o) + len(o), o) for o in _OFFICES if o in title]
    if offices:
        return surname + max(offices)[1]
    return surname + "工" if _GONG.search(title) else name.strip()


def _english_honorific(name: str, title: str) -> str:
    tokens = [t.strip(",") for t in name.replace(",", " , ").split() if t.strip(",")]
    prefix = _EN_PREFIX.get(tokens[0].rstrip(".").lower()) if tokens else None
    rest = tokens[1:] if prefix else tokens
    suffixes = [t for t in rest if t.rstrip(".").lower() in _SUFFIXES]
    rest = [t for t in rest if t not in suffixes]
    if not prefix and (_EN_DOCTOR.search(title) or _EN_DOCTOR.search(" ".join(suffixes))):
        prefix = "Dr."
    prefix = prefix or ("Prof." if _EN_PROF.search(title) else None)
    if prefix and len(rest) >= 1:
        return f"{prefix} {rest[-1]}"
    return rest[0] if rest else name.strip()


def honorific(name: str, title: str | None = None) -> str:
    """How a rep addresses the contact: 张总, 王工, 李处长, Dr. Lee, or a first name."""
    if _CJK.match(name.strip()):
        return _chinese_honorific(name, title or "")
    return _english_honorific(name, title or "")


def greeting_locale(locale: str | None) -> str:
    """The template locale for a contact's locale: zh-CN for zh or unknown, en otherwise."""
    return "zh-CN" if not locale or locale.strip().lower().startswith("zh") else "en"


def choose_variant(seed: str, previous: str | None, variants: tuple[str, ...] = VARIANTS) -> str:
    """The variant after `previous` in turn, or a stable pick from `seed`; never `previous`."""
    if previous in variants:
        return variants[(variants.index(previous) + 1) % len(variants)]
    return variants[zlib.crc32(seed.encode("utf-8")) % len(variants)]


def _topic(text: str | None) -> str | None:
    cleaned = (text or "").strip().rstrip("。.!！,，;；")
    return cleaned or None


def plan_greeting(request: GreetingRequest) -> GreetingPlan:
    """Choose the template, variant, tone and wording inputs for one greeting."""
    kind = request.occasion if request.occasion in TEMPLATE_KINDS else "custom"
    locale = greeting_locale(request.locale)
    variant = choose_variant(f"{request.name}|{kind}", request.previous_variant)
    formal = request.trust_stage not in WARM_STAGES
    zodiac = (request.year - 4) % 12 if request.year is not None else None
    context: dict[str, Any] = {
        "occasion": kind, "variant": variant, "formal": formal, "tone": "formal" if formal else "warm",
        "name": request.name, "title": request.title or None,
        "honorific": request.honorific or honorific(request.name, request.title),
        "topic": _topic(request.last_topic), "label": request.label or None, "sender": request.sender or None,
        "zodiac": ZODIAC_ZH[zodiac] if zodiac is not None else None,
        "zodiac_en": ZODIAC_EN[zodiac] if zodiac is not None else None,
    }
    return GreetingPlan(f"{locale}/{kind}.j2", variant, context)
