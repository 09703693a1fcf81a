"""Jinja2's sandbox, bounded: a template is data, never a way to run code (SPEC §4).

A vault's `.vaultkit/templates/` travels with the vault (git, Syncthing, Dropbox), so a
template is input from whoever can write there. `BoundedEnvironment` renders every
template (shipped or the vault's) in Jinja2's immutable sandbox, stricter still:

- no attribute of a class, no name starting with `_`, no method that only grows text
  (`ljust`, `expandtabs`, `to_bytes`, …); no `lipsum`, `cycler` or `joiner`; only text,
  numbers, dates and lists of them can become text (never a function's or object's repr);
- a `Budget` per generated note: steps (every call, attribute and item look-up, filter,
  comparison and loop turn, the dear ones charged by the size of what they touch) and
  text (everything printed, every loop turn's literal text, every value a template
  builds), and a bound on nested calls. `Budget.for_notes` scales with the vault, so the
  shipped templates never come near it while a hostile one stops in bounded time and
  memory with `LimitExceeded`.

The hooks are the sandbox's (`call`, `getattr`, `getitem`, `call_binop`, filters, tests)
plus a rewrite of each template's syntax tree (`_Bounds`): loops, `~`, comparisons and
list/tuple/dict literals go through filters of this module. The budget and its checks are
in `vaultkit.views.budget`; `vaultkit.views.template_files.VaultLoader` loads only regular files inside
`.vaultkit/templates/`, then the shipped templates.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import FilterArgumentError
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

from vaultkit.views.budget import (
    CHECKS,
    MAX_DEPTH,
    MAX_INT_BITS,
    Budget,
    LimitExceeded,
    check_format,
    check_percent,
    check_replace,
    require_data,
    sum_filter,
    take,
    turns,
)

# Methods that only make text longer (or bytes): a template has filters for what it needs.
UNSAFE_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "translate", "maketrans",
                            "encode", "to_bytes", "from_bytes", "fromkeys", "mro"})
_SCALARS = frozenset({str, Markup, int, bool, float, type(None)})
_DICT_ATTRS = frozenset(dir(dict))
_MISSING = object()
_SCOPES = frozenset({"_loop_vars", "_block_vars"})  # what Jinja2 passes a call in a loop or block, besides its own
_LOOP_ATTRS = frozenset({"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0",
                         "previtem", "nextitem"})  # a loop's own values (its methods go the sandbox's way)
_CMP: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq, "ne": operator.ne, "gt": operator.gt, "gteq": operator.ge, "lt": operator.lt,
    "lteq": operator.le, "in": lambda a, b: a in b, "notin": lambda a, b: a not in b}


class _Bounds(NodeTransformer):
    """Route what the sandbox does not hook through this module's filters (see the docstring)."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        # Each turn may print the body's literal text (nested loops' too, counted again: a bound, not a sum).
        literal = sum(len(d.data) for part in node.body for d in part.find_all(nodes.TemplateData))
        node.iter = _filter(node.iter, "vk_each", nodes.Const(literal))
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _filter(nodes.List(node.nodes, lineno=node.lineno), "vk_concat")

    def visit_Compare(self, node: nodes.Compare) -> nodes.Node:
        self.generic_visit(node)
        operands = nodes.List([node.expr, *(op.expr for op in node.ops)], lineno=node.lineno)
        return _filter(operands, "vk_compare", nodes.Const(tuple(op.op for op in node.ops)))

    def _literal(self, node: nodes.Expr) -> nodes.Node:
        self.generic_visit(node)
        return node if getattr(node, "ctx", "load") != "load" else _filter(node, "vk_value")

    visit_List = visit_Tuple = visit_Dict = _literal


def _filter(node: nodes.Node, name: str, *args: nodes.Expr) -> nodes.Filter:
    made = nodes.Filter(node, name, list(args), [], None, None, lineno=node.lineno)
    made.set_lineno(node.lineno)  # the new nodes on the line of what they stand for
    return made


# Filters a template may use; the others (random, pprint, xmlattr, urlize, wordwrap) are
# non-deterministic, print reprs, or have no use in Markdown.
ALLOWED_FILTERS = frozenset({
    "abs", "attr", "batch", "capitalize", "center", "count", "d", "default", "dictsort", "e", "escape",
    "filesizeformat", "first", "float", "forceescape", "format", "groupby", "indent", "int", "items", "join",
    "last", "length", "list", "lower", "map", "max", "min", "reject", "rejectattr", "replace", "reverse",
    "round", "safe", "select", "selectattr", "slice", "sort", "string", "striptags", "sum", "title", "tojson",
    "trim", "truncate", "unique", "upper", "urlencode", "wordcount"})
# Filters whose work does not grow with their input, or whose check measures it already.
_CHEAP_FILTERS = frozenset({"count", "d", "default", "first", "last", "length", "join"})
_TEXT_FILTERS = frozenset({"capitalize", "center", "e", "escape", "forceescape", "format", "indent", "lower", "replace",
                           "safe", "string", "striptags", "title", "trim", "truncate", "upper", "urlencode",
                           "wordcount", "md"})


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox with a `Budget` (reset per generated note by `vaultkit.views.render.Renderer.start`)."""

    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})

    def __init__(self, **options: Any) -> None:
        finalize: Callable[[Any], Any] = options.pop("finalize")
        # The folder of vaultkit's own templates: their code comes compiled (`vaultkit.views.precompiled`).
        self.shipped: str | None = options.pop("shipped", None)
        super().__init__(**options)
        self.budget = Budget.for_notes(0)
        self._literal: dict[str | None, int] = {}
        for name in ("lipsum", "cycler", "joiner"):
            self.globals.pop(name, None)

        def bounded_finalize(value: Any) -> Any:
            budget = self.budget
            if value.__class__ not in _SCALARS:  # the common case first: this runs for every `{{ }}`
                require_data(budget, value, "printing")
            text = finalize(value)
            budget.text += len(text)
            if budget.text > budget.max_text:
                budget.grow(0)
            return text
        self.finalize = bounded_finalize
        self.filters = {name: f for name, f in self.filters.items() if name in ALLOWED_FILTERS}
        self.filters.update(format=_format_filter, sum=sum_filter, vk_each=_each, vk_concat=_concat,
                            vk_compare=_compare, vk_value=_value)
        for name, func in list(self.filters.items()):
            if not name.startswith("vk_"):
                self.filters[name] = self.bounded_filter(name, func)
        self.tests = {name: self._bounded_test(func) for name, func in self.tests.items()}

    # --- the syntax tree ----------------------------------------------------------------

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        bounded = _Bounds().visit(tree)
        assert isinstance(bounded, nodes.Template)
        # What rendering it once prints as literal text: charged at every load (an `include` in a loop).
        self._literal[name] = sum(len(d.data) for d in bounded.find_all(nodes.TemplateData))
        return bounded

    def compile(self, source: str, name: str | None = None, filename: str | None = None,  # type: ignore[override]
                raw: bool = False, defer_init: bool = False) -> Any:
        """`source` compiled; vaultkit's own templates come compiled already, by this same sandbox
        (`vaultkit.views.precompiled`: only for the very file and text the code was made from)."""
        if not raw and not defer_init:
            from vaultkit.views.precompiled import code_of

            found = code_of(name, filename, source, self.shipped)
            if found is not None:
                code, self._literal[name] = found
                return code
        return super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]

    def _load_template(self, name: str, globals: Any) -> jinja2.Template:
        """A template by name (`get_template`, `include`, `import`…): one step and its literal text."""
        template = super()._load_template(name, globals)
        self.budget.step()
        self.budget.grow(self._literal.get(template.name, 0))
        return template

    # --- the sandbox's hooks ------------------------------------------------------------

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """No attribute of a class, no method that only grows text; else the sandbox's rule."""
        if isinstance(obj, type) or attr in UNSAFE_METHODS:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`obj.attribute`, one step."""
        budget = self.budget
        budget.steps += 1
        if budget.steps > budget.max_steps:
            budget.step(0)
        if obj.__class__ is dict and attribute not in _DICT_ATTRS:
            # A row's field (`p.link`): what the sandbox would find after its failed getattr, faster.
            found = obj.get(attribute, _MISSING)
            if found is not _MISSING:
                return found
        elif obj.__class__ is LoopContext and attribute in _LOOP_ATTRS:  # `loop.last`: what the sandbox allows
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """`obj[argument]`, one step; a slice is a new value and costs its size."""
        self.budget.step()
        found = super().getitem(obj, argument)
        if isinstance(argument, slice):
            self.made(found)
        return found

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """A call: steps by the size of what it works on, a bounded depth, its result measured."""
        budget = self.budget
        owner = getattr(obj, "__self__", None)
        budget.step(1 + budget.cost(owner) + len(args) + len(kwargs))  # `f(*range(99999))` is work too
        if isinstance(obj, LoopContext) and args:  # `loop(children)` in a recursive loop: count its turns
            args = (turns(budget, args[0], 0), *args[1:])
        if isinstance(owner, str):
            name = getattr(obj, "__name__", "")
            if name == "join" and args:
                items = take(budget, args[0])
                require_data(budget, items, "str.join")
                budget.grow(sum(len(str(i)) for i in items) + len(owner) * len(items))
                args = (items, *args[1:])
            elif name == "replace" and len(args) >= 2:
                check_replace(budget, owner, *args[:3])
        budget.depth += 1
        try:
            if budget.depth > MAX_DEPTH:
                raise LimitExceeded(f"calls nested more than {MAX_DEPTH} deep: a macro that calls itself without end?")
            if obj.__class__ is Macro and kwargs.keys() <= _SCOPES and _plain_macro(obj, len(args), context):
                # `bring_up(p)` in a row: what Context.call and Macro.__call__ end in (scopes: pass_context only).
                try:
                    result: Any = obj._func(*args)
                except StopIteration:  # as `Context.call` answers it
                    result = self.undefined("value was undefined because a callable raised StopIteration")
            else:
                result = super().call(context, obj, *args, **kwargs)
        finally:
            budget.depth -= 1
        self.made(result)
        return result

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        """An arithmetic operator, refused before it builds a value past the bounds."""
        budget = self.budget
        budget.step(1 + budget.cost(left) + budget.cost(right))
        if operator == "+" and isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
            budget.grow(budget.measure(left)[0] + budget.measure(right)[0])  # before it is built
        elif operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(n, int):
                    budget.grow(budget.measure(seq)[0] * max(n, 0))
            if isinstance(left, int) and isinstance(right, int) and \
                    left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise LimitExceeded(f"a number of more than {MAX_INT_BITS:,} bits")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 \
                and abs(left) > 1 and left.bit_length() * right > MAX_INT_BITS:
            raise LimitExceeded(f"a number of more than {MAX_INT_BITS:,} bits")
        elif operator == "%" and isinstance(left, str):
            check_percent(budget, left, right)
        result = self.binop_table[operator](left, right)
        self.made(result)
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`str.format` and `format_map`, sandboxed by Jinja2, with widths and arguments checked."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt: str = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            check_format(self.budget, fmt, [list(args), kwargs])
            return str(self.made(wrapped(*args, **kwargs)))
        return checked

    def made(self, value: Any) -> Any:
        """Charge a value a template just built to the text budget; return it."""
        if isinstance(value, str):
            self.budget.grow(len(value))
        elif isinstance(value, list | tuple | dict | set | frozenset):
            self.budget.grow(self.budget.measure(value)[0])
        return value

    def bounded_filter(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        """`func` as a filter that costs steps by its input's size and is checked before and after."""
        pass_arg = jinja2.utils._PassArg.from_obj(func)
        check = CHECKS.get(name)
        cheap = name in _CHEAP_FILTERS

        @jinja2.pass_context  # never folded at compile time: every call is counted
        def bounded(context: jinja2.runtime.Context, value: Any, *args: Any, **kwargs: Any) -> Any:
            budget = self.budget
            budget.step((1 if cheap else 1 + budget.cost(value)) + len(args))
            if name in _TEXT_FILTERS:
                require_data(budget, value, f"the {name} filter")
            if check is not None:
                value = check(budget, value, args, kwargs)
            if pass_arg is jinja2.utils._PassArg.context:
                result = func(context, value, *args, **kwargs)
            elif pass_arg is jinja2.utils._PassArg.eval_context:
                result = func(context.eval_ctx, value, *args, **kwargs)
            elif pass_arg is jinja2.utils._PassArg.environment:
                result = func(self, value, *args, **kwargs)
            else:
                result = func(value, *args, **kwargs)
            return self.made(result)
        return bounded

    def joiner(self, name: str, escape: Callable[[Any], str]) -> Callable[..., Markup]:
        """A filter `items|NAME(sep)`: each item as text, `escape`d unless `Markup`, joined by `sep` (", ")
        into `Markup`; bounded as `join` is (steps, data only, its text charged before it is made), in one
        pass: the shipped rows call it for every list they show (the general filter cost a build dearly)."""

        @jinja2.pass_context  # never folded at compile time: every call is counted
        def join(context: jinja2.runtime.Context, value: Any, sep: Any = _MISSING) -> Markup:
            budget = self.budget
            budget.step(1 if sep is _MISSING else 2)
            if sep is _MISSING:
                sep = ", "
            items = value if value.__class__ is list or value.__class__ is tuple else take(budget, value)
            parts = []
            for item in items:
                cls = item.__class__
                if cls is str:
                    parts.append(escape(item))
                elif cls is Markup:
                    parts.append(str(item))
                else:
                    require_data(budget, item, f"the {name} filter")
                    parts.append(str(item) if isinstance(item, Markup) else escape(item))
            budget.grow(sum(map(len, parts)) + len(str(sep)) * len(parts))
            return Markup(sep.join(parts))
        return join

    def _bounded_test(self, func: Any) -> Callable[..., Any]:
        def bounded(value: Any, *args: Any) -> Any:
            budget = self.budget
            budget.step(1 + budget.cost(value) + sum(budget.cost(a) for a in args))
            return func(value, *args)
        bounded.jinja_pass_arg = getattr(func, "jinja_pass_arg", None)  # type: ignore[attr-defined]
        if bounded.jinja_pass_arg is not None:  # type: ignore[attr-defined]
            return func  # type: ignore[no-any-return]  # the few tests that take the environment or context cost nothing
        return bounded


def _plain_macro(macro: Macro, given: int, context: jinja2.runtime.Context) -> bool:
    """Is calling `macro` with `given` arguments calling its function (no defaults, `caller`, autoescape…)?"""
    return (given == macro._argument_count and not (macro.catch_kwargs or macro.catch_varargs or macro.caller)
            and not context.eval_ctx.autoescape and not macro._environment.is_async)


# --- the filters the rewrite inserts, and the checks of the dear built-in ones -------------

@jinja2.pass_environment
def _each(env: BoundedEnvironment, iterable: Any, literal: int) -> Iterator[Any]:
    """A `for` loop's iterable: each turn is a step and costs the loop body's literal text."""
    return turns(env.budget, iterable, literal)


@jinja2.pass_environment
def _concat(env: BoundedEnvironment, parts: list[Any]) -> str:
    """`a ~ b`: data only, charged for its length."""
    require_data(env.budget, parts, "the ~ operator")
    texts = [str(p) for p in parts]
    env.budget.grow(sum(map(len, texts)))
    return "".join(texts)


@jinja2.pass_environment
def _compare(env: BoundedEnvironment, operands: list[Any], ops: tuple[str, ...]) -> bool:
    """A comparison chain (`a < b`, `x in y`), charged by the size of what it compares."""
    budget = env.budget
    if len(ops) == 1:  # `a == b`, `x in y`: nearly every comparison a template makes, checked without a loop
        left, right = operands
        cost = budget.cost
        budget.step(1 + cost(left) + cost(right))
        return bool(_CMP[ops[0]](left, right))
    budget.step(1 + sum(budget.cost(v) for v in operands))
    left = operands[0]
    for op, right in zip(ops, operands[1:], strict=True):
        if not _CMP[op](left, right):
            return False
        left = right
    return True


@jinja2.pass_environment
def _value(env: BoundedEnvironment, value: Any) -> Any:
    """A list, tuple or dict literal: a new value, charged for its (deep) size."""
    env.budget.step()
    return env.made(value)


@jinja2.pass_environment
def _format_filter(env: BoundedEnvironment, value: Any, *args: Any, **kwargs: Any) -> str:
    """`"%s, %s"|format(a, b)`, checked as the % operator is."""
    if args and kwargs:
        raise FilterArgumentError("can't handle positional and keyword arguments at the same time")
    values = kwargs or args
    check_percent(env.budget, str(value), values)
    return str(value) % values
