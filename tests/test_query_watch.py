"""Query regions under `vaultkit watch` (issue 12, point 4): a real watcher on the example vault.

A note saved with a query region is filled; a save that changes what the query reads (a
person's company, a contact logged in a daily note) fills it again; the watcher reads its own
write of the note back once, which writes nothing; text typed inside a region is refused, as `build` does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tests.test_watch import (  # noqa: F401 (fixtures used by name)
    CONVERGE_TIMEOUT,
    RebuildSpy,
    Watcher,
    save_vim,
    spy,
    start_watch,
    wait_until,
)

QUERY = "Corvid.md"
BEGIN = ('<!-- vaultkit:begin query person where company = "Corvid Health" sort last_contact desc '
         "columns role, last_contact -->")
END = "<!-- vaultkit:end query -->"


def holds(path: Path, *texts: str) -> Callable[[], bool]:
    def check() -> bool:
        try:
            data = path.read_text("utf-8")
        except OSError:
            return False
        return all(t in data for t in texts)
    return check


def test_watch_fills_and_refills_query_regions(example_copy: Path, spy: RebuildSpy,  # noqa: F811
                                               start_watch: Callable[..., Watcher]) -> None:  # noqa: F811
    watcher = start_watch(example_copy)
    note = example_copy / QUERY
    save_vim(note, f"# Corvid people\r\n\r\n{BEGIN}\r\n{END}\r\nmine\r\n".encode())
    wait_until(holds(note, "| [[Aisha Bello]] | Director of Engineering, Platform |", "<!-- vaultkit:end query "),
               CONVERGE_TIMEOUT, "the region filled")
    assert note.read_bytes().endswith(b" -->\r\nmine\r\n") and b"\n" not in note.read_bytes().replace(b"\r\n", b"")

    ben = example_copy / "People/Ben Okafor.md"  # another person joins Corvid Health: the region reads it
    save_vim(ben, ben.read_bytes().replace(b"company: Fernsicht Labs", b"company: Corvid Health"))
    wait_until(holds(note, "| [[Ben Okafor]] |"), CONVERGE_TIMEOUT, "Ben in the region")

    daily = example_copy / "Daily/2026-07-13.md"  # a contact logged elsewhere moves his last contact
    save_vim(daily, b"Coffee with [[Ben Okafor]].\n")
    wait_until(holds(note, "| [[Ben Okafor]] | Engineering Manager; organiser of Platform Engineering Berlin | "
                           "2026-07-13 |"), CONVERGE_TIMEOUT, "Ben's last contact")
    # Its own write of the note is read back once (a rebuild that writes nothing), on a busy machine
    # maybe only after a while (a full run failed on a fixed 0.5 s wait, twice)…
    seen, deadline = spy.calls, time.monotonic() + CONVERGE_TIMEOUT
    while True:
        last = spy.calls
        time.sleep(1.0)
        if spy.calls == last:
            break
        assert time.monotonic() < deadline, "rebuilt again and again with nothing changed:\n" + watcher.log()
    assert spy.calls - seen <= 1, "rebuilt more than once with nothing changed:\n" + watcher.log()
    watcher.quiet(1.0)  # … and then nothing more happens

    filled = note.read_bytes().decode("utf-8")
    typed = filled.replace("| [[Ben Okafor]]", "| my own line |\r\n| [[Ben Okafor]]", 1)
    save_vim(note, typed.encode())
    wait_until(lambda: any("query regions not filled" in line for line in watcher.lines), CONVERGE_TIMEOUT,
               "the refusal in the log")
    save_vim(ben, ben.read_bytes().replace(b"role: Engineering Manager", b"role: VP"))
    watcher.converge()
    assert note.read_bytes() == typed.encode()  # refused, not overwritten
    watcher.check()
