"""Initial schema: service point, households, persons with their name search key, staff, audit.

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 18:38:52.743809
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('household',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household'))
    )
    op.create_table('service_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_point'))
    )
    op.create_table('staff_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('roles', sa.String(length=100), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('builtin', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_account')),
    sa.UniqueConstraint('username', name=op.f('uq_staff_account_username'))
    )
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('entity', sa.String(length=64), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('fields', sa.String(length=1000), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['staff_account.id'], name=op.f('fk_audit_entry_account_id_staff_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entry_at', ['at'], unique=False)
        batch_op.create_index('ix_audit_entry_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('relation', sa.String(length=16), nullable=False),
    sa.Column('given_names', sa.String(length=100), nullable=False),
    sa.Column('family_name', sa.String(length=100), nullable=False),
    sa.Column('native_name', sa.String(length=200), nullable=False),
    sa.Column('sort_name', sa.String(length=210).with_variant(sa.String(length=210, collation='C'), 'postgresql'), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('nationality', sa.String(length=2), nullable=False),
    sa.Column('languages', sa.String(length=100), nullable=False),
    sa.Column('personal_identity_code', sa.String(length=11), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('street_address', sa.String(length=200), nullable=False),
    sa.Column('postal_code', sa.String(length=10), nullable=False),
    sa.Column('post_office', sa.String(length=100), nullable=False),
    sa.Column('municipality_code', sa.String(length=3), nullable=False),
    sa.Column('arrival_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('employer', sa.String(length=200), nullable=False),
    sa.Column('occupation', sa.String(length=200), nullable=False),
    sa.Column('permit_type', sa.String(length=8), nullable=False),
    sa.Column('permit_expiry', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_person_household_id_household'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person')),
    sa.UniqueConstraint('personal_identity_code', name=op.f('uq_person_personal_identity_code'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_arrival_date'), ['arrival_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_municipality_code'), ['municipality_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_nationality'), ['nationality'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_sort_name'), ['sort_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_status'), ['status'], unique=False)

    op.create_table('service_point_municipality',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_point_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['service_point_id'], ['service_point.id'], name=op.f('fk_service_point_municipality_service_point_id_service_point'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_point_municipality')),
    sa.UniqueConstraint('code', name=op.f('uq_service_point_municipality_code'))
    )
    with op.batch_alter_table('service_point_municipality', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_point_municipality_service_point_id'), ['service_point_id'], unique=False)

    op.create_table('person_name_key',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('word', sa.String(length=64).with_variant(sa.String(length=64, collation='C'), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_person_name_key_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', 'word', name=op.f('pk_person_name_key'))
    )
    with op.batch_alter_table('person_name_key', schema=None) as batch_op:
        batch_op.create_index('ix_person_name_key_word', ['word', 'person_id'], unique=False)




def downgrade() -> None:
    
    with op.batch_alter_table('person_name_key', schema=None) as batch_op:
        batch_op.drop_index('ix_person_name_key_word')

    op.drop_table('person_name_key')
    with op.batch_alter_table('service_point_municipality', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_point_municipality_service_point_id'))

    op.drop_table('service_point_municipality')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_status'))
        batch_op.drop_index(batch_op.f('ix_person_sort_name'))
        batch_op.drop_index(batch_op.f('ix_person_nationality'))
        batch_op.drop_index(batch_op.f('ix_person_municipality_code'))
        batch_op.drop_index(batch_op.f('ix_person_household_id'))
        batch_op.drop_index(batch_op.f('ix_person_arrival_date'))

    op.drop_table('person')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entry_entity')
        batch_op.drop_index('ix_audit_entry_at')

    op.drop_table('audit_entry')
    op.drop_table('staff_account')
    op.drop_table('service_point')
    op.drop_table('household')

