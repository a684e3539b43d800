"""A contact's keep-in-touch rhythm as a rep reads it: 每 60 天（自定）, or the default and where it comes from."""

from __future__ import annotations

from domain.entities import Contact
from domain.touch_plan import cadence_for
from handlers.blocks.trust_bars import stage_name
from prompts import t


def rhythm_line(contact: Contact, locale: str) -> str:
    """The rhythm in force on the person card, saying whether the rep set it or the default holds."""
    if contact.cadence_days is not None:
        return t(locale, "person.rhythm_own", days=contact.cadence_days)
    return t(locale, "person.rhythm_default", days=cadence_for(contact.importance, contact.trust_stage))


def rhythm_default(contact: Contact, locale: str) -> str:
    """The rhythm the contact gets with no override, and the importance and stage it comes from."""
    return t(locale, "person.rhythm_placeholder", days=cadence_for(contact.importance, contact.trust_stage),
             importance=contact.importance, stage=stage_name(contact.trust_stage, locale))
