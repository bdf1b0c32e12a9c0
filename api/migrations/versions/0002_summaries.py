"""Summaries, quotes, "you said, we did" and its outbox, listened scores, quick views, audit.

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-24

Adds to `views`: the child's age band, the anonymiser and theme model versions, the bot's
optional `recipient_ref`, and the quote decision. Adds a label to `api_keys`. New tables:
`audit_events`, `listened_scores`, `actions`, `outbox_messages`, `quick_views`,
`quick_view_answers`, and the rollups behind the summaries (`view_stats`,
`contributor_months`, `contributor_firsts`; see api/models/stats.py).

The rollups are filled from the views already stored, with a copy of the rules frozen here
(so later changes to the app's code cannot change what this migration does).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAMP = sa.DateTime(timezone=True)


def _rollup_table(name: str, *columns: sa.Column[Any], key: list[str]) -> None:
    op.create_table(
        name,
        sa.Column("forum_id", sa.Integer(), nullable=False),
        *columns,
        sa.ForeignKeyConstraint(["forum_id"], ["forums.id"], name=f"fk_{name}_forum_id_forums"),
        sa.PrimaryKeyConstraint(*key, name=f"pk_{name}"),
        sqlite_with_rowid=False,
    )


def upgrade() -> None:
    """Add the new columns and tables, then fill the rollups from the stored views."""
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("label", sa.String(length=100), nullable=True))

    with op.batch_alter_table("views") as batch:
        batch.add_column(sa.Column("age_band", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("anonymiser_version", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("theme_model_version", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("recipient_ref", sa.String(length=2048), nullable=True))
        batch.add_column(
            sa.Column(
                "quote_status", sa.String(length=16), server_default="pending", nullable=False
            )
        )
        batch.add_column(sa.Column("quote_decided_at", STAMP, nullable=True))
        batch.add_column(sa.Column("quote_decided_by", sa.Integer(), nullable=True))
        batch.create_index(
            "ix_views_forum_id_quote_status", ["forum_id", "quote_status", "created_at"]
        )
        batch.create_foreign_key(
            "fk_views_quote_decided_by_api_keys", "api_keys", ["quote_decided_by"], ["id"]
        )

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("route", sa.String(length=200), nullable=False),
        sa.Column("query", sa.JSON(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("via_link", sa.Boolean(), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forums.id"], name="fk_audit_events_forum_id_forums"
        ),
        sa.ForeignKeyConstraint(
            ["key_id"], ["api_keys.id"], name="fk_audit_events_key_id_api_keys"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_audit_events"),
    )
    op.create_index(
        "ix_audit_events_forum_id_created_at", "audit_events", ["forum_id", "created_at"]
    )

    op.create_table(
        "listened_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("client_ref", sa.String(length=128), nullable=False),
        sa.Column("contributor", sa.String(length=128), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forums.id"], name="fk_listened_scores_forum_id_forums"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_listened_scores"),
    )
    op.create_index("ix_listened_scores_client_ref", "listened_scores", ["client_ref"], unique=True)
    op.create_index(
        "ix_listened_scores_forum_id_created_at", "listened_scores", ["forum_id", "created_at"]
    )

    op.create_table(
        "actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=64), nullable=False),
        sa.Column("you_said", sa.Text(), nullable=False),
        sa.Column("we_did", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("views_from", sa.Date(), nullable=False),
        sa.Column("views_to", sa.Date(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.ForeignKeyConstraint(["forum_id"], ["forums.id"], name="fk_actions_forum_id_forums"),
        sa.ForeignKeyConstraint(
            ["created_by"], ["api_keys.id"], name="fk_actions_created_by_api_keys"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_actions"),
    )
    op.create_index("ix_actions_forum_id_created_at", "actions", ["forum_id", "created_at"])

    op.create_table(
        "outbox_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("contributor", sa.String(length=128), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("recipient_ref", sa.String(length=2048), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("leased_until", STAMP, nullable=True),
        sa.Column("failure_reason", sa.String(length=200), nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.Column("delivered_at", STAMP, nullable=True),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forums.id"], name="fk_outbox_messages_forum_id_forums"
        ),
        sa.ForeignKeyConstraint(
            ["action_id"], ["actions.id"], name="fk_outbox_messages_action_id_actions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_outbox_messages"),
        sa.UniqueConstraint(
            "action_id", "contributor", "channel", name="uq_outbox_messages_action_id"
        ),
    )
    op.create_index("ix_outbox_messages_action_id", "outbox_messages", ["action_id"])
    op.create_index("ix_outbox_messages_status_id", "outbox_messages", ["status", "id"])

    op.create_table(
        "quick_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.Column("closes_at", STAMP, nullable=True),
        sa.Column("closed_at", STAMP, nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.ForeignKeyConstraint(["forum_id"], ["forums.id"], name="fk_quick_views_forum_id_forums"),
        sa.ForeignKeyConstraint(
            ["created_by"], ["api_keys.id"], name="fk_quick_views_created_by_api_keys"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_quick_views"),
    )
    op.create_index("ix_quick_views_forum_id", "quick_views", ["forum_id"])
    op.create_table(
        "quick_view_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quick_view_id", sa.Integer(), nullable=False),
        sa.Column("contributor", sa.String(length=128), nullable=False),
        sa.Column("option", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["quick_view_id"],
            ["quick_views.id"],
            name="fk_quick_view_answers_quick_view_id_quick_views",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_quick_view_answers"),
        sa.UniqueConstraint(
            "quick_view_id", "contributor", name="uq_quick_view_answers_quick_view_id"
        ),
    )

    cell = [
        sa.Column("theme", sa.String(length=64), nullable=False),
        sa.Column("dim", sa.String(length=1), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
    ]
    _rollup_table(
        "view_stats",
        sa.Column("month", sa.Integer(), nullable=False),
        *[column.copy() for column in cell],
        sa.Column("views", sa.Integer(), nullable=False),
        sa.Column("sentiment_sum", sa.Float(), nullable=False),
        sa.Column("sentiment_n", sa.Integer(), nullable=False),
        key=["forum_id", "month", "theme", "dim", "value"],
    )
    _rollup_table(
        "contributor_months",
        sa.Column("contributor_key", sa.BigInteger(), autoincrement=False, nullable=False),
        *[column.copy() for column in cell],
        sa.Column("month", sa.Integer(), nullable=False),
        key=["forum_id", "contributor_key", "theme", "dim", "value", "month"],
    )
    _rollup_table(
        "contributor_firsts",
        sa.Column("month", sa.Integer(), nullable=False),
        *[column.copy() for column in cell],
        sa.Column("prev_month", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("contributors", sa.Integer(), nullable=False),
        key=["forum_id", "month", "theme", "dim", "value", "prev_month"],
    )

    _fill_rollups(op.get_bind())


def _cells(row: Any) -> list[tuple[str, str, str]]:
    """The rollup cells a view counts in (as api/services/stats.py had them at 0002)."""
    cells = [("*", "t", ""), ("*", "c", row.channel)]
    for theme in row.themes or []:
        # No view stored before this revision has an age band.
        cells += [
            (theme, "t", ""),
            (theme, "c", row.channel),
            (theme, "l", row.language),
            (theme, "a", "unknown"),
        ]
    return cells


def _fill_rollups(connection: sa.Connection) -> None:
    """Replay the stored views, oldest first, into the three rollup tables."""
    views = sa.table(
        "views",
        sa.column("id", sa.Integer),
        sa.column("forum_id", sa.Integer),
        sa.column("created_at", STAMP),
        sa.column("themes", sa.JSON),
        sa.column("channel", sa.String),
        sa.column("language", sa.String),
        sa.column("contributor", sa.String),
        sa.column("sentiment", sa.Float),
    )
    rows = connection.execute(
        sa.select(views).order_by(views.c.forum_id, views.c.created_at, views.c.id)
    )
    stats: dict[tuple[Any, ...], list[float]] = defaultdict(lambda: [0, 0.0, 0])
    firsts: dict[tuple[Any, ...], int] = defaultdict(int)
    last_month: dict[tuple[Any, ...], int] = {}
    presence: list[tuple[Any, ...]] = []
    for row in rows:
        month = row.created_at.year * 100 + row.created_at.month
        digest = hashlib.blake2b(row.contributor.encode("ascii"), digest_size=8).digest()
        contributor_key = int.from_bytes(digest, "big") >> 1
        for theme, dim, value in _cells(row):
            totals = stats[(row.forum_id, month, theme, dim, value)]
            totals[0] += 1
            if row.sentiment is not None:
                totals[1] += row.sentiment
                totals[2] += 1
            seen = (row.forum_id, contributor_key, theme, dim, value)
            previous = last_month.get(seen, 0)
            if previous != month:
                firsts[(row.forum_id, month, theme, dim, value, previous)] += 1
                last_month[seen] = month
                presence.append((*seen, month))
    if not stats:
        return
    cell = ("forum_id", "month", "theme", "dim", "value")
    _insert(
        connection,
        "view_stats",
        (*cell, "views", "sentiment_sum", "sentiment_n"),
        [(*key, *totals) for key, totals in stats.items()],
    )
    _insert(
        connection,
        "contributor_firsts",
        (*cell, "prev_month", "contributors"),
        [(*key, count) for key, count in firsts.items()],
    )
    _insert(
        connection,
        "contributor_months",
        ("forum_id", "contributor_key", "theme", "dim", "value", "month"),
        presence,
    )


def _insert(
    connection: sa.Connection, name: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    table = sa.table(name, *[sa.column(column) for column in columns])
    connection.execute(table.insert(), [dict(zip(columns, row, strict=True)) for row in rows])


def downgrade() -> None:
    """Drop everything `upgrade` added."""
    for table in ("contributor_firsts", "contributor_months", "view_stats"):
        op.drop_table(table)
    op.drop_table("quick_view_answers")
    op.drop_index("ix_quick_views_forum_id", table_name="quick_views")
    op.drop_table("quick_views")
    op.drop_index("ix_outbox_messages_status_id", table_name="outbox_messages")
    op.drop_index("ix_outbox_messages_action_id", table_name="outbox_messages")
    op.drop_table("outbox_messages")
    op.drop_index("ix_actions_forum_id_created_at", table_name="actions")
    op.drop_table("actions")
    op.drop_index("ix_listened_scores_forum_id_created_at", table_name="listened_scores")
    op.drop_index("ix_listened_scores_client_ref", table_name="listened_scores")
    op.drop_table("listened_scores")
    op.drop_index("ix_audit_events_forum_id_created_at", table_name="audit_events")
    op.drop_table("audit_events")
    with op.batch_alter_table("views") as batch:
        batch.drop_constraint("fk_views_quote_decided_by_api_keys", type_="foreignkey")
        batch.drop_index("ix_views_forum_id_quote_status")
        for column in (
            "quote_decided_by",
            "quote_decided_at",
            "quote_status",
            "recipient_ref",
            "theme_model_version",
            "anonymiser_version",
            "age_band",
        ):
            batch.drop_column(column)
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_column("label")
