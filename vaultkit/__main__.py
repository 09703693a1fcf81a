"""`python -m vaultkit` runs the command line."""

from vaultkit.cli.main import main

main()
