"""The hostile corpus: files an attacker, a sync tool or a careless user can put in a vault.

Each module here defines `CASES: dict[str, Callable[[Path], None]]`: a case's name, and a
function that writes that case's files into the vault root it is given (it may assume the
example vault is already there, and must create only what it needs: a case may be combined
with any other). `tests/test_hostile_fuzz.py` drives `build` and `check` over random mixes of
every case and checks that no user file's bytes or mtime change and that nothing hangs.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

Case = Callable[[Path], None]


def all_cases() -> dict[str, Case]:
    """Every case of every module in this package, named `module.case`."""
    found: dict[str, Case] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, case in getattr(module, "CASES", {}).items():
            found[f"{info.name}.{name}"] = case
    return found
