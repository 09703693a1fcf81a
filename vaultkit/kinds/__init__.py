"""Kinds and their fields: which kind a note is, and its fields' types."""
