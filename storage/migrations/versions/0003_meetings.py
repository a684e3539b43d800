"""Meetings reps plan with customer contacts, learned from logs.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'meetings',
        sa.Column('rep_slack_id', sa.String(length=32), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=True),
        sa.Column('deal_id', sa.Integer(), nullable=True),
        sa.Column('on', sa.Date(), nullable=False),
        sa.Column('at', sa.String(length=5), nullable=True),
        sa.Column('tz', sa.String(length=64), nullable=True),
        sa.Column('topic', sa.Text(), nullable=True),
        sa.Column('contact_ids', sa.JSON(), nullable=False),
        sa.Column('source_channel', sa.String(length=32), nullable=True),
        sa.Column('source_ts', sa.String(length=32), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workspace_id', sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_meetings_account_id_accounts'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['deal_id'], ['deals.id'], name=op.f('fk_meetings_deal_id_deals'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings')),
        sa.Index(op.f('ix_meetings_on'), 'on'),
        sa.Index(op.f('ix_meetings_rep_slack_id'), 'rep_slack_id'),
        sa.Index(op.f('ix_meetings_workspace_id'), 'workspace_id'),
    )


def downgrade() -> None:
    op.drop_table('meetings')
