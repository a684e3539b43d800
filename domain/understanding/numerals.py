"""Chinese and Arabic numerals to numbers (cn2an does the Chinese ones)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=512)
def to_number(text: str) -> float:
    """A numeral written in digits or Chinese characters as a number (0 when unreadable)."""
    text = text.strip().replace(",", "").replace("，", "")
    try:
        return float(text)
    except ValueError:
        pass
    import cn2an

    try:
        return float(cn2an.cn2an(text.replace("廿", "二十"), "smart"))
    except (ValueError, KeyError, TypeError):
        return 0.0


def to_int(text: str) -> int:
    """A whole numeral as an int."""
    return int(to_number(text))
