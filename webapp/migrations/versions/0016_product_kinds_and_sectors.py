"""product kinds (OCOP, key, essential) and sectors

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 04:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

SECTORS = (
    'agriculture', 'forestry', 'fisheries', 'plant_varieties',
    'livestock_breeds', 'food', 'pharmaceuticals', 'other',
)
SECTOR_CHECK = 'sector IN (' + ', '.join(f"'{s}'" for s in SECTORS) + ')'
OCOP_CHECK = (
    'NOT is_ocop OR (ocop_stars IS NOT NULL AND ocop_certificate_no IS NOT NULL '
    'AND ocop_certified_on IS NOT NULL AND ocop_valid_until IS NOT NULL)'
)
ESSENTIAL_CHECK = (
    'NOT is_essential OR (declaration_no IS NOT NULL AND net_content IS NOT NULL)'
)
# A frozen copy of the sector each OCOP product set (QĐ 148/QĐ-TTg) falls in,
# used once to infer the sector of the products that exist before this step.
SECTOR_OF_SET = {
    **dict.fromkeys(('01', '02', '03', '04', '11', '23', '24'), 'agriculture'),
    **dict.fromkeys(
        ('05', '06', '07', '08', '09', '10', '12', '13', '14', '15', '16', '17'),
        'food',
    ),
    **dict.fromkeys(('18', '19', '20'), 'pharmaceuticals'),
}
OCOP_COLUMNS = (
    ('ocop_stars', sa.Integer()),
    ('ocop_certificate_no', sa.String(length=80)),
    ('ocop_certified_on', sa.Date()),
    ('ocop_valid_until', sa.Date()),
)
# What an older schema's certificate columns hold for a product that is not OCOP.
NOT_OCOP = 'KHONG-OCOP'


def upgrade():
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sector', sa.String(length=20), nullable=False, server_default='other'))
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sector', sa.String(length=20), nullable=False, server_default='other'))
        batch_op.add_column(sa.Column('is_ocop', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('is_key', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('is_essential', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('key_decision_no', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('declaration_no', sa.String(length=80), nullable=True))
    product = sa.table('product', sa.column('category', sa.String), sa.column('sector', sa.String))
    for code, sector in SECTOR_OF_SET.items():
        op.execute(product.update().where(product.c.category.in_([code, code.lstrip('0')])).values(sector=sector))
    # A producer's sector is the one most of its products are in.
    op.execute(
        "UPDATE organisation SET sector = COALESCE((SELECT p.sector FROM product p "
        "WHERE p.organisation_id = organisation.id GROUP BY p.sector "
        "ORDER BY COUNT(*) DESC, p.sector LIMIT 1), 'other')"
    )
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.alter_column('sector', server_default=None)
        batch_op.create_check_constraint(op.f('ck_organisation_sector_known'), SECTOR_CHECK)
    with op.batch_alter_table('product', schema=None) as batch_op:
        for name in ('sector', 'is_ocop', 'is_key', 'is_essential'):
            batch_op.alter_column(name, server_default=None)
        for name, type_ in OCOP_COLUMNS:
            batch_op.alter_column(name, existing_type=type_, nullable=True)
        batch_op.create_check_constraint(op.f('ck_product_has_a_kind'), 'is_ocop OR is_key OR is_essential')
        batch_op.create_check_constraint(op.f('ck_product_ocop_has_certificate'), OCOP_CHECK)
        batch_op.create_check_constraint(op.f('ck_product_key_listed'), 'NOT is_key OR key_decision_no IS NOT NULL')
        batch_op.create_check_constraint(op.f('ck_product_essential_declared'), ESSENTIAL_CHECK)
        batch_op.create_check_constraint(op.f('ck_product_sector_known'), SECTOR_CHECK)


def downgrade():
    # The older schema has no place for a product that is not OCOP: keep it, with
    # certificate columns that say so, rather than lose it and its stamps.
    op.execute(
        "UPDATE product SET ocop_stars = 3, ocop_certificate_no = '" + NOT_OCOP + "', "
        "ocop_certified_on = COALESCE(ocop_certified_on, CURRENT_DATE), "
        "ocop_valid_until = COALESCE(ocop_valid_until, CURRENT_DATE) "
        "WHERE NOT is_ocop"
    )
    with op.batch_alter_table('product', schema=None) as batch_op:
        for name in ('sector_known', 'essential_declared', 'key_listed', 'ocop_has_certificate', 'has_a_kind'):
            batch_op.drop_constraint(op.f('ck_product_' + name), type_='check')
        for name, type_ in OCOP_COLUMNS:
            batch_op.alter_column(name, existing_type=type_, nullable=False)
        for name in ('declaration_no', 'key_decision_no', 'is_essential', 'is_key', 'is_ocop', 'sector'):
            batch_op.drop_column(name)
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_organisation_sector_known'), type_='check')
        batch_op.drop_column('sector')
