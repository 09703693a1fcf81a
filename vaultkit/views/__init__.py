"""Generated notes: planning, rendering and the regions they live in. Pure: text out.

The notes vaultkit ships are in `vaultkit.views.builtin`; each builds plain template data
from the vault's facts (strings, numbers, ISO dates, and `Markup` for the links vaultkit makes).
"""
