"""A manager's Monday digest: a greeting line, the team pipeline card, the week's presales requests when there were
any, and a pointer to the chart in the thread."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import ContextBlock, HeaderBlock, MarkdownTextObject

from handlers.blocks.my_day import local_date
from handlers.blocks.pipeline import pipeline_blocks
from handlers.blocks.request_numbers import digest_requests_blocks
from prompts import t
from services.manager_digest import ManagerDigest


def manager_digest_blocks(digest: ManagerDigest, locale: str) -> list[dict[str, Any]]:
    """The header with the Monday, the team pipeline by stage, health and the week, the presales requests, and the
    chart's place."""
    header = HeaderBlock(text=t(locale, "manager_digest.header", day=local_date(digest.day, locale))[:150])
    chart = ContextBlock(elements=[MarkdownTextObject(text=t(locale, "manager_digest.chart"))])
    return [header.to_dict(), *pipeline_blocks(digest.view, locale), *digest_requests_blocks(digest.requests, locale),
            chart.to_dict()]


def manager_digest_text(digest: ManagerDigest, locale: str) -> str:
    """The notification line: how many open deals and how many are at risk."""
    return t(locale, "manager_digest.text", deals=sum(line.count for line in digest.view.stages),
             red=digest.view.health.get("red", 0))
