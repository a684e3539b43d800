"""Settings an admin makes for their own workspace, as key and value: first, the channel of the weekly pitch share.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # No row: the workspace takes the environment's setting (RAPPORT_PITCH_CHANNEL), if any.
    op.create_table(
        'workspace_settings',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('value', sa.String(length=200), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workspace_id', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_workspace_settings')),
        sa.UniqueConstraint('workspace_id', 'key', name=op.f('uq_workspace_settings_workspace_id_key')),
    )
    op.create_index(op.f('ix_workspace_settings_workspace_id'), 'workspace_settings', ['workspace_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_workspace_settings_workspace_id'), table_name='workspace_settings')
    op.drop_table('workspace_settings')
