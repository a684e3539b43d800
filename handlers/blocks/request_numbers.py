"""`/rapport requests` and the digest's presales section: per type and per engineer rows, overdue named, my list."""

from __future__ import annotations

from collections.abc import Iterable

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

from domain.entities import ResourceRequest
from domain.request_numbers import RequestNumbers, Tally
from handlers.blocks.deal_card import _maybe
from prompts import t
from services.request_numbers import RequestNumbersView

NAMED = 5  # overdue requests a digest names; the rest are counted


def hours_text(hours: float | None, locale: str) -> str:
    """Hours as a reader takes them in: "2.5 h", "48 h", or a dash when there is nothing to time."""
    if hours is None:
        return t(locale, "requestnum.none")
    return t(locale, "requestnum.hours", hours=f"{hours:.1f}".removesuffix(".0"))


def rate_text(rate: float | None, locale: str) -> str:
    """A share as a whole percentage, or a dash before any decision."""
    return f"{rate:.0%}" if rate is not None else t(locale, "requestnum.none")


def type_text(kind: str, locale: str) -> str:
    """The request type's name in the reader's language."""
    return _maybe(locale, f"request.{kind}", kind)


def _summary(n: Tally, locale: str) -> str:
    return t(locale, "requestnum.summary", count=n.count, rate=rate_text(n.acceptance_rate, locale),
             median=hours_text(n.median_accept, locale), p90=hours_text(n.p90_accept, locale),
             done=hours_text(n.median_done, locale), load=n.open_load, overdue=n.overdue)


def _row(key: str, name: str, n: Tally, locale: str) -> str:
    return t(locale, key, name=name, count=n.count, rate=rate_text(n.acceptance_rate, locale),
             median=hours_text(n.median_accept, locale), load=n.open_load)


def _state(r: ResourceRequest, locale: str) -> str:
    if r.state == "accepted":
        return t(locale, "requestnum.state.accepted", who=f"<@{r.assignee_slack_id}>")
    if r.assignee_slack_id:
        return t(locale, "requestnum.state.proposed", who=f"<@{r.assignee_slack_id}>")
    return t(locale, "requestnum.state.waiting")


def _needed(r: ResourceRequest, locale: str) -> str:
    return t(locale, "requestnum.needed", date=r.needed_by.isoformat()) if r.needed_by else ""


def _overdue(r: ResourceRequest, locale: str) -> str:
    return t(locale, "requestnum.overdue_row", type=type_text(r.type, locale), requester=f"<@{r.requester_slack_id}>",
             date=r.needed_by.isoformat() if r.needed_by else "", state=_state(r, locale))


def _list(title: str, lines: Iterable[str]) -> list[Block]:
    found = [f"• {line}" for line in lines]
    return [SectionBlock(text=MarkdownTextObject(text="\n".join([title, *found])[:3000]))] if found else []


def requests_blocks(view: RequestNumbersView, locale: str) -> list[dict]:
    """The caller's presales numbers: the whole, per type, per engineer, the overdue ones, and their own list."""
    n = view.numbers
    head = t(locale, f"requestnum.title.{view.scope}", weeks=view.weeks)
    body = _summary(n.overall, locale) if n.overall.count or n.overall.open_load else \
        t(locale, "requestnum.empty", weeks=view.weeks)
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=f"{head}\n{body}"))]
    blocks += _list(t(locale, "requestnum.by_type"),
                    (_row("requestnum.type_row", type_text(k, locale), x, locale) for k, x in n.by_type))
    blocks += _list(t(locale, "requestnum.by_engineer"),
                    (_row("requestnum.engineer_row", f"<@{who}>", x, locale) for who, x in n.by_engineer))
    blocks += _list(t(locale, "requestnum.overdue"), (_overdue(r, locale) for r in n.overdue))
    blocks += _list(t(locale, "requestnum.raised"), (t(locale, "requestnum.raised_row", type=type_text(r.type, locale),
                                                       state=_state(r, locale), needed=_needed(r, locale))
                                                     for r in view.raised))
    blocks += _list(t(locale, "requestnum.held"), (t(locale, "requestnum.held_row", type=type_text(r.type, locale),
                                                     requester=f"<@{r.requester_slack_id}>", state=_state(r, locale),
                                                     needed=_needed(r, locale)) for r in view.held))
    clock = "requestnum.working_hours" if view.working_hours else "requestnum.wall_clock"
    notes = ContextBlock(elements=[MarkdownTextObject(text=f"{t(locale, 'requestnum.notes')} {t(locale, clock)}")])
    return [b.to_dict() for b in [*blocks, notes]]


def digest_requests_blocks(numbers: RequestNumbers | None, locale: str) -> list[dict]:
    """The Monday digest's presales lines: the team's week in one line, the overdue ones named; none without any."""
    if numbers is None:
        return []
    n = numbers.overall
    lines = [t(locale, "requestnum.digest", count=n.count, rate=rate_text(n.acceptance_rate, locale),
               median=hours_text(n.median_accept, locale))]
    if numbers.overdue:
        lines += [t(locale, "requestnum.digest_overdue", count=len(numbers.overdue)),
                  *(f"• {_overdue(r, locale)}" for r in numbers.overdue[:NAMED])]
    return [SectionBlock(text=MarkdownTextObject(text="\n".join(lines)[:3000])).to_dict()]
