"""Which of a deal's fields the score may learn from, and the deal as one-hot features.

A field is left out, with its reason, when:

- it is known only at the close: `closed_on`, `outcome` and `stage` (a closed deal's stage is its outcome),
  `winner` and `winning_price`, also as a custom attribute under any header the import reads them by;
- its name says it is recorded at or after the close (close, final, actual, outcome, result, reason,
  won, lost, 结果, 原因, 最终, 实际, 成交 …) AND its values give the outcome away: at least 98 % of the
  closed deals would be called right by the majority outcome of their value. Both must hold: a
  pre-tender field that predicts well is exactly what the score is for;
- whatever its name, its values alone tell wins from losses: over at least `MIN_LEAK_EVIDENCE` closed
  deals filling it, at least 99 % of the wins AND of the losses are called right by the majority outcome
  of the other deals sharing their value (a CRM's "Forecast Category" of Closed / Omitted). No field
  known before the tender separates outcomes that cleanly; a column written at the close does;
- it is filled in for the wins and blank for the losses, or the reverse, just as cleanly (a "Paid on"
  or "Lost reason" column): whether it is blank gives the outcome away;
- it is near-unique like an id or a name: at least 10 distinct values, more than half as many as the
  deals that fill it in;
- it has one value only, or fewer than `MIN_VALUE_COUNT` deals fill it in.

Values seen in fewer than `MIN_VALUE_COUNT` training deals get no feature of their own (too little
data to learn from, as Odoo skips them). The amount becomes a size bucket (training quartiles);
`created_on` becomes the quarter the deal was created in, known from its first day.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Protocol

import numpy as np

MIN_VALUE_COUNT = 3
# A field is a leak when, over at least this many closed deals, its values tell wins from losses this well.
MIN_LEAK_EVIDENCE = 30
LEAK_SEPARATION = 0.99
_OTHER = {"won": "lost", "lost": "won"}
KNOWN_AT_CLOSE = ("closed_on", "outcome", "stage", "winner", "winning_price")
# How a deal history heads the winner and the price it won at (the import maps these to the fields above); a file
# imported before they were fields kept them as custom attributes, which are known only at the close all the same.
WINNER_NAMES = ("winner", "winningbidder", "awardedto", "中标方", "中标单位", "中标人", "中标供应商", "中标厂商")
WINNING_PRICE_NAMES = ("winningprice", "winningbid", "awardprice", "awardedprice", "winningamount", "中标价",
                       "中标金额", "中标价格", "成交价", "成交价格")
_AT_CLOSE_NAMES = frozenset((*WINNER_NAMES, *WINNING_PRICE_NAMES))
STANDARD = ("account", "name", "owner", "product", "industry", "currency", "award_method", "award_rule",
            "competitors", "amount", "created_on")
_POST_OUTCOME = re.compile(r"clos|final|actual|outcome|result|reason|won|lost|loss|结果|原因|最终|实际|成交|输赢",
                           re.I)


class Deal(Protocol):
    """What scoring reads of a deal: its outcome, amount, creation date and any other field by name."""

    @property
    def outcome(self) -> str: ...
    @property
    def amount(self) -> Decimal | None: ...
    @property
    def created_on(self) -> date | None: ...
    @property
    def attributes(self) -> Mapping[str, str]: ...


def candidate_fields(deals: Iterable[Deal]) -> list[str]:
    """The standard fields and every custom attribute seen in the history."""
    extra = dict.fromkeys(k for d in deals for k in d.attributes)
    return [*STANDARD, *(k for k in extra if k not in STANDARD)]


def raw_values(deal: Deal, field: str) -> tuple[str, ...]:
    """The deal's values for a categorical field: none when blank, several for competitors."""
    if field == "created_on":
        return (f"Q{(deal.created_on.month - 1) // 3 + 1}",) if deal.created_on else ()
    value = deal.attributes.get(field) if field in deal.attributes else getattr(deal, field, None)
    if isinstance(value, tuple):
        return tuple(str(v) for v in value if v)
    return (str(value).strip(),) if value is not None and str(value).strip() else ()


def select_fields(closed: Sequence[Deal], fields: Iterable[str]) -> tuple[list[str], dict[str, str]]:
    """The fields worth learning from on these closed deals, and why each other one is left out."""
    kept: list[str] = []
    dropped: dict[str, str] = {}
    for field in dict.fromkeys(fields):
        reason = _reason_to_drop(closed, field)
        if reason:
            dropped[field] = reason
        else:
            kept.append(field)
    return kept, dropped


def _reason_to_drop(closed: Sequence[Deal], field: str) -> str | None:
    if field in KNOWN_AT_CLOSE or re.sub(r"[\s._\-/()（）]+", "", field).casefold() in _AT_CLOSE_NAMES:
        return "known only at the close"
    if field == "amount":
        filled = sum(d.amount is not None for d in closed)
        return None if filled >= 4 * MIN_VALUE_COUNT else "too few amounts" if filled else "empty"
    per_deal = [raw_values(d, field) for d in closed]
    counts = Counter(v for values in per_deal for v in values)
    filled = sum(bool(values) for values in per_deal)
    if filled == 0:
        return "empty"
    if leak := _filled_only_for_one_outcome(closed, per_deal):
        return leak
    if filled < MIN_VALUE_COUNT or len(counts) < 2:
        return "one value only" if filled >= MIN_VALUE_COUNT else "too little data"
    if len(counts) >= 10 and len(counts) > filled / 2:
        return "near-unique, like an id or a name"
    if _POST_OUTCOME.search(field) and _separation(closed, per_deal) >= 0.98:
        return "recorded at the close: its values give the outcome away"
    return _gives_the_outcome_away(closed, per_deal)


def _separation(closed: Sequence[Deal], per_deal: list[tuple[str, ...]]) -> float:
    """Share of the deals filling the field that the majority outcome of their value calls right."""
    tally: dict[str, Counter[str]] = {}
    for deal, values in zip(closed, per_deal, strict=True):
        for v in values[:1]:
            tally.setdefault(v, Counter())[deal.outcome] += 1
    right = sum(c.most_common(1)[0][1] for c in tally.values())
    return right / max(1, sum(sum(c.values()) for c in tally.values()))


def _gives_the_outcome_away(closed: Sequence[Deal], per_deal: list[tuple[str, ...]]) -> str | None:
    """Why a field whose value alone tells wins from losses is out, whatever its name; None if it does not."""
    pairs = [(values[0], d.outcome) for d, values in zip(closed, per_deal, strict=True) if values]
    if len(pairs) < MIN_LEAK_EVIDENCE or _told_apart(pairs) < LEAK_SEPARATION:
        return None
    return (f"its values alone tell the outcome of {_right(pairs)} of {len(pairs)} closed deals, "
            "as only a field written at or after the close can")


def _filled_only_for_one_outcome(closed: Sequence[Deal], per_deal: list[tuple[str, ...]]) -> str | None:
    """Why a field filled in for the wins and blank for the losses (or the reverse) is out; None if not so."""
    pairs = [(bool(values), d.outcome) for d, values in zip(closed, per_deal, strict=True)]
    if len(pairs) < MIN_LEAK_EVIDENCE or _told_apart(pairs) < LEAK_SEPARATION:
        return None
    share = {o: sum(f for f, out in pairs if out == o) / max(1, sum(out == o for _, out in pairs))
             for o in ("won", "lost")}
    return (f"filled in for {share['won']:.0%} of won deals and {share['lost']:.0%} of lost ones: "
            "written at or after the close")


def _told_apart(pairs: Sequence[tuple[Hashable, str]]) -> float:
    """The lower of the shares of wins and of losses that the other deals with the same value call right.

    Each deal is called by the majority outcome of the other deals sharing its value (a tie or a value
    of its own calls it wrong), so many small values cannot look separating by chance, and taking the
    lower share keeps a rare outcome from hiding behind a common one.
    """
    right = _called_right(pairs)
    shares = []
    for outcome in ("won", "lost"):
        mine = [r for r, (_, o) in zip(right, pairs, strict=True) if o == outcome]
        if len(mine) < MIN_VALUE_COUNT:
            return 0.0
        shares.append(sum(mine) / len(mine))
    return min(shares)


def _right(pairs: Sequence[tuple[Hashable, str]]) -> int:
    """How many deals the majority outcome of the other deals sharing their value calls right."""
    return sum(_called_right(pairs))


def _called_right(pairs: Sequence[tuple[Hashable, str]]) -> list[bool]:
    """Per deal: do more of the other deals with its value share its outcome than not."""
    tally = Counter(pairs)
    return [tally[(v, o)] - 1 > tally[(v, _OTHER[o])] for v, o in pairs]


@dataclass(frozen=True)
class Encoder:
    """The one-hot columns learnt from the training deals: (field, value) pairs and the size buckets."""

    columns: tuple[tuple[str, str], ...]
    size_edges: tuple[Decimal, ...]

    def active(self, deal: Deal) -> list[tuple[str, str]]:
        """The (field, value) columns this deal switches on."""
        on = self.values(deal)
        return [c for c in self.columns if c in on]

    @cached_property
    def categorical(self) -> frozenset[str]:
        """The fields read value by value (all but the amount, which is bucketed)."""
        return frozenset(f for f, _ in self.columns) - {"amount"}

    @cached_property
    def has_amount(self) -> bool:
        """Whether the deal's size bucket is a feature."""
        return any(f == "amount" for f, _ in self.columns)

    def values(self, deal: Deal) -> set[tuple[str, str]]:
        """Every (field, value) the deal has, known columns or not."""
        pairs = {(f, v) for f in self.categorical for v in raw_values(deal, f)}
        if self.has_amount and deal.amount is not None:
            pairs.add(("amount", size_label(deal.amount, self.size_edges)))
        return pairs

    def matrix(self, deals: Sequence[Deal]) -> np.ndarray:
        """deals × columns of 0/1."""
        index = {c: j for j, c in enumerate(self.columns)}
        x = np.zeros((len(deals), len(self.columns)))
        for i, deal in enumerate(deals):
            for pair in self.values(deal):
                if pair in index:
                    x[i, index[pair]] = 1.0
        return x


def build_encoder(closed: Sequence[Deal], fields: Sequence[str]) -> Encoder:
    """Columns for every value seen in at least MIN_VALUE_COUNT training deals."""
    amounts = sorted(d.amount for d in closed if d.amount is not None)
    edges: tuple[Decimal, ...] = ()
    if "amount" in fields and amounts:
        edges = tuple(sorted({amounts[len(amounts) * q // 4] for q in (1, 2, 3)}))
    probe = Encoder(tuple((f, "") for f in fields), edges)
    counts = Counter(pair for d in closed for pair in probe.values(d))
    columns = tuple(sorted(p for p, n in counts.items() if n >= MIN_VALUE_COUNT))
    return Encoder(columns, edges)


def size_label(amount: Decimal, edges: Sequence[Decimal]) -> str:
    """The amount's bucket in words a manager reads: under 500k, 500k–1.2M, 3M and over."""
    if not edges:
        return "any"
    position = sum(amount >= e for e in edges)
    if position == 0:
        return f"under {_short(edges[0])}"
    if position == len(edges):
        return f"{_short(edges[-1])} and over"
    return f"{_short(edges[position - 1])}–{_short(edges[position])}"


def _short(amount: Decimal) -> str:
    for unit, size in (("M", 1_000_000), ("k", 1_000)):
        if abs(amount) >= size:
            return f"{float(amount) / size:.3g}{unit}"
    return f"{float(amount):.3g}"
