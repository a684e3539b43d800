"""`rapport import --json FILE`: a whole-workspace export restored into an empty workspace, in one unit of work."""

from __future__ import annotations

from typing import Any

from storage.repos_import import ImportRepo
from storage.repos_restore import ORDER, RestoreRepo
from storage.uow import UnitOfWork


class WorkspaceNotEmpty(ValueError):
    """A backup is restored only where it cannot mix with records already there."""


def restore_json(*, uow: UnitOfWork, data: dict[str, Any]) -> tuple[dict[str, int], list[str]]:
    """Restore every record of the export; returns counts per kind and the kinds the export holds but Rapport
    does not restore."""
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise ValueError("not a Rapport export: expected one JSON object of lists (rapport export --json)")
    with uow:
        if not ImportRepo(uow.session, uow.workspace_id).is_empty():
            raise WorkspaceNotEmpty(f"workspace {uow.workspace_id} already holds records: a backup is restored "
                                    "only into an empty workspace (choose another --workspace or a fresh store)")
        counts = RestoreRepo(uow.session, uow.workspace_id).restore(data)
        uow.commit()
    known = {kind for kind, _table in ORDER}
    return counts, sorted(k for k in data if k not in known)
