"""The generated notes vaultkit ships: each view module reads the vault's facts, never another view."""
