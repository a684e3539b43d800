"""A presales request's card in its queue's channel, and the lines told in the requester's thread."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from domain.entities import ResourceRequest
from handlers import ids
from handlers.blocks.my_day import local_date
from prompts import keys, normalise_locale, t
from services.requests_card import RequestCard

DETAILS_MAX = 600  # a log's whole note can be long; the card quotes the start


def _maybe(locale: str, key: str, fallback: str) -> str:
    return t(locale, key) if key in keys(normalise_locale(locale)) else fallback


def _join(locale: str, items: list[str]) -> str:
    return ("、" if normalise_locale(locale) == "zh-CN" else ", ").join(items)


def who(slack_id: str | None) -> str:
    """A person as Slack shows them: a mention."""
    return f"<@{slack_id}>" if slack_id else "—"


def channel_ref(channel: str | None) -> str:
    """A channel as Slack links it: <#C0123> for an id, #name as the rules file wrote it."""
    if not channel:
        return "—"
    return channel if channel.startswith("#") else f"<#{channel}>"


def type_label(request_type: str, locale: str) -> str:
    """The request type in the reader's language (demo → 产品演示)."""
    return _maybe(locale, f"request.{request_type}", request_type)


def what(request: ResourceRequest, account: str | None, locale: str) -> str:
    """The request as a sentence names it: "demo request for 北辰银行"."""
    kind = type_label(request.type, locale)
    return t(locale, "request.what_at", type=kind, account=account) if account else t(locale, "request.what", type=kind)


def status_line(request: ResourceRequest, locale: str) -> str:
    """Where the request stands: proposed to someone, waiting, taken by, done."""
    if request.state == "accepted":
        return t(locale, "request.card.accepted", who=who(request.assignee_slack_id))
    if request.state == "done":
        return t(locale, "request.card.done", who=who(request.assignee_slack_id))
    if request.state == "open" and request.assignee_slack_id:
        return t(locale, "request.card.proposed", who=who(request.assignee_slack_id))
    if request.state == "cancelled":
        return t(locale, "request.withdraw.status")
    return t(locale, f"request.card.{'waiting' if request.state == 'open' else 'closed'}")


def _facts(card: RequestCard, locale: str) -> SectionBlock:
    r = card.request
    fields = [t(locale, "request.card.requester", who=who(r.requester_slack_id)),
              t(locale, "request.card.status", status=status_line(r, locale))]
    if card.deal:
        stage = _maybe(locale, f"deal.stage.{card.stage}", card.stage or "")
        fields.insert(0, t(locale, "request.card.deal", deal=card.deal, stage=stage))
    if r.needed_by:
        fields.insert(1, t(locale, "request.card.needed_by", date=local_date(r.needed_by, locale)))
    return SectionBlock(fields=[MarkdownTextObject(text=f[:2000]) for f in fields])


def _chain(card: RequestCard, locale: str) -> SectionBlock:
    lines = [t(locale, "request.card.member", role=_maybe(locale, f"role.{p.role}", p.role), name=p.name,
               stance=_maybe(locale, f"stance.{p.stance}", p.stance)) for p in card.chain]
    return SectionBlock(text=MarkdownTextObject(text=t(locale, "request.card.chain",
                                                       lines="\n".join(lines) or t(locale, "request.card.no_chain"))))


def _cares(card: RequestCard, locale: str) -> SectionBlock:
    lines = []
    details = (card.request.details or "").strip()
    if details:
        quoted = details if len(details) <= DETAILS_MAX else details[:DETAILS_MAX] + "…"
        lines.append("\n".join(f"> {line}" for line in quoted.splitlines() if line.strip()))
    if card.open_points:
        items = [t(locale, "request.card.point", point=_maybe(locale, f"point.{k}", k),
                   state=_maybe(locale, f"state.{s}", s)) for k, s in card.open_points]
        lines.append(t(locale, "request.card.open_points", items=_join(locale, items)))
    if card.pitched:
        lines.append(t(locale, "request.card.pitched", items=_join(locale, list(card.pitched))))
    body = "\n".join(lines) or t(locale, "request.card.nothing_said")
    return SectionBlock(text=MarkdownTextObject(text=t(locale, "request.card.cares", text=body)[:3000]))


def _buttons(request: ResourceRequest, locale: str) -> list[Block]:
    value = str(request.id)
    if request.state == "open":
        names = (("accept", ids.REQUEST_ACCEPT), ("decline", ids.REQUEST_DECLINE), ("reassign", ids.REQUEST_REASSIGN))
    elif request.state == "accepted":
        names = (("done", ids.REQUEST_DONE), ("decline", ids.REQUEST_DECLINE), ("reassign", ids.REQUEST_REASSIGN))
    else:
        return []
    return [ActionsBlock(block_id="request_actions", elements=[
        ButtonElement(text=t(locale, f"request.button.{name}"), action_id=action, value=value,
                      style="primary" if name in ("accept", "done") else None) for name, action in names])]


def request_card_blocks(card: RequestCard, locale: str, *, rule: int | None = None) -> list[dict[str, Any]]:
    """The card in the queue's channel: type, account, deal and stage, the chain, what the customer cares about,
    needed-by, requester and who has it; Accept / Decline / Reassign while open, Done once accepted."""
    r = card.request
    title = t(locale, "request.card.title", type=type_label(r.type, locale), account=card.account or "—")
    why = t(locale, "request.card.rule", n=rule) if rule else t(locale, "request.card.no_rule")
    blocks: list[Block] = [HeaderBlock(text=title[:150]), _facts(card, locale), _chain(card, locale),
                           _cares(card, locale),
                           ContextBlock(elements=[MarkdownTextObject(text=t(locale, "request.card.queue",
                                                                            queue=r.queue or "—", why=why))]),
                           *_buttons(r, locale)]
    return [b.to_dict() for b in blocks]


def request_card_text(card: RequestCard, locale: str) -> str:
    """The card's notification text, naming whom it is proposed to so they are notified."""
    r = card.request
    return t(locale, "request.card.text", what=what(r, card.account, locale), who=who(r.requester_slack_id),
             status=status_line(r, locale))


def opened_text(card: RequestCard, locale: str, *, channel: str | None, rule: int | None, queue_default: bool) -> str:
    """The DM that opens the requester's thread: where the request went, by which rule, and who has it."""
    r = card.request
    named = what(r, card.account, locale)
    if not channel:
        first = t(locale, "request.opened_no_channel", what=named)
    elif queue_default:
        first = t(locale, "request.opened_default", what=named, channel=channel_ref(channel))
    else:
        first = t(locale, "request.opened", what=named, channel=channel_ref(channel), rule=rule or "—")
    lines = [first, t(locale, "request.step.next", who=who(r.assignee_slack_id))] if r.state == "open" \
        and r.assignee_slack_id else [first]
    return "\n".join([*lines, t(locale, "request.opened_follow")])


def done_blocks(text: str, request_id: int, locale: str) -> list[dict[str, Any]]:
    """The thread's line that the request is done, with the button that asks how it went."""
    return [SectionBlock(text=MarkdownTextObject(text=text)).to_dict(),
            ActionsBlock(block_id="request_outcome", elements=[
                ButtonElement(text=t(locale, "request.button.outcome"), action_id=ids.REQUEST_OUTCOME,
                              value=str(request_id), style="primary")]).to_dict()]


def request_button(deal_id: int, locale: str) -> ButtonElement:
    """The deal card's Request presales button: the request dialog, the deal already chosen."""
    return ButtonElement(text=t(locale, "request.button.new"), action_id=ids.REQUEST_NEW, value=str(deal_id))
