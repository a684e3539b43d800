"""When a presales request was last put before its queue: its service level counts from there, not from its creation.

A request accepted on Monday and declined on Thursday is waiting again from Thursday; its escalations
count from then. Rows already stored count from their creation, as they did before.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('resource_requests') as batch:
        batch.add_column(sa.Column('opened_at', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE resource_requests SET opened_at = created_at WHERE opened_at IS NULL")


def downgrade() -> None:
    with op.batch_alter_table('resource_requests') as batch:
        batch.drop_column('opened_at')
