"""Generated notes: planning, rendering and the regions they live in. Pure: text out.

Every index note comes from a view (`vaultkit.views.registry`): the notes vaultkit ships are
registered by `vaultkit.views.builtin` as a plugin's would be, a vault adds its own in
`.vaultkit/views/` (`vaultkit.views.local`). Each builds plain template data from the vault's
facts (strings, numbers, ISO dates, and `Markup` for the links vaultkit makes); what several
of them show is kept once in `vaultkit.views.derived`.
"""
