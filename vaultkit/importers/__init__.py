"""Imports: other tools' exports (LinkedIn's Connections.csv, vCard, iCalendar) read into the
records vaultkit would write as notes, and the plan of what an import adds or fills.

Pure: bytes in, records and plans out; nothing here touches the disk (`vaultkit.cli.imports`
reads the file and writes the notes). A malformed file raises `ImportFailure` naming its line.
"""
