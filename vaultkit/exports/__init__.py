"""Exports: what vaultkit writes for other tools to read (the `vaultkit calendar` .ics file).
Pure: a loaded vault and `today` in, bytes out; `vaultkit.cli.calendar` writes them."""
