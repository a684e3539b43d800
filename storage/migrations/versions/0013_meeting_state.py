"""A meeting's state: planned, moved (to the meeting that replaced it) or cancelled; only a planned one gets cards.

A meeting told again (same rep, day, time and people) is the one on record; told with another day or time
for the same people in the days ahead, the new one replaces it. Rows already stored are planned.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('meetings') as batch:
        batch.add_column(sa.Column('state', sa.String(length=16), nullable=False, server_default='planned'))
        batch.add_column(sa.Column('replaced_by', sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f('fk_meetings_replaced_by_meetings'), 'meetings', ['replaced_by'], ['id'],
                                 ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('meetings') as batch:
        batch.drop_constraint(op.f('fk_meetings_replaced_by_meetings'), type_='foreignkey')
        batch.drop_column('replaced_by')
        batch.drop_column('state')
