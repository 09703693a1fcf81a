"""The console entry point (`vaultkit`, `python -m vaultkit`), kept light.

The command line's modules take tens of milliseconds to import (click, the build, the reader);
a Ctrl-C that comes meanwhile would otherwise end the process with Python's traceback of an
interrupted import, before `vaultkit.cli.main.main` is there to answer it. This module imports
nothing heavy itself (`vaultkit`'s names are loaded on first use), so it is running by then.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Import the command line and run it (`vaultkit.cli.main.main`); interrupted while importing,
    say so and end with 130, as an interrupted command does."""
    try:
        from vaultkit.cli.main import main as run
    except KeyboardInterrupt:
        if sys.stderr is not None:
            sys.stderr.write("Interrupted.\n")
            sys.stderr.flush()
        raise SystemExit(130) from None
    run()
