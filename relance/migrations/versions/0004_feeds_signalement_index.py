"""An index on questions (status, signalement_due_date): the feed of signalées questions
whose 10 days have passed reads the pending ones by that date, newest first, and stops at
its limit (without it, every pending question is read and sorted).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_questions_status_signalement_due_date",
            ["status", "signalement_due_date"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_index("ix_questions_status_signalement_due_date")
