"""Shared pieces of the table models: constraint names, column types, the clock.

Importing this module sets a naming convention on SQLModel's metadata, so every index and
constraint has a predictable name that the migrations can refer to (SQLite's batch mode
needs named constraints to alter a table).
"""

from __future__ import annotations

import enum
from datetime import datetime, timezone
from typing import Any, Generic, TypeVar

from sqlalchemy import JSON, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION

# A JSON list: JSONB on PostgreSQL (so it can be indexed and searched later), JSON elsewhere.
JSON_LIST = JSON().with_variant(JSONB(), "postgresql")

E = TypeVar("E", bound=enum.Enum)


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


class EnumAsString(TypeDecorator[E], Generic[E]):
    """Store an enum's value in a plain VARCHAR column.

    A plain string column (rather than a database ENUM type) lets later migrations add
    values without altering a type, and behaves the same on SQLite and PostgreSQL.
    """

    impl = String
    cache_ok = True

    def __init__(self, enum_class: type[E], length: int = 16) -> None:
        """Store values of `enum_class` in a VARCHAR(`length`)."""
        super().__init__(length=length)
        self.enum_class = enum_class

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        """Turn an enum member (or its value) into the stored string."""
        if value is None:
            return None
        return str(self.enum_class(value).value)

    def process_result_value(self, value: Any, dialect: Dialect) -> E | None:
        """Turn the stored string back into an enum member."""
        if value is None:
            return None
        return self.enum_class(value)
