"""`python -m vaultkit` runs the command line."""

from vaultkit.cli import main

main()
