"""An index on questions.updated_at: the search index's watermark and the web app's data
version read max(updated_at), a full scan without it (150 ms at 100,000 questions).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_questions_updated_at"), "questions", ["updated_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_questions_updated_at"), table_name="questions")
