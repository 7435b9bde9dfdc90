"""Pre-rendered calendar events (relance.calendar): each pending question's iCalendar
events, serialized, with the digest of what they were made from. The web app's calendars
read them instead of serializing every event again (icalendar: ~0.5 ms an event).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_events",
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["uid"], ["questions.uid"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("uid", "kind"),
    )


def downgrade() -> None:
    op.drop_table("calendar_events")
