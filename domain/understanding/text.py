"""Text plumbing shared by the extractors: clause and sentence spans, jieba tokens, small helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

Span = tuple[int, int]

_CLAUSE_END = re.compile(r"[，,。；;！!？?\n]|(?<=[a-z0-9)])\.(?=\s|$)")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]|(?<=[a-z0-9)])\.(?=\s|$)")
CJK = "\u4e00-\u9fff"


@dataclass(frozen=True)
class Token:
    """One jieba token with its part-of-speech flag and offset."""

    word: str
    flag: str
    start: int

    @property
    def end(self) -> int:
        """Offset just past the token."""
        return self.start + len(self.word)


@dataclass
class Doc:
    """The log being read: the masked text, the facts text, clock and what was understood."""

    text: str
    facts: str
    now: datetime
    hits: list[Span] = field(default_factory=list)

    @property
    def today(self) -> date:
        """The rep's local date."""
        return self.now.date()

    def hit(self, start: int, end: int) -> None:
        """Remember that the passage start..end was understood."""
        self.hits.append((start, end))


def split_spans(text: str, pattern: re.Pattern[str]) -> list[Span]:
    """Cut text at the pattern's matches, keeping non-blank pieces as (start, end)."""
    spans, start = [], 0
    for m in pattern.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def clauses(text: str) -> list[Span]:
    """Comma-level pieces of the text."""
    return split_spans(text, _CLAUSE_END)


def sentences(text: str) -> list[Span]:
    """Sentence-level pieces of the text."""
    return split_spans(text, _SENTENCE_END)


def enclosing(spans: list[Span], pos: int) -> Span:
    """The span holding pos (or the nearest one before it)."""
    best = spans[0] if spans else (0, 0)
    for a, b in spans:
        if a <= pos:
            best = (a, b)
        if a <= pos < b:
            return (a, b)
    return best


@cache
def _jieba() -> Any:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.posseg


def tokens(text: str) -> list[Token]:
    """jieba part-of-speech tokens with offsets (the dictionary loads once, on first use)."""
    out, pos = [], 0
    for pair in _jieba().cut(text):
        out.append(Token(pair.word, pair.flag, pos))
        pos += len(pair.word)
    return out


def word_tag(word: str) -> str | None:
    """jieba's dictionary tag for a word, when it is a dictionary word."""
    tag: str | None = _jieba().dt.word_tag_tab.get(word)
    return tag


def has_cjk(text: str) -> bool:
    """True when the text holds Chinese characters."""
    return re.search(f"[{CJK}]", text) is not None


def warm_up() -> None:
    """Load the segmenter and numeral converter now rather than on the first log."""
    from domain.understanding.numerals import to_number

    tokens("昨天和瑞丰化工的林小涛、Priya开会，预算200万。")
    to_number("二十")
