"""The stamp of each workspace's scoring history, so a fitted win-probability model is cached until it changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # No row until a unit of work changes a closed deal (storage/scoring_generation.py); a workspace
    # without one is fitted afresh on each request, as before.
    op.create_table(
        'scoring_generations',
        sa.Column('stamp', sa.String(length=32), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workspace_id', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_generations')),
        sa.UniqueConstraint('workspace_id', name=op.f('uq_scoring_generations_workspace_id')),
    )
    op.create_index(op.f('ix_scoring_generations_workspace_id'), 'scoring_generations', ['workspace_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_scoring_generations_workspace_id'), table_name='scoring_generations')
    op.drop_table('scoring_generations')
