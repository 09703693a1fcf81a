"""`vaultkit watch`: a vault kept in memory, re-planned incrementally after each save."""
