"""Contact spellings in their own indexed table, so resolving a name is an index look-up.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'contact_keys',
        sa.Column('contact_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('workspace_id', sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_contact_keys_contact_id_contacts'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('contact_id', 'key', name=op.f('pk_contact_keys')),
        sa.Index('ix_contact_keys_lookup', 'workspace_id', 'key'),
    )


def downgrade() -> None:
    op.drop_table('contact_keys')
