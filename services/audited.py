"""An edit a rep makes by dialog (a profile, a deal): only what really changed is written, in one audit entry."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol, TypeVar

from domain.entities import AuditEntry, SourceMessage
from services.record_deal import plain
from storage.uow import UnitOfWork


class Stored(Protocol):
    """Anything the store keeps under an id (a contact, a deal)."""

    @property
    def id(self) -> int: ...


T = TypeVar("T", bound=Stored)


def apply_edit(uow: UnitOfWork, current: T, changes: Mapping[str, Any], *, editable: Collection[str], entity: str,
               actor: str, now: datetime, source: SourceMessage, save: Callable[[T], None]) -> T:
    """Save the fields that differ from `current` and audit them (before and after); `current` when none do."""
    wanted = {k: v for k, v in changes.items() if k in editable and getattr(current, k) != v}
    if not wanted:
        return current
    changed = replace(current, **wanted)  # type: ignore[type-var]
    save(changed)
    uow.audit.record(AuditEntry(actor, now, entity, current.id, "update",
                                {k: plain(getattr(current, k)) for k in wanted}, {k: plain(v) for k, v in wanted.items()},
                                source))
    return changed
