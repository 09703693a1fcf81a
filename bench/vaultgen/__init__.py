"""Seeded synthetic-vault generator used by ``bench/gen_vault.py`` and ``bench/run.py``."""
