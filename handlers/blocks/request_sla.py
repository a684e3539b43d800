"""Service-level messages of a presales request: the escalation DM to the queue lead or the requester's manager,
the needed-by reminder to the assignee, and the one line each step adds to the requester's thread."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, MarkdownTextObject, SectionBlock

from domain.request_sla import LEAD, NO_MANAGER, days_before
from domain.routing import REQUEST_TYPES
from handlers import ids
from handlers.blocks.my_day import local_date
from prompts import t
from services.request_sla import SlaCard

DETAILS_MAX = 300  # a DM shows what was asked; the queue card has all of it


def hours_text(hours: float) -> str:
    """Working hours as people say them: 5, 5.5, never 5.499."""
    return f"{hours:.1f}".removesuffix(".0")


def _relative(card: SlaCard, locale: str) -> str:
    """The needed-by day from the queue's today: today, tomorrow, in 3 days, 2 days ago."""
    days = ((card.request.needed_by or card.today) - card.today).days
    if days == 0:
        return t(locale, "requestsla.today")
    if days == 1:
        return t(locale, "requestsla.tomorrow")
    return t(locale, "requestsla.in_days", days=days) if days > 0 else t(locale, "requestsla.days_ago", days=-days)


def _when(card: SlaCard, locale: str) -> str:
    """today / tomorrow / on Fri, Dec 18: when the request is needed, as a sentence says it."""
    needed = card.request.needed_by
    if needed is None or (needed - card.today).days in (0, 1):
        return _relative(card, locale)
    return t(locale, "requestsla.on", date=local_date(needed, locale))


def _type(card: SlaCard, locale: str) -> str:
    kind = card.request.type
    return t(locale, f"request.{kind}") if kind in REQUEST_TYPES else kind


def queue_link(card: SlaCard, locale: str) -> str:
    """The queue's channel as Slack links it (a #name as written), or the default queue without one."""
    channel = card.channel
    if not channel:
        return t(locale, "requestsla.no_channel")
    return channel if channel.startswith("#") else f"<#{channel}>"


def card_url(card: SlaCard) -> str | None:
    """A link to the request's card in the queue channel (Slack opens it in the workspace it belongs to)."""
    posted = card.request.queue_card
    return f"https://slack.com/archives/{posted.channel}/p{posted.ts.replace('.', '')}" if posted else None


def _queue_and_card(card: SlaCard, locale: str) -> str:
    """The queue's channel, and a link to the request's card there once it is posted (a link, not a button:
    a button would send Slack an action to answer)."""
    url = card_url(card)
    link = f" · <{url}|{t(locale, 'requestsla.card_link')}>" if url else ""
    return queue_link(card, locale) + link


def request_sla_text(card: SlaCard, locale: str) -> str:
    """The notification line of a DM, or the whole of a line in the requester's thread."""
    what = {"type": _type(card, locale), "account": card.account or "—", "hours": hours_text(card.waited_hours),
            "when": _when(card, locale), "queue": queue_link(card, locale)}
    step = card.step if days_before(card.step) is None else "due"
    if card.in_thread:
        names = {"lead": f"<@{card.lead}>", "manager": f"<@{card.manager}>",
                 "assignee": f"<@{card.request.assignee_slack_id}>"}
        return t(locale, f"requestsla.thread.{step}", **what, **names)
    return t(locale, f"requestsla.text.{step}", **what, requester=f"<@{card.request.requester_slack_id}>")


def _facts(card: SlaCard, locale: str) -> str:
    """What the request is: type, account, deal, needed-by, how long it has waited, the queue, who asked."""
    r = card.request
    lines = [t(locale, "requestsla.field.type", value=_type(card, locale)),
             t(locale, "requestsla.field.account", value=card.account or "—")]
    lines += [t(locale, "requestsla.field.deal", value=card.deal)] if card.deal else []
    lines += [t(locale, "requestsla.field.needed_by", value=f"{local_date(r.needed_by, locale)} · {_relative(card, locale)}")
              ] if r.needed_by else []
    if r.state == "open":  # how long it has waited says nothing once someone holds it
        lines.append(t(locale, "requestsla.field.waited", hours=hours_text(card.waited_hours),
                       limit=hours_text(card.limit)))
    lines += [t(locale, "requestsla.field.queue", value=_queue_and_card(card, locale)),
              t(locale, "requestsla.field.requester", value=f"<@{r.requester_slack_id}>")]
    if r.state == "open" and r.assignee_slack_id:
        lines.append(t(locale, "requestsla.field.proposed", value=f"<@{r.assignee_slack_id}>"))
    if r.details:
        details = r.details if len(r.details) <= DETAILS_MAX else r.details[:DETAILS_MAX - 1] + "…"
        lines.append(t(locale, "requestsla.field.details", value=details))
    return "\n".join(lines)


def _buttons(card: SlaCard, locale: str) -> list[ButtonElement]:
    """Accept, exactly as on the queue card, for the queue's lead (who may take it, unless they asked for it). The
    requester's manager gets none: taking it is the queue's to do, and the DM links to its card."""
    if card.step != LEAD or card.lead == card.request.requester_slack_id:
        return []
    return [ButtonElement(text=t(locale, "requestsla.button.accept"), action_id=ids.REQUEST_ACCEPT,
                          value=str(card.request.id), style="primary")]


def request_sla_blocks(card: SlaCard, locale: str) -> list[dict[str, Any]]:
    """A service-level message: a DM with the request's facts and buttons, or a thread line as one section."""
    text = request_sla_text(card, locale)
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=text))]
    if not card.in_thread and card.step != NO_MANAGER:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=_facts(card, locale))))
        buttons = _buttons(card, locale)
        if buttons:
            blocks.append(ActionsBlock(block_id=f"requestsla_{card.request.id}", elements=buttons))
    return [b.to_dict() for b in blocks]

