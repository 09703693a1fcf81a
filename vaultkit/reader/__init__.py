"""The reader: a vault's text in, typed records out (parse, links, the vault in memory). Pure."""
