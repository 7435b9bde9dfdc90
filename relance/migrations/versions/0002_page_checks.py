"""Page checks: when each question's public page was last fetched, and what came of it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import relance.db.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "page_checks",
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("checked_at", relance.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('stored', 'not_found', 'refused', 'failed')",
            name=op.f("ck_page_checks_outcome"),
        ),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_page_checks")),
    )


def downgrade() -> None:
    op.drop_table("page_checks")
