"""The team's library of 60-second value propositions: create, edit, archive, list and search, every change audited.

The library is the team's: anyone in the workspace may add to it or improve a pitch, and the audit log
keeps who changed what, before and after, from which card.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from domain.entities import AuditEntry, SourceMessage, User
from domain.graph.chain import ROLES
from domain.pitch_library import Problem, check_pitch, matches, said_points, search_words
from domain.pitch_wins import WinRate
from domain.pitches import Proposition, spoken_length
from services.audited import apply_edit
from services.pitch_wins import proposition_records
from services.record_deal import plain
from services.visibility import NotFound
from storage.uow import UnitOfWork

EDITABLE = frozenset({"title", "points", "industries", "products", "roles"})
NO_SOURCE = SourceMessage(None, None)


class PitchRefused(ValueError):
    """The pitch cannot be kept as written: what is missing, or how many seconds it overruns."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.code}" for p in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class LibraryPitch:
    """A pitch as the library shows it: the proposition, its spoken seconds, and its record when it has one."""

    proposition: Proposition
    seconds: int
    record: WinRate | None = None


def _wanted(title: str, points: Sequence[str | None], industries: Sequence[str], products: Sequence[str],
            roles: Sequence[str], prop_id: int = 0) -> Proposition:
    """The pitch as typed, checked: refused with the problems when it cannot be kept."""
    problems = check_pitch(title, points)
    if problems:
        raise PitchRefused(problems)
    return Proposition(prop_id, title.strip(), said_points(points), _tags(industries), _tags(products),
                       tuple(r for r in dict.fromkeys(roles) if r in ROLES))


def _tags(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def create_pitch(*, uow: UnitOfWork, user: User, title: str, points: Sequence[str | None], now: datetime,
                 industries: Sequence[str] = (), products: Sequence[str] = (), roles: Sequence[str] = (),
                 source: SourceMessage = NO_SOURCE) -> LibraryPitch:
    """Add a pitch to the library once it has a title, 2–3 points and fits 60 seconds; audited as created."""
    wanted = _wanted(title, points, industries, products, roles)
    with uow:
        made = uow.propositions.add(wanted, by=user.slack_user_id, now=now, locale=user.locale)
        after = {k: plain(getattr(made, k)) for k in sorted(EDITABLE)}
        uow.audit.record(AuditEntry(user.slack_user_id, now, "proposition", made.id, "create", None, after, source))
        uow.commit()
    return LibraryPitch(made, spoken_length(made.points).seconds)


def pitch_to_edit(*, uow: UnitOfWork, pitch_id: int) -> Proposition:
    """The pitch whose Edit dialog (or template) is opened."""
    with uow:
        return _get(uow, pitch_id)


def _saver(uow: UnitOfWork, user: User, now: datetime) -> Callable[[Proposition], None]:
    def save(prop: Proposition) -> None:
        uow.propositions.update(prop, by=user.slack_user_id, now=now)

    return save


def _get(uow: UnitOfWork, pitch_id: int) -> Proposition:
    found = uow.propositions.get(pitch_id)
    if found is None:
        raise NotFound(str(pitch_id))
    return found


def edit_pitch(*, uow: UnitOfWork, user: User, pitch_id: int, title: str, points: Sequence[str | None],
               now: datetime, industries: Sequence[str] = (), products: Sequence[str] = (),
               roles: Sequence[str] = (), source: SourceMessage = NO_SOURCE) -> LibraryPitch:
    """Save new wording or tags of a pitch, checked like a new one; one audit entry of what changed."""
    wanted = _wanted(title, points, industries, products, roles, pitch_id)
    with uow:
        saved = apply_edit(uow, _get(uow, pitch_id), {k: getattr(wanted, k) for k in EDITABLE}, editable=EDITABLE,
                           entity="proposition", actor=user.slack_user_id, now=now, source=source,
                           save=_saver(uow, user, now))
        uow.commit()
    return LibraryPitch(saved, spoken_length(saved.points).seconds)


def archive_pitch(*, uow: UnitOfWork, user: User, pitch_id: int, now: datetime,
                  source: SourceMessage = NO_SOURCE) -> Proposition:
    """Take a pitch out of the library (its record and who heard it stay); audited."""
    with uow:
        current = _get(uow, pitch_id)
        archived = apply_edit(uow, current, {"archived": True}, editable={"archived"}, entity="proposition",
                              actor=user.slack_user_id, now=now, source=source,
                              save=_saver(uow, user, now))
        uow.commit()
    return archived


def pitch_library(*, uow: UnitOfWork, words: str = "") -> list[LibraryPitch]:
    """The library, oldest first, each with its spoken seconds and win record; only matches when words are given."""
    wanted = search_words(words)
    with uow:
        library = uow.propositions.all()
        records = proposition_records(uow, library)
    return [LibraryPitch(p, spoken_length(p.points).seconds, records.get(p.id)) for p in library
            if matches(p, wanted)]


def as_template(prop: Proposition) -> Proposition:
    """A pitch to start a new one from: the same wording and tags, not yet in the library."""
    return replace(prop, id=0, archived=False)
