"""Initial schema: questions, deputies, mandates, groups, ministries, rubriques, events, state.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import relance.db.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "deputies",
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("civ", sa.String(length=16), nullable=True),
        sa.Column("prenom", sa.String(length=200), nullable=True),
        sa.Column("nom", sa.String(length=200), nullable=True),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("updated_at", relance.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_deputies")),
    )
    op.create_table(
        "groups",
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("abrege", sa.String(length=64), nullable=True),
        sa.Column("libelle", sa.String(length=300), nullable=True),
        sa.Column("legislature", sa.Integer(), nullable=True),
        sa.Column("date_debut", sa.Date(), nullable=True),
        sa.Column("date_fin", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_groups")),
    )
    op.create_table(
        "mandates",
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("deputy_ref", sa.String(length=32), nullable=False),
        sa.Column("organe_type", sa.String(length=16), nullable=False),
        sa.Column("organe_ref", sa.String(length=32), nullable=True),
        sa.Column("legislature", sa.Integer(), nullable=True),
        sa.Column("date_debut", sa.Date(), nullable=True),
        sa.Column("date_fin", sa.Date(), nullable=True),
        sa.Column("departement", sa.String(length=200), nullable=True),
        sa.Column("num_departement", sa.String(length=8), nullable=True),
        sa.Column("num_circo", sa.Integer(), nullable=True),
        sa.Column("region", sa.String(length=200), nullable=True),
        sa.Column("circonscription", sa.String(length=250), nullable=True),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_mandates")),
    )
    with op.batch_alter_table("mandates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mandates_deputy_ref"), ["deputy_ref"], unique=False)

    op.create_table(
        "ministries",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_ministries")),
    )
    op.create_table(
        "questions",
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("legislature", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("rubrique", sa.String(length=200), nullable=True),
        sa.Column("rubrique_key", sa.String(length=200), nullable=True),
        sa.Column("tete_analyse", sa.String(length=500), nullable=True),
        sa.Column("analyses", sa.JSON(), nullable=False),
        sa.Column("deputy_ref", sa.String(length=32), nullable=True),
        sa.Column("mandate_ref", sa.String(length=32), nullable=True),
        sa.Column("author_name", sa.String(length=200), nullable=True),
        sa.Column("groupe_ref", sa.String(length=32), nullable=True),
        sa.Column("groupe_abrege", sa.String(length=64), nullable=True),
        sa.Column("groupe_libelle", sa.String(length=300), nullable=True),
        sa.Column("circonscription", sa.String(length=200), nullable=True),
        sa.Column("ministere_interroge_key", sa.String(length=64), nullable=True),
        sa.Column("ministere_interroge", sa.String(length=500), nullable=True),
        sa.Column("ministere_interroge_developpe", sa.String(length=500), nullable=True),
        sa.Column("ministere_interroge_ref", sa.String(length=32), nullable=True),
        sa.Column("ministere_attributaire_key", sa.String(length=64), nullable=True),
        sa.Column("ministere_attributaire", sa.String(length=500), nullable=True),
        sa.Column("attributions", sa.JSON(), nullable=False),
        sa.Column("texte_question_html", sa.Text(), nullable=True),
        sa.Column("date_publication", sa.Date(), nullable=True),
        sa.Column("page_publication", sa.String(length=32), nullable=True),
        sa.Column("texte_reponse_html", sa.Text(), nullable=True),
        sa.Column("date_reponse", sa.Date(), nullable=True),
        sa.Column("page_reponse", sa.String(length=32), nullable=True),
        sa.Column("signalements", sa.JSON(), nullable=False),
        sa.Column("date_signalement", sa.Date(), nullable=True),
        sa.Column("renouvellements", sa.JSON(), nullable=False),
        sa.Column("closure_code", sa.String(length=64), nullable=True),
        sa.Column("closure_label", sa.String(length=300), nullable=True),
        sa.Column("closure", sa.JSON(), nullable=True),
        sa.Column("date_cloture", sa.Date(), nullable=True),
        sa.Column("errata", sa.JSON(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("signalement_due_date", sa.Date(), nullable=True),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("source_digest", sa.String(length=64), nullable=True),
        sa.Column("first_seen_at", relance.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", relance.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'answered', 'withdrawn', 'lapsed')",
            name=op.f("ck_questions_status"),
        ),
        sa.CheckConstraint("type IN ('QE', 'QG', 'QOSD')", name=op.f("ck_questions_type")),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_questions")),
    )
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_questions_date_publication"), ["date_publication"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_questions_deputy_ref"), ["deputy_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_questions_groupe_ref"), ["groupe_ref"], unique=False)
        batch_op.create_index(
            "ix_questions_legislature_number", ["legislature", "number"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_questions_ministere_attributaire_key"),
            ["ministere_attributaire_key"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_questions_rubrique_key"), ["rubrique_key"], unique=False
        )
        batch_op.create_index("ix_questions_status_due_date", ["status", "due_date"], unique=False)

    op.create_table(
        "rubriques",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rubriques")),
    )
    op.create_table(
        "state",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_at", relance.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_state")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref", sa.String(length=200), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("seen_at", relance.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ministry_key", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('published', 'attributed', 'reattributed', 'signalee', 'renewed', "
            "'answered', 'withdrawn', 'lapsed', 'corrected')",
            name=op.f("ck_events_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["uid"], ["questions.uid"], name=op.f("fk_events_uid_questions"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("uid", "kind", "ref", name=op.f("uq_events_uid")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_kind_date", ["kind", "date"], unique=False)
        batch_op.create_index("ix_events_kind_seen_at", ["kind", "seen_at"], unique=False)

    op.create_table(
        "ministry_labels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("abrege", sa.String(length=500), nullable=False),
        sa.Column("developpe", sa.String(length=500), nullable=False),
        sa.Column("organe_ref", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["key"], ["ministries.key"], name=op.f("fk_ministry_labels_key_ministries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ministry_labels")),
        sa.UniqueConstraint(
            "abrege", "developpe", "organe_ref", name=op.f("uq_ministry_labels_abrege")
        ),
    )
    with op.batch_alter_table("ministry_labels", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ministry_labels_key"), ["key"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("ministry_labels", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ministry_labels_key"))

    op.drop_table("ministry_labels")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_kind_seen_at")
        batch_op.drop_index("ix_events_kind_date")

    op.drop_table("events")
    op.drop_table("state")
    op.drop_table("rubriques")
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_index("ix_questions_status_due_date")
        batch_op.drop_index(batch_op.f("ix_questions_rubrique_key"))
        batch_op.drop_index(batch_op.f("ix_questions_ministere_attributaire_key"))
        batch_op.drop_index("ix_questions_legislature_number")
        batch_op.drop_index(batch_op.f("ix_questions_groupe_ref"))
        batch_op.drop_index(batch_op.f("ix_questions_deputy_ref"))
        batch_op.drop_index(batch_op.f("ix_questions_date_publication"))

    op.drop_table("questions")
    op.drop_table("ministries")
    with op.batch_alter_table("mandates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mandates_deputy_ref"))

    op.drop_table("mandates")
    op.drop_table("groups")
    op.drop_table("deputies")
