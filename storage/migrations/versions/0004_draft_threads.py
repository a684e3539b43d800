"""A draft remembers the logged message it replies to, so the reply adds to that interaction.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('log_drafts') as batch:
        batch.add_column(sa.Column('thread_ts', sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('log_drafts') as batch:
        batch.drop_column('thread_ts')
