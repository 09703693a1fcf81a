"""Edits to the user's notes (`new`, `log`, `brag`, `init`): text in, text out. Pure."""
