"""Blocks of the App Home page."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from handlers.blocks.my_day import local_date, my_day_blocks
from prompts import t
from services.my_day import MyDay


def home_blocks(locale: str, day: MyDay | None = None) -> list[dict[str, Any]]:
    """The "my day" page: today's touches, greetings, meetings and actions, then what Rapport does."""
    title = HeaderBlock(text=t(locale, "home.title")).to_dict()
    today = [] if day is None else [
        SectionBlock(text=MarkdownTextObject(text=t(locale, "home.today", day=local_date(day.today, locale)))).to_dict(),
        *my_day_blocks(day, locale), DividerBlock().to_dict()]
    about = [SectionBlock(text=MarkdownTextObject(text=t(locale, "home.intro"))),
             SectionBlock(text=MarkdownTextObject(text=t(locale, "help.text")))]
    return [title, *today, *(b.to_dict() for b in about)]
