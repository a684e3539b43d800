"""Presales requests routed to a queue: what routing read, the queue card and requester thread, SLA times.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = (('region', 64), ('industry', 64), ('product', 128), ('queue_channel', 32), ('queue_ts', 32),
         ('requester_channel', 32), ('requester_ts', 32), ('source_channel', 32), ('source_ts', 32))


def upgrade() -> None:
    with op.batch_alter_table('resource_requests') as batch:
        for name, width in _TEXT:
            batch.add_column(sa.Column(name, sa.String(length=width), nullable=True))
        batch.add_column(sa.Column('rule_index', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('done_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('outcome', sa.Text(), nullable=True))
        batch.create_index('ix_resource_requests_state', ['workspace_id', 'state'])
        batch.create_index('ix_resource_requests_assignee', ['workspace_id', 'assignee_slack_id', 'state'])


def downgrade() -> None:
    with op.batch_alter_table('resource_requests') as batch:
        batch.drop_index('ix_resource_requests_assignee')
        batch.drop_index('ix_resource_requests_state')
        for name in ('outcome', 'done_at', 'accepted_at', 'rule_index', *(n for n, _ in reversed(_TEXT))):
            batch.drop_column(name)
