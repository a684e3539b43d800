"""Due touches by index, and the last morning planned per rep, for the scheduler worker.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # next_touch_on starts empty: the worker's first tick fills it for every contact and registers
    # their reps in rep_mornings (storage/touch_index.py).
    with op.batch_alter_table('contacts') as batch:
        batch.add_column(sa.Column('last_touch_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('next_touch_on', sa.Date(), nullable=True))
        batch.create_index('ix_contacts_due', ['workspace_id', 'next_touch_on'])
        batch.create_index('ix_contacts_untimed', ['id'], sqlite_where=sa.text('next_touch_on IS NULL'),
                           postgresql_where=sa.text('next_touch_on IS NULL'))
        batch.create_index('ix_contacts_birthday', ['workspace_id', 'birthday'])
        batch.create_index('ix_contacts_changed', ['workspace_id', 'updated_at'])
        batch.create_index('ix_contacts_ownerless', ['workspace_id'], sqlite_where=sa.text('owner_slack_id IS NULL'),
                           postgresql_where=sa.text('owner_slack_id IS NULL'))
    op.create_table(
        'rep_mornings',
        sa.Column('rep_slack_id', sa.String(length=32), nullable=False),
        sa.Column('planned_on', sa.Date(), nullable=True),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workspace_id', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_rep_mornings')),
        sa.UniqueConstraint('workspace_id', 'rep_slack_id', name=op.f('uq_rep_mornings_workspace_id_rep_slack_id')),
    )
    op.create_index(op.f('ix_rep_mornings_workspace_id'), 'rep_mornings', ['workspace_id'], unique=False)
    op.create_index('ix_deliveries_recipient', 'deliveries', ['workspace_id', 'recipient_slack_id', 'kind', 'due_at'])


def downgrade() -> None:
    op.drop_index('ix_deliveries_recipient', table_name='deliveries')
    op.drop_index(op.f('ix_rep_mornings_workspace_id'), table_name='rep_mornings')
    op.drop_table('rep_mornings')
    with op.batch_alter_table('contacts') as batch:
        batch.drop_index('ix_contacts_ownerless')
        batch.drop_index('ix_contacts_changed')
        batch.drop_index('ix_contacts_birthday')
        batch.drop_index('ix_contacts_untimed')
        batch.drop_index('ix_contacts_due')
        batch.drop_column('next_touch_on')
        batch.drop_column('last_touch_on')
