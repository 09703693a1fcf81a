"""`python -m vaultkit` runs the command line."""

from vaultkit.cli.entry import main

main()
