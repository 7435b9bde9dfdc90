"""Near-identical questions and answers (relance.twins): each text's MinHash signature, and
the clusters of near-duplicates with their members.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import relance.db.types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = "kind IN ('question', 'answer')"


def upgrade() -> None:
    op.create_table(
        "text_signatures",
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.Column("shingles", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", relance.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(KINDS, name=op.f("ck_text_signatures_kind")),
        sa.ForeignKeyConstraint(
            ["uid"],
            ["questions.uid"],
            name=op.f("fk_text_signatures_uid_questions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("kind", "uid", name=op.f("pk_text_signatures")),
    )
    op.create_table(
        "twin_clusters",
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("first_date", sa.Date(), nullable=True),
        sa.Column("last_date", sa.Date(), nullable=True),
        sa.Column("rubrique_key", sa.String(length=200), nullable=True),
        sa.Column("ministry_key", sa.String(length=64), nullable=True),
        sa.Column("min_similarity", sa.Double(), nullable=False),
        sa.Column("updated_at", relance.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(KINDS, name=op.f("ck_twin_clusters_kind")),
        sa.PrimaryKeyConstraint("kind", "id", name=op.f("pk_twin_clusters")),
    )
    op.create_index("ix_twin_clusters_kind_size", "twin_clusters", ["kind", "size"])
    op.create_index("ix_twin_clusters_kind_last_date", "twin_clusters", ["kind", "last_date"])
    op.create_table(
        "twin_members",
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("cluster_id", sa.String(length=32), nullable=False),
        sa.Column("similarity", sa.Double(), nullable=False),
        sa.CheckConstraint(KINDS, name=op.f("ck_twin_members_kind")),
        sa.ForeignKeyConstraint(
            ["kind", "cluster_id"],
            ["twin_clusters.kind", "twin_clusters.id"],
            name=op.f("fk_twin_members_kind_twin_clusters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uid"],
            ["questions.uid"],
            name=op.f("fk_twin_members_uid_questions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("kind", "uid", name=op.f("pk_twin_members")),
    )
    op.create_index("ix_twin_members_kind_cluster_id", "twin_members", ["kind", "cluster_id"])


def downgrade() -> None:
    op.drop_index("ix_twin_members_kind_cluster_id", table_name="twin_members")
    op.drop_table("twin_members")
    op.drop_index("ix_twin_clusters_kind_last_date", table_name="twin_clusters")
    op.drop_index("ix_twin_clusters_kind_size", table_name="twin_clusters")
    op.drop_table("twin_clusters")
    op.drop_table("text_signatures")
