"""The price a closed deal was awarded at, in the deal's currency: who won and at what price, per account.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Recorded at the close: history shows it, scoring never reads it (domain/scoring/features.py).
    with op.batch_alter_table('deals') as batch:
        batch.add_column(sa.Column('winning_price', sa.Numeric(precision=18, scale=2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('deals') as batch:
        batch.drop_column('winning_price')
