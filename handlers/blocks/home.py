"""Blocks of the App Home page."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import HeaderBlock, MarkdownTextObject, SectionBlock

from prompts import t


def home_blocks(locale: str) -> list[dict[str, Any]]:
    """The "my day" page: what Rapport does and how to start."""
    blocks = [
        HeaderBlock(text=t(locale, "home.title")),
        SectionBlock(text=MarkdownTextObject(text=t(locale, "home.intro"))),
        SectionBlock(text=MarkdownTextObject(text=t(locale, "help.text"))),
    ]
    return [b.to_dict() for b in blocks]
