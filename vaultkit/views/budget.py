"""What one generated note's templates may spend, and the checks that keep them to it.

See `vaultkit.views.sandbox`: a `Budget` counts steps (calls, look-ups, loop turns, the dear ones
by the size of what they touch), text (printed or built) and nested calls; the checks here
refuse an operation before it builds a value past those bounds.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.runtime import Undefined

STEPS_BASE = 250_000  # steps any note may take; the shipped templates take under 10 a note
STEPS_PER_NOTE = 200
TEXT_BASE = 8 << 20  # characters printed or built per note; the shipped ones about 300 a note
TEXT_PER_NOTE = 8192
MAX_DEPTH = 40  # nested calls (macros calling macros): far below Python's recursion limit
MAX_WIDTH = 10_000  # widths and paddings in format specs and filters
MAX_INT_BITS = 1 << 14  # integers a template computes (a 4,900-digit number)
MAX_NESTING = 64  # lists in lists
MAX_COUNT = 100_000  # batch and slice counts, as the sandbox's MAX_RANGE
DATA_LEAVES = (str, int, float, type(None), dt.date, dt.time, range)
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")

class LimitExceeded(SecurityError):
    """A template went past a bound of its `Budget` (steps, text, nesting)."""


class Budget:
    """What one generated note may spend: steps, characters, and nested calls."""

    __slots__ = ("_sizes", "depth", "max_steps", "max_text", "steps", "text")

    def __init__(self, max_steps: int, max_text: int) -> None:
        self.max_steps = max_steps
        self.max_text = max_text
        self.steps = 0
        self.text = 0
        self.depth = 0
        self._sizes: dict[int, tuple[object, int, bool]] = {}  # containers measured: id → (it, size, data?)

    @classmethod
    def for_notes(cls, notes: int) -> Budget:
        """The budget of one generated note in a vault of `notes` notes."""
        return cls(STEPS_BASE + STEPS_PER_NOTE * notes, TEXT_BASE + TEXT_PER_NOTE * notes)

    def step(self, n: int = 1) -> None:
        """Spend `n` steps; stop the template when none are left."""
        self.steps += n
        if self.steps > self.max_steps:
            raise LimitExceeded(f"stopped after {self.max_steps:,} steps (calls, look-ups and loop turns): "
                                "a loop without end, or far too much work for one note")

    def grow(self, n: int) -> None:
        """Spend `n` characters of text (printed or built); stop the template past the cap."""
        self.text += n
        if self.text > self.max_text:
            raise LimitExceeded(f"stopped after {self.max_text:,} characters of text printed or built: "
                                "a value or an output far too large for one note")

    def measure(self, value: Any) -> tuple[int, bool]:
        """(size in cells, is it data?) of a value: a string's length, a container's deep size.

        Containers are measured once (by identity) so a list built of itself twice over
        costs its true size, and sizes past the text cap stop the template.
        """
        if isinstance(value, str):
            return len(value), True
        if isinstance(value, int):
            return 1 + value.bit_length() // 3, True  # about its digits: printing a big number is long
        if not isinstance(value, list | tuple | dict | set | frozenset):
            return 1, isinstance(value, DATA_LEAVES)
        return self._container(value, 0)

    def _container(self, value: Any, depth: int) -> tuple[int, bool]:
        known = self._sizes.get(id(value))
        if known is not None and known[0] is value:
            return known[1], known[2]
        if depth > MAX_NESTING:
            raise LimitExceeded(f"a value nested more than {MAX_NESTING} deep")
        size, data = 1, True
        for item in (x for pair in value.items() for x in pair) if isinstance(value, dict) else value:
            if isinstance(item, str):
                n, ok = len(item), True
            elif isinstance(item, list | tuple | dict | set | frozenset):
                n, ok = self._container(item, depth + 1)
            else:
                n, ok = self.measure(item)
            size += n
            data = data and ok
            if size > self.max_text:
                raise LimitExceeded(f"a value of more than {self.max_text:,} cells: far too large for one note")
        self._sizes[id(value)] = (value, size, data)
        return size, data

    def cost(self, value: Any) -> int:
        """Steps an operation touching `value` (a search, a comparison) costs: one per 64 cells."""
        cls = value.__class__
        if cls is str:
            return len(value) >> 6
        if cls is int or cls is bool or value is None:  # what templates compare most, besides text
            return 0
        if isinstance(value, str):
            return len(value) >> 6
        if isinstance(value, list | tuple | dict | set | frozenset):
            return self.measure(value)[0] >> 6
        return 0


def require_data(budget: Budget, value: Any, what: str) -> None:
    """Refuse to turn anything but data (text, numbers, dates, lists of them) into text."""
    if isinstance(value, Undefined):
        str(value)  # StrictUndefined raises its own error ("'x' is undefined", "… is unsafe")
        return
    if not budget.measure(value)[1]:
        bad = not_data(value)
        if isinstance(bad, Undefined):
            str(bad)  # its own error, as above
        raise SecurityError(f"{what}: a {type(bad).__name__} cannot become text "
                            "(only text, numbers, dates and lists of them can)")


def not_data(value: Any) -> Any:
    """The first part of `value` that is not data (for the message); None when all of it is."""
    if isinstance(value, DATA_LEAVES):
        return None
    if isinstance(value, dict):
        value = [x for pair in value.items() for x in pair]
    elif not isinstance(value, list | tuple | set | frozenset):
        return value
    return next((found for item in value if (found := not_data(item)) is not None), None)


def check_percent(budget: Budget, fmt: str, args: Any) -> None:
    """`fmt % args` is safe: data arguments, no width or precision past `MAX_WIDTH`, no `*`."""
    for width in (w for m in _PERCENT_SPEC.finditer(fmt) for w in m.groups() if w):
        if width == "*" or int(width) > MAX_WIDTH:
            raise LimitExceeded(f"a width or precision past {MAX_WIDTH:,} in {fmt[:40]!r}")
    require_data(budget, args, "the % operator")


def check_format(budget: Budget, fmt: str, args: Any) -> None:
    """`fmt.format(...)` is safe: data arguments, no width past `MAX_WIDTH`, no nested fields."""
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format raises the same error, with its own message
    for _, _, spec, _ in fields:
        if spec and ("{" in spec or any(int(n) > MAX_WIDTH for n in re.findall(r"\d+", spec))):
            raise LimitExceeded(f"a field width past {MAX_WIDTH:,} (or a nested field) in {fmt[:40]!r}")
    require_data(budget, args, "str.format")


def turns(budget: Budget, iterable: Iterable[Any], literal: int) -> Iterator[Any]:
    """`iterable`, each item a step and `literal` characters (a loop body's text)."""
    for item in iterable:
        budget.step()
        if literal:
            budget.grow(literal)
        yield item


def take(budget: Budget, iterable: Any) -> list[Any]:
    """The items of `iterable` as a list, a step each unless it is a list already."""
    if isinstance(iterable, list | tuple):
        return list(iterable)
    return list(turns(budget, iterable, 0))


def check_replace(budget: Budget, text: str, old: Any, new: Any, count: Any = None) -> None:
    """`text.replace(old, new, count)`: the text it makes charged before it is made."""
    if isinstance(old, str) and isinstance(new, str):
        n = text.count(old) if old else len(text) + 1
        if isinstance(count, int) and count >= 0:
            n = min(n, count)
        budget.grow(max(0, len(text) + n * (len(new) - len(old))))


def sum_filter(iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
    """`sum`, of numbers only (a sum of lists or strings is quadratic)."""
    total = start
    for item in iterable:
        value = item[attribute] if attribute is not None else item
        if not isinstance(value, int | float) or not isinstance(total, int | float):
            raise SecurityError("the sum filter adds numbers only")
        total += value
    return total


def _first(args: tuple[Any, ...], kwargs: dict[str, Any], key: str, default: Any) -> Any:
    """A filter's first argument, given by position or by name."""
    return args[0] if args else kwargs.get(key, default)


def check_width(budget: Budget, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """`center` and `indent`: a width up to `MAX_WIDTH`, the text it adds charged."""
    width = _first(args, kwargs, "width", 80)
    size = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    if size > MAX_WIDTH:
        raise LimitExceeded(f"a width past {MAX_WIDTH:,}")
    budget.grow(size * (str(value).count("\n") + 1))
    return value


def check_join(budget: Budget, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """`join`: its items taken (each a step), data only, the text it makes charged."""
    items = take(budget, value)
    sep = _first(args, kwargs, "d", "")
    if kwargs.get("attribute") is None and len(args) < 2:
        size, data = budget.measure(items)
        if not data:
            require_data(budget, items, "the join filter")
        budget.grow(size + len(str(sep)) * len(items))
    return items


def check_replace_filter(budget: Budget, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """`replace`: the text it makes charged before it is made."""
    if len(args) >= 2:
        check_replace(budget, str(value), args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count"))
    return value


def check_count(budget: Budget, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """`batch` and `slice`: a count up to `MAX_COUNT` (they loop over it, or fill up to it)."""
    n = _first(args, kwargs, "linecount" if "linecount" in kwargs else "slices", 1)
    if not isinstance(n, int) or n > MAX_COUNT:
        raise LimitExceeded(f"batch and slice take a count up to {MAX_COUNT:,}")
    return value


CHECKS: dict[str, Callable[[Budget, Any, tuple[Any, ...], dict[str, Any]], Any]] = {
    "center": check_width, "indent": check_width, "join": check_join,
    "replace": check_replace_filter, "batch": check_count, "slice": check_count,
}
