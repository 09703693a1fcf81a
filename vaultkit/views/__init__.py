"""Context builders for generated notes: a vault and a `today` in, plain template data out.

Templates get data, never raw objects: strings (note text, escaped when printed), numbers,
dates as ISO strings, and `Markup` for the wikilinks vaultkit builds itself.
"""
