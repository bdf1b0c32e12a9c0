"""Safeguarding events (no message text, ever).

Revision ID: 0003_safeguarding
Revises: 0002
Create Date: 2025-11-24

When merging with other branches' migrations, point `down_revision` at the newest of them:
this migration only adds a table.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_safeguarding"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create safeguarding_events."""
    op.create_table(
        "safeguarding_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("client_ref", sa.String(length=128), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=3), nullable=False),
        sa.Column("person", sa.String(length=128), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forums.id"], name="fk_safeguarding_events_forum_id_forums"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_safeguarding_events"),
    )
    op.create_index(
        "ix_safeguarding_events_client_ref", "safeguarding_events", ["client_ref"], unique=True
    )
    op.create_index("ix_safeguarding_events_person", "safeguarding_events", ["person"])
    op.create_index(
        "ix_safeguarding_events_forum_id_occurred_at",
        "safeguarding_events",
        ["forum_id", "occurred_at"],
    )


def downgrade() -> None:
    """Drop safeguarding_events."""
    op.drop_index("ix_safeguarding_events_forum_id_occurred_at", table_name="safeguarding_events")
    op.drop_index("ix_safeguarding_events_person", table_name="safeguarding_events")
    op.drop_index("ix_safeguarding_events_client_ref", table_name="safeguarding_events")
    op.drop_table("safeguarding_events")
