"""Deal amounts and their currencies (200万, 1.5亿, 350万元, $1.2M, EUR 800k)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.understanding.numerals import to_number

_NUM = r"(\d+(?:[.,]\d+)*|[零一二两三四五六七八九十百千]+(?:点[零一二三四五六七八九]+)?)"
_ZH_UNIT = {"万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8, "千": 1e3}
_EN_UNIT = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mm": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9,
            "billion": 1e9}
_CUR_WORDS = {"元": "CNY", "人民币": "CNY", "rmb": "CNY", "cny": "CNY", "¥": "CNY", "￥": "CNY", "块": "CNY",
              "美元": "USD", "美金": "USD", "usd": "USD", "$": "USD", "us$": "USD", "欧元": "EUR", "eur": "EUR", "€": "EUR",
              "英镑": "GBP", "gbp": "GBP", "£": "GBP", "日元": "JPY", "jpy": "JPY", "港币": "HKD", "港元": "HKD",
              "hkd": "HKD", "yuan": "CNY", "dollars": "USD", "euros": "EUR", "新元": "SGD", "sgd": "SGD", "a$": "AUD", "aud": "AUD", "chf": "CHF", "cad": "CAD"}
_PREFIX_CUR = r"(US\$|A\$|\$|¥|￥|€|£|USD|EUR|RMB|CNY|GBP|JPY|HKD|SGD|AUD|CHF|CAD)"
_SUFFIX_CUR = r"(元|人民币|块|美元|美金|欧元|英镑|日元|港币|港元|新元|yuan|dollars|euros|USD|EUR|RMB|CNY|GBP|JPY|HKD|SGD|AUD|CHF|CAD)"
ZH_AMOUNT = re.compile(rf"{_NUM}\s*(十万|百万|千万|万|亿)(?:多)?\s*(?:{_SUFFIX_CUR}|(?![人个台套次名家条吨件户张字]))")
EN_AMOUNT = re.compile(
    rf"{_PREFIX_CUR}\s?(\d+(?:[.,]\d+)*)\s*(k|thousand|mn|mm|m|million|bn|b|billion)?\b"
    rf"|\b(\d+(?:[.,]\d+)*)\s*(k|thousand|mn|mm|m|million|bn|b|billion)?\s*{_SUFFIX_CUR}(?![A-Za-z])", re.I | re.A)
_DEAL_CUE = re.compile(r"预算|金额|合同|项目|报价|规模|总价|标的|投资|budget|deal|worth|value|contract|quote|sized|price", re.I)


@dataclass(frozen=True)
class Amount:
    """A money amount in whole units, its currency when named or implied, and where it is."""

    value: float
    currency: str | None
    start: int
    end: int


def _number(text: str) -> float:
    return to_number(text.replace(",", ""))


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in the text, left to right."""
    out = []
    for m in ZH_AMOUNT.finditer(text):
        cur = _CUR_WORDS.get((m.group(3) or "").lower(), "CNY")
        out.append(Amount(_number(m.group(1)) * _ZH_UNIT[m.group(2)], cur, m.start(), m.end()))
    for m in EN_AMOUNT.finditer(text):
        if any(a.start <= m.start() < a.end for a in out):
            continue
        if m.group(1):
            cur_word, num, unit = m.group(1), m.group(2), m.group(3)
        else:
            num, unit, cur_word = m.group(4), m.group(5), m.group(6)
        value = _number(num) * _EN_UNIT.get((unit or "").lower(), 1)
        out.append(Amount(value, _CUR_WORDS.get(cur_word.lower()), m.start(), m.end()))
    return sorted(out, key=lambda a: a.start)


def deal_amount(text: str, amounts: list[Amount]) -> Amount | None:
    """The amount the deal is about: the first one next to a budget/contract cue, else the first one."""
    for a in amounts:
        if _DEAL_CUE.search(text[max(0, a.start - 12):a.end + 8]):
            return a
    return amounts[0] if amounts else None
