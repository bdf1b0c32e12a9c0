"""Dialogue policies of the assistant (Rasa graph components)."""
