"""Value propositions tagged by industry, product and role; the pitch chosen per deal role; deliveries once.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('value_propositions') as batch:
        batch.add_column(sa.Column('industries', sa.JSON(), nullable=False, server_default='[]'))
        batch.add_column(sa.Column('products', sa.JSON(), nullable=False, server_default='[]'))
        batch.add_column(sa.Column('roles', sa.JSON(), nullable=False, server_default='[]'))
        batch.add_column(sa.Column('updated_by', sa.String(length=32), nullable=True))
        batch.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('archived', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('pitch_deliveries') as batch:
        batch.add_column(sa.Column('source_key', sa.String(length=80), nullable=True))
        batch.create_unique_constraint(op.f('uq_pitch_deliveries_workspace_id_contact_id_point_source_key'),
                                       ['workspace_id', 'contact_id', 'point', 'source_key'])
        batch.create_index('ix_pitch_deliveries_deal', ['workspace_id', 'deal_id'])
    op.create_table(
        'deal_pitches',
        sa.Column('deal_id', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(length=32), nullable=False),
        sa.Column('proposition_id', sa.Integer(), nullable=False),
        sa.Column('chosen_by', sa.String(length=32), nullable=True),
        sa.Column('chosen_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workspace_id', sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(['deal_id'], ['deals.id'], name=op.f('fk_deal_pitches_deal_id_deals'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['proposition_id'], ['value_propositions.id'],
                                name=op.f('fk_deal_pitches_proposition_id_value_propositions'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_deal_pitches')),
        sa.UniqueConstraint('workspace_id', 'deal_id', 'role', name=op.f('uq_deal_pitches_workspace_id_deal_id_role')),
    )
    op.create_index(op.f('ix_deal_pitches_deal_id'), 'deal_pitches', ['deal_id'], unique=False)
    op.create_index(op.f('ix_deal_pitches_workspace_id'), 'deal_pitches', ['workspace_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_deal_pitches_workspace_id'), table_name='deal_pitches')
    op.drop_index(op.f('ix_deal_pitches_deal_id'), table_name='deal_pitches')
    op.drop_table('deal_pitches')
    with op.batch_alter_table('pitch_deliveries') as batch:
        batch.drop_index('ix_pitch_deliveries_deal')
        batch.drop_constraint(op.f('uq_pitch_deliveries_workspace_id_contact_id_point_source_key'), type_='unique')
        batch.drop_column('source_key')
    with op.batch_alter_table('value_propositions') as batch:
        for column in ('archived', 'updated_at', 'updated_by', 'roles', 'products', 'industries'):
            batch.drop_column(column)
