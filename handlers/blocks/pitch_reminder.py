"""The pitch card before a meeting: per decision-chain member, who they are, the last touch, the points to say
(unheard first, each with what they heard of it), what they can move, and "I pitched these"."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from domain.pitch_reminders import LEAD, SOON
from handlers import ids
from handlers.blocks.my_day import local_date, local_time
from prompts import t
from services.pitch_reminders import MemberBrief, PitchReminderCard, PointLine

MAX_BLOCKS = 50  # what Slack takes in one message


def _when(card: PitchReminderCard, locale: str) -> str:
    """Tomorrow 15:00 / Today / Thu, Dec 10 15:00, as the rep reads it the day the card was composed."""
    if card.on == card.today:
        day = t(locale, "reminder.today")
    elif card.on == card.today + timedelta(days=1):
        day = t(locale, "reminder.tomorrow")
    else:
        day = local_date(card.on, locale)
    return f"{day} {card.at}" if card.at else day


def _names(card: PitchReminderCard, locale: str) -> str:
    return t(locale, "reminder.and").join(m.name for m in card.members)


def pitch_reminder_text(card: PitchReminderCard, locale: str) -> str:
    """The notification line: when the meeting is and with whom."""
    if card.slot == SOON and card.at:
        return t(locale, "reminder.header_soon", minutes=int(LEAD.total_seconds() // 60), time=card.at,
                 names=_names(card, locale))
    return t(locale, "reminder.header", when=_when(card, locale), names=_names(card, locale))


def _point(card: PitchReminderCard, m: int, i: int, member: MemberBrief, p: PointLine, locale: str) -> SectionBlock:
    """One point to say, with how often and when last this person heard it; a Pitched button until it is marked."""
    if p.times:
        channels = t(locale, "reminder.list_sep").join(t(locale, f"channel.{c}") for c in p.channels)
        heard = t(locale, "reminder.heard", times=p.times, day=local_date(p.last, locale) if p.last else "—",
                  channels=channels or "—")
    else:
        heard = t(locale, "reminder.not_heard")
    line = t(locale, "reminder.point", n=i + 1, point=p.text, heard=heard)
    if (member.contact_id, p.text) in card.pitched:
        return SectionBlock(text=MarkdownTextObject(text=line + t(locale, "reminder.marked")))
    if card.cancelled_at is not None:
        return SectionBlock(text=MarkdownTextObject(text=line[:3000]))
    button = ButtonElement(text=t(locale, "reminder.button_point"), action_id=ids.PITCH_POINT,
                           value=f"{card.delivery_id}:{m}:{i}")
    return SectionBlock(text=MarkdownTextObject(text=line[:3000]), accessory=button)


def _member(card: PitchReminderCard, m: int, member: MemberBrief, locale: str) -> list[Block]:
    """Who the person is and what they last heard from us, then their pitch, then what they can move."""
    name = t(locale, "reminder.name_title", name=member.name, title=member.title) if member.title else f"*{member.name}*"
    lines = [t(locale, "reminder.member", name=name, role=t(locale, f"role.{member.role}"),
               stance=t(locale, f"stance.{member.stance}"))]
    if member.last_on:
        topic = t(locale, "reminder.topic", topic=member.last_topic) if member.last_topic else ""
        lines.append(t(locale, "reminder.last", day=local_date(member.last_on, locale),
                       channel=t(locale, f"channel.{member.last_channel or 'other'}"), topic=topic))
    else:
        lines.append(t(locale, "reminder.never_met"))
    if member.proposition:
        lines.append(t(locale, "reminder.pitch", title=member.proposition, seconds=member.seconds or 0))
    else:
        lines.append(t(locale, "reminder.no_pitch", role=t(locale, f"role.{member.role}")))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text="\n".join(lines)[:3000]))]
    blocks += [_point(card, m, i, member, p, locale) for i, p in enumerate(member.points)]
    if member.open_points:
        moves = t(locale, "reminder.list_sep").join(t(locale, f"point.{k}") for k in member.open_points)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t(locale, "reminder.moves", points=moves))]))
    return blocks


def _footer(card: PitchReminderCard, locale: str) -> list[Block]:
    """What was done with the card, or its buttons: "I pitched these" (everyone shown heard every point shown),
    and Cancelled while nothing was pitched."""
    if card.cancelled_at is not None:
        gone = t(locale, "reminder.cancelled", time=local_time(card.cancelled_at, locale))
        return [ContextBlock(elements=[MarkdownTextObject(text=gone)])]
    if card.pitched_at is not None:
        done = t(locale, "reminder.pitched_at", time=local_time(card.pitched_at, locale))
        return [ContextBlock(elements=[MarkdownTextObject(text=done)])]
    buttons, blocks = [_cancel_button(card, locale)], []
    if any(m.points for m in card.members):
        buttons.insert(0, ButtonElement(text=t(locale, "reminder.button_all"), action_id=ids.PITCH_DELIVERED,
                                        value=str(card.delivery_id), style="primary"))
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t(locale, "reminder.hint"))]))
    return [*blocks, ActionsBlock(block_id="pitch_actions", elements=buttons)]


def _cancel_button(card: PitchReminderCard, locale: str) -> ButtonElement:
    """Cancelled: the meeting is off, asked once more so a slip of the thumb does not drop its next card."""
    confirm = ConfirmObject(title=t(locale, "reminder.cancel_confirm_title"),
                            text=t(locale, "reminder.cancel_confirm_text"),
                            confirm=t(locale, "reminder.cancel_confirm_yes"), deny=t(locale, "reminder.cancel_confirm_no"))
    return ButtonElement(text=t(locale, "reminder.button_cancelled"), action_id=ids.PITCH_CANCELLED,
                         value=str(card.delivery_id), confirm=confirm)


def pitch_reminder_blocks(card: PitchReminderCard, locale: str) -> list[dict[str, Any]]:
    """The whole card: the meeting, a brief per chain member, and the button that records the pitch."""
    about = [x for x in (card.account, card.deal, card.topic) if x]
    blocks: list[Block] = [HeaderBlock(text=pitch_reminder_text(card, locale)[:150])]
    if about:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=" · ".join(about)[:3000])]))
    for m, member in enumerate(card.members):
        blocks += [DividerBlock(), *_member(card, m, member, locale)]
    footer = _footer(card, locale)
    blocks = blocks[:MAX_BLOCKS - len(footer)] + footer
    return [b.to_dict() for b in blocks]
