"""Alembic migrations. Run them with `python -m api.cli migrate`, or let the app run them."""
