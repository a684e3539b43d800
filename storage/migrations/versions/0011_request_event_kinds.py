"""Presales request events: room for the longest step's name (escalated_manager is 17 characters).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('resource_request_events') as batch:
        batch.alter_column('kind', existing_type=sa.String(length=16), type_=sa.String(length=32),
                           existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('resource_request_events') as batch:
        batch.alter_column('kind', existing_type=sa.String(length=32), type_=sa.String(length=16),
                           existing_nullable=False)
