"""A contact's dates as a rep reads them: 升职 2026-11-01, 工作周年 每年 06-01（2019 年起）, 结婚纪念日 每年 农历 05-20."""

from __future__ import annotations

from domain.entities import Contact
from domain.occasions import RECURRING_WITH_YEAR, CustomDate
from handlers.blocks.my_day import occasion_label
from prompts import t


def date_phrase(item: CustomDate, locale: str) -> str:
    """One date: its name, then its day once or every year."""
    day = f"{t(locale, 'lunar') + ' ' if item.lunar else ''}{item.month:02d}-{item.day:02d}"
    if item.year is None:
        when = t(locale, "occasion.yearly", date=day)
    elif item.kind in RECURRING_WITH_YEAR:
        when = t(locale, "occasion.since", date=day, year=item.year)
    else:
        when = f"{item.year}-{item.month:02d}-{item.day:02d}" + (f" ({t(locale, 'lunar')})" if item.lunar else "")
    return f"{occasion_label(item.kind, item.label, locale)} {when}"


def dates_line(contact: Contact, dates: tuple[CustomDate, ...] | list[CustomDate], locale: str) -> str:
    """The birthday and every other date kept for a contact, in one line; "—" when none is known."""
    parts = []
    if contact.birthday:
        lunar = t(locale, "lunar") + " " if contact.birthday_lunar else ""
        parts.append(f"{t(locale, 'field.birthday')} {lunar}{contact.birthday}")
    parts += [date_phrase(d, locale) for d in dates]
    return " · ".join(parts) or "—"


def history_value(value: object, locale: str) -> str:
    """A value of the profile's history as written, a date kept (an audit record) as its phrase, none as "—"."""
    if value is None:
        return "—"
    if isinstance(value, dict) and {"kind", "month", "day"} <= value.keys():
        item = CustomDate(str(value["kind"]), int(value["month"]), int(value["day"]), value.get("year"),
                          str(value.get("label") or ""), bool(value.get("lunar")))
        return date_phrase(item, locale)
    return str(value)
