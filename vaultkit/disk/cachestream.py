"""Reading a notes cache file a chunk at a time (`vaultkit watch`'s start). Pure: a file object in,
records out.

`cache.loads` reads a file's bytes whole, and keeps each chunk's bytes for a build's next file to
copy unchanged; a reader that writes no notes cache of its own needs neither, and at 50k notes
those bytes were the peak of a watcher's start.
"""

from __future__ import annotations

from typing import BinaryIO

from vaultkit.disk import cache
from vaultkit.disk.cacheform import entries_of


def load_file(fh: BinaryIO, expected_stamp: str, want: int = cache.ALL, heads: bool = True,
              targets: dict[str, tuple[str, ...]] | None = None) -> cache.CacheData | None:
    """`loads` of a notes cache file open for reading, a chunk at a time: never the file's bytes
    whole, and no `chunks` kept (a reader that writes no notes cache of its own: `vaultkit
    watch`). `heads`, `targets`: as `cacheform.entries_of` says (without `heads`,
    `cacheform.HEADINGS` in `owed` for the notes read without headings beyond those planning
    reads; `targets` gets the targets of the links of the notes read without them)."""
    with cache.long_lived():
        try:
            if not cache.head(fh, expected_stamp):
                return None
            data = cache.CacheData(expected_stamp)
            while True:
                size = fh.read(cache.LEN.size)
                if not size:
                    return data
                (length,) = cache.LEN.unpack(size)
                blob = fh.read(length)
                if len(blob) != length:
                    return None  # cut short
                if not cache.take(data, entries_of(memoryview(blob), want, cache.safe_loads, heads, targets)):
                    return None
        except Exception:  # any failure at all means: do not trust it
            return None
