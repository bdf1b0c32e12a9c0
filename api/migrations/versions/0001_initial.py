"""Forums, their API keys, and views.

Revision ID: 0001
Revises:
Create Date: 2025-11-23

Portable: plain SQLAlchemy types, so it runs on SQLite and PostgreSQL. `themes` is JSONB on
PostgreSQL (searchable, indexable later) and JSON elsewhere.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create forums, api_keys and views."""
    op.create_table(
        "forums",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("k", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_forums"),
    )
    op.create_index("ix_forums_slug", "forums", ["slug"], unique=True)

    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forums.id"], name="fk_api_keys_forum_id_forums"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_api_keys"),
    )
    op.create_index("ix_api_keys_forum_id", "api_keys", ["forum_id"], unique=False)
    op.create_index("ix_api_keys_key_hash", "api_keys", ["key_hash"], unique=True)

    op.create_table(
        "views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("client_ref", sa.String(length=128), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=True),
        sa.Column(
            "themes",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column("sentiment", sa.Float(), nullable=True),
        sa.Column("language", sa.String(length=3), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("contributor", sa.String(length=128), nullable=False),
        sa.Column("hear_back", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["forum_id"], ["forums.id"], name="fk_views_forum_id_forums"),
        sa.PrimaryKeyConstraint("id", name="pk_views"),
    )
    op.create_index("ix_views_client_ref", "views", ["client_ref"], unique=True)
    op.create_index(
        "ix_views_forum_id_created_at", "views", ["forum_id", "created_at"], unique=False
    )


def downgrade() -> None:
    """Drop everything `upgrade` created."""
    op.drop_index("ix_views_forum_id_created_at", table_name="views")
    op.drop_index("ix_views_client_ref", table_name="views")
    op.drop_table("views")
    op.drop_index("ix_api_keys_key_hash", table_name="api_keys")
    op.drop_index("ix_api_keys_forum_id", table_name="api_keys")
    op.drop_table("api_keys")
    op.drop_index("ix_forums_slug", table_name="forums")
    op.drop_table("forums")
