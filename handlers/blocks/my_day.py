"""A rep's day as blocks: shared by the morning digest and the App Home page."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from slack_sdk.models.blocks import Block, ButtonElement, ContextBlock, MarkdownTextObject, SectionBlock

from handlers import ids
from handlers.blocks.insight_blocks import action_line, log_prefill
from prompts import t
from services.my_day import GreetingDue, MeetingToday, MyDay, TouchDue
from services.nudges import occasion_name

TOUCHES_SHOWN = 5  # one section (and Log it button) each; the rest are counted
GREETINGS_SHOWN = 8


def local_date(day: date, locale: str) -> str:
    """A day as the rep reads it: "Sat, Dec 12" or "12月12日（周六）"."""
    months, weekdays = t(locale, "date.months").split(), t(locale, "date.weekdays").split()
    return t(locale, "date.day", month=months[day.month - 1], day=day.day, weekday=weekdays[day.weekday()])


def local_time(instant: datetime, locale: str) -> str:
    """An instant (already in the rep's zone) as a day and a clock time."""
    return t(locale, "date.at", date=local_date(instant.date(), locale), time=instant.strftime("%H:%M"))


def occasion_label(occasion: str, label: str, locale: str) -> str:
    """The occasion's name in the rep's language (a custom date keeps the label it was given)."""
    return occasion_name(occasion, label, locale) or t(locale, "nudge.occasion_custom")


def person_line(name: str, title: str | None, account: str | None, locale: str) -> str:
    """*李娜*（北辰银行·CTO） / *Li Na*, CTO at Beichen Bank."""
    if title and account:
        return t(locale, "nudge.person_full", name=name, title=title, account=account)
    if title or account:
        return t(locale, "nudge.person_one", name=name, detail=title or account)
    return t(locale, "nudge.person_bare", name=name)


def _log_button(index: int, prefill: str, locale: str) -> ButtonElement:
    # The plan's "Log it" flow: the value is the log already started, the dialog opens on it.
    return ButtonElement(text=t(locale, "button.log_it"), action_id=f"{ids.PLAN_LOG_PREFIX}{index}",
                         value=prefill[:2000])


def _touch_line(item: TouchDue, locale: str) -> str:
    c = item.contact
    late = (t(locale, "my_day.overdue", days=item.days_overdue) if item.days_overdue
            else t(locale, "my_day.due_today"))
    last = local_date(item.last_touch, locale) if item.last_touch else t(locale, "my_day.never")
    return t(locale, "my_day.touch", person=person_line(c.name, c.title, c.account_name, locale), late=late,
             cadence=item.cadence_days, last=last)


def _touch_blocks(day: MyDay, locale: str) -> list[Block]:
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=t(locale, "my_day.touches", n=len(day.touches))))]
    for i, item in enumerate(day.touches[:TOUCHES_SHOWN]):
        prefill = t(locale, "prefill.touch", name=item.contact.name, account=item.contact.account_name or "")
        blocks.append(SectionBlock(text=MarkdownTextObject(text=_touch_line(item, locale)[:3000]),
                                   accessory=_log_button(i, prefill, locale)))
    if len(day.touches) > TOUCHES_SHOWN:
        more = t(locale, "my_day.more", n=len(day.touches) - TOUCHES_SHOWN)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=more)]))
    return blocks


def _greeting_line(g: GreetingDue, locale: str) -> str:
    occasion = occasion_label(g.occasion, g.label, locale)
    on = local_date(g.day, locale) if g.day else "—"
    if g.waiting:
        return t(locale, "my_day.greeting_waiting", name=g.contact_name, occasion=occasion, day=on)
    arrives = local_date(g.arrives_on, locale) if g.arrives_on else "—"
    return t(locale, "my_day.greeting_coming", name=g.contact_name, occasion=occasion, day=on, arrives=arrives)


def _meeting_line(m: MeetingToday, locale: str) -> str:
    who = t(locale, "punct.list").join(m.people) or "—"
    return t(locale, "my_day.meeting", at=m.meeting.at or t(locale, "my_day.all_day"), people=who,
             account=m.account or "—", topic=m.meeting.topic or "")


def my_day_blocks(day: MyDay, locale: str) -> list[dict[str, Any]]:
    """The rep's day: touches due (each with Log it), greetings, today's meetings and the top actions."""
    blocks: list[Block] = []
    if day.touches:
        blocks += _touch_blocks(day, locale)
    if day.greetings:
        lines = "\n".join(_greeting_line(g, locale) for g in day.greetings[:GREETINGS_SHOWN])
        blocks.append(SectionBlock(text=MarkdownTextObject(text=(t(locale, "my_day.greetings") + "\n" + lines)[:3000])))
    if day.meetings:
        lines = "\n".join(_meeting_line(m, locale) for m in day.meetings)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=(t(locale, "my_day.meetings") + "\n" + lines)[:3000])))
    if day.actions:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "my_day.actions"))))
        for i, top in enumerate(day.actions, start=TOUCHES_SHOWN):
            line = f"{action_line(top.action, top.map, locale)} · {top.map.account.name}"
            blocks.append(SectionBlock(text=MarkdownTextObject(text=line[:3000]),
                                       accessory=_log_button(i, log_prefill(top.action, top.map, locale), locale)))
    if not blocks:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "my_day.nothing"))))
    return [b.to_dict() for b in blocks]
