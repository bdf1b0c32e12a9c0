"""Keyword-only functions holding the queries and the calls to other services."""
