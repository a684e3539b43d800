"""The words of the relationship map: kinds of tie between people and where a person stands towards us."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from domain.entities import Contact, ContactLink

REPORTS_TO = "reports_to"
INFLUENCES = "influences"
ALLY = "ally"
RIVAL = "rival"
KNOWS = "knows"

SUPPORTER = "supporter"
OPPONENT = "opponent"

MAX_STRENGTH = 5


def strength_of(link: ContactLink) -> int:
    """A tie's strength, kept within the 1–5 scale reps use."""
    return min(MAX_STRENGTH, max(1, link.strength))


def known_links(links: Iterable[ContactLink], people: Iterable[int]) -> list[ContactLink]:
    """The ties between people on this map, in a stable order, without self-loops."""
    ids = set(people)
    return sorted((lk for lk in links if lk.from_id in ids and lk.to_id in ids and lk.from_id != lk.to_id),
                  key=lambda lk: (lk.from_id, lk.to_id, lk.kind, lk.id))


def rival_pairs(links: Iterable[ContactLink]) -> set[frozenset[int]]:
    """Pairs of people who are rivals: neither will ever open a door to the other."""
    return {frozenset((lk.from_id, lk.to_id)) for lk in links if lk.kind == RIVAL}


def by_id(contacts: Sequence[Contact]) -> dict[int, Contact]:
    """Contacts keyed by their id."""
    return {c.id: c for c in contacts}
