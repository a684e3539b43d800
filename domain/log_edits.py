"""A rep's corrections from the Edit dialog, applied to what was understood."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

CHANNELS = ("meeting", "call", "online_meeting", "message", "email", "meal", "event", "site_visit", "other")
STANCES = ("supporter", "neutral", "opponent")


@dataclass(frozen=True)
class PersonEdit:
    """The title and stance the rep set for one person on the card (None: leave as understood)."""

    title: str | None = None
    stance: str | None = None


@dataclass(frozen=True)
class LogEdits:
    """Fields the rep corrected; None means "as understood"."""

    account: str | None = None
    occurred_on: date | None = None
    channel: str | None = None
    people: dict[str, PersonEdit] = field(default_factory=dict)  # by name as written


def apply_edits(parsed: dict[str, Any], edits: LogEdits) -> dict[str, Any]:
    """The log's contract JSON with the rep's corrections; an emptied field means "unknown"."""
    out = {**parsed, "people": [dict(p) for p in parsed.get("people") or []]}
    if edits.account is not None:
        out["account"] = edits.account.strip() or None
    if edits.occurred_on is not None:
        out["occurred_on"] = edits.occurred_on.isoformat()
    if edits.channel in CHANNELS:
        out["channel"] = edits.channel
    for person in out["people"]:
        edit = edits.people.get(person["name"])
        if edit is None:
            continue
        if edit.title is not None:
            person["title"] = edit.title.strip() or None
        if edit.stance is not None:
            person["stance"] = edit.stance if edit.stance in STANCES else None
    return out


def changed_edits(edits: LogEdits, parsed: dict[str, Any]) -> LogEdits:
    """Only the fields the rep actually changed from what was shown, for a log understood afresh."""
    shown = {p["name"]: p for p in parsed.get("people") or []}
    people = {
        name: PersonEdit(
            title=e.title if (e.title or None) != shown.get(name, {}).get("title") else None,
            stance=e.stance if (e.stance if e.stance in STANCES else None) != shown.get(name, {}).get("stance")
            else None,
        )
        for name, e in edits.people.items()
    }
    return LogEdits(
        account=edits.account if (edits.account or None) != parsed.get("account") else None,
        occurred_on=edits.occurred_on if edits.occurred_on and edits.occurred_on.isoformat() != parsed.get(
            "occurred_on") else None,
        channel=edits.channel if edits.channel != parsed.get("channel") else None,
        people=people,
    )
