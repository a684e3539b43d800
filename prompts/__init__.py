"""User-facing text: a message catalog per locale and Jinja2 templates for longer drafts."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

LOCALES = ("zh-CN", "en")
FALLBACK = "en"


def normalise_locale(locale: str | None, default: str = "zh-CN") -> str:
    """Map Slack's locales (en-US, en-GB, zh-CN, zh-TW …) onto the two Rapport speaks."""
    value = (locale or default).replace("_", "-")
    if value.lower().startswith("zh"):
        return "zh-CN"
    if value.lower().startswith("en"):
        return "en"
    return default if default in LOCALES else FALLBACK


@cache
def _catalog(locale: str) -> dict[str, str]:
    text = resources.files("prompts.catalog").joinpath(f"{locale}.json").read_text(encoding="utf-8")
    data: dict[str, str] = json.loads(text)
    return data


def t(locale: str, key: str, **values: Any) -> str:
    """The text for `key` in the user's locale, filled with `values`."""
    catalog = _catalog(normalise_locale(locale))
    template = catalog.get(key) or _catalog(FALLBACK)[key]
    return template.format(**values)


def keys(locale: str) -> set[str]:
    """Every key the locale's catalog defines (tests keep the catalogs in step)."""
    return set(_catalog(locale))
