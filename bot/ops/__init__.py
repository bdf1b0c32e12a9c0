"""Operational checks for running the stack."""
