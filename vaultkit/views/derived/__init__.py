"""Derived data several views show (people's rows and follow-ups, event sections, brag rows,
sharing streaks, open interviews), kept with the vault's `Facts` (`Facts.kept`) and refreshed
change by change by `vaultkit watch`. Views import these modules, never each other."""
