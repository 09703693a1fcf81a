"""Views: what makes each generated index note, registered the same way by vaultkit and by others.

A `View` names its note (`key`, the `[outputs]` key and region name; `output`, the note's name),
its template, the **topics** it reads and a context function from the vault's `Facts` to the
template's data. The nine notes vaultkit ships are registered by `vaultkit.views.builtin.register`,
a plugin hook like any other (`docs/plugins.md`); a script adds views with `register_view`, a
package through the `vaultkit.plugins` entry points (`vaultkit.plugins`), a vault with
`.vaultkit/views/NAME.md.j2` (`vaultkit.views.local`).

Topics (`reads`) tell `vaultkit watch` which views a save can change (`live.replan`):

- a kind's name (`person`, `event`, `brag`, …, a plugin's `talk`): a note of that kind came, went
  or changed; `brag` and `challenge` also when such an entry (an inline `#brag` item) changed;
- `contacts`: a person's note or interactions changed (anything a person's row shows);
- `met`: who counts as met at which event changed (a person's name, `met_at` or `met_on`);
- `wanted`: a person on an upcoming event's want-to-meet list changed;
- `members`: who or what is in which community changed (a person's `communities`, or where a
  `communities` or `community` link goes);
- `interviewed`: the contacts of a person named by an interview with a follow-up date changed
  (a contact logged since the date is the follow-up done);
- `errors`: a note's own errors came or went;
- `*`: any change at all.

A topic that is none of these is a `view-topic` warning (`plugins.topic_warnings`); the view
still builds.

A view's context may be given as `"module:function"`: imported when the note is first planned,
so listing views costs no import (a build with nothing to do plans nothing). This module imports
nothing heavy for the same reason.
"""

from __future__ import annotations

import importlib
import os
import pickle
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vaultkit.reader.config import Config
    from vaultkit.views.common import Facts

Context = Callable[["Facts"], dict[str, Any]]

ANY = "*"
CONTACTS = "contacts"
MET = "met"
WANTED = "wanted"
MEMBERS = "members"
ERRORS = "errors"
INTERVIEWED = "interviewed"
TOPICS = (CONTACTS, MET, WANTED, MEMBERS, INTERVIEWED, ERRORS, ANY)  # the topics that are not a kind's name

API_VERSION = 1  # `PluginAPI.version`: raised when a hook's signature changes
_KEY = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_TOPIC = re.compile(r"^(\*|[a-z][a-z0-9_.-]{0,39})$")
_CALLABLES: dict[str, Context] = {}


def _name_problem(name: str) -> str | None:
    from vaultkit.views.outputs import name_problem  # outputs imports this module

    return name_problem(name)


@dataclass(frozen=True, slots=True)
class View:
    """One generated index note, written as `<output_dir>/<output>.md`.

    `key` names the view in `[outputs]` (a user renames the note with `key = "Other name"`) and
    is the name of the region its template writes (`<!-- vaultkit:begin KEY -->`); `template` is
    a template name (a vault may override it in `.vaultkit/templates/`); `reads` the topics that
    make `vaultkit watch` plan it again (see the module docstring); `context` a function
    `Facts -> dict` (or `"module:function"`) giving the template's data; `suggested` the name
    proposed when a note of the user's already has `output`'s name. `origin` says who registered
    it (in diagnostics); `problem`, set for a view that cannot be planned (a broken vault-local
    view), refuses its note with that message. `relinks`: the kinds among `reads` whose notes'
    links the note shows (None, the default: all of them); a note of another kind that is left
    as it was while a note it links comes, goes or is renamed does not plan it again.
    """

    key: str
    output: str
    template: str
    reads: tuple[str, ...]
    context: Context | str
    suggested: str = ""
    origin: str = "vaultkit"
    problem: str | None = field(default=None, compare=False)
    relinks: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not _KEY.match(self.key):
            raise ValueError(f"view key {self.key!r}: use lowercase letters, digits, - and _, starting with a "
                             "letter (it is the [outputs] key and the region name)")
        why = _name_problem(self.output) if isinstance(self.output, str) else "is not text"
        if why is not None:
            raise ValueError(f"view {self.key!r}: output {self.output!r} {why}")
        if not isinstance(self.template, str) or not self.template:
            raise ValueError(f"view {self.key!r}: template must be a template name, e.g. 'Talks.md.j2'")
        reads = (self.reads,) if isinstance(self.reads, str) else tuple(self.reads)
        bad = [t for t in reads if not isinstance(t, str) or not _TOPIC.match(t)]
        if bad or not reads:
            raise ValueError(f"view {self.key!r}: reads must list topics (kinds, 'contacts', 'errors', '*'…), "
                             f"got {self.reads!r}")
        object.__setattr__(self, "reads", reads)
        if self.relinks is not None:
            relinks = (self.relinks,) if isinstance(self.relinks, str) else tuple(self.relinks)
            if any(kind not in reads for kind in relinks):
                raise ValueError(f"view {self.key!r}: relinks must list kinds it reads, got {self.relinks!r}")
            object.__setattr__(self, "relinks", relinks)
        if isinstance(self.context, str):
            if not re.match(r"^[\w.]+:[\w.]+$", self.context):
                raise ValueError(f"view {self.key!r}: context {self.context!r} is not 'module:function'")
        elif not callable(self.context):
            raise ValueError(f"view {self.key!r}: context must be a function Facts -> dict")
        if not self.suggested:
            object.__setattr__(self, "suggested", f"{self.output} (vaultkit)")

    @property
    def note(self) -> str:
        """The note's built-in file name, `<output>.md` (before `[outputs]` renames it)."""
        return f"{self.output}.md"

    def make_context(self, facts: Facts) -> dict[str, Any]:
        """The template's data for this vault (importing a `"module:function"` context once)."""
        return self.function()(facts)

    def function(self) -> Context:
        """The context function itself."""
        if not isinstance(self.context, str):
            return self.context
        found = _CALLABLES.get(self.context)
        if found is None:
            module, _, name = self.context.partition(":")
            obj: Any = importlib.import_module(module)
            for part in name.split("."):
                obj = getattr(obj, part)
            found = _CALLABLES[self.context] = obj
        return found

    def reads_any(self, topics: Iterable[str]) -> bool:
        """Does a change to `topics` concern this view?"""
        return ANY in self.reads or not set(self.reads).isdisjoint(topics)

    def reads_relinked(self, kinds: Iterable[str]) -> bool:
        """Does a note of one of `kinds`, left as it was but with a link that now goes elsewhere
        (a note it links came, went or was renamed), concern this view? Only for the kinds it
        reads and shows links of (`relinks`; all it reads unless it says)."""
        shown = self.reads if self.relinks is None else self.relinks
        return ANY in self.reads or not set(shown).isdisjoint(kinds)


class ViewSet:
    """The views of one vault, in order (the order notes are planned, written and reported),
    and the template folders plugins added (after the vault's overrides and vaultkit's own)."""

    def __init__(self, views: Iterable[View] = (), folders: Iterable[str] = ()) -> None:
        self.views: tuple[View, ...] = ()
        self.folders: tuple[str, ...] = tuple(folders)
        self._by_key: dict[str, View] = {}
        self._by_note: dict[str, View] = {}
        for view in views:
            self.add(view)

    def add(self, view: View) -> None:
        """Add a view; a key or note name already taken is a `ValueError` naming both."""
        if not isinstance(view, View):
            raise TypeError(f"expected a vaultkit View, got {type(view).__name__}")
        if view.key in self._by_key:
            raise ValueError(f"view key {view.key!r} of {view.origin} is taken by {self._by_key[view.key].origin}")
        name = view.note.casefold()
        if name in self._by_note:
            raise ValueError(f"view {view.key!r} of {view.origin}: the note {view.note} is written by view "
                             f"{self._by_note[name].key!r} of {self._by_note[name].origin}")
        self.views += (view,)
        self._by_key[view.key] = view
        self._by_note[name] = view

    def __iter__(self) -> Iterator[View]:
        return iter(self.views)

    def __len__(self) -> int:
        return len(self.views)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def get(self, key: str) -> View | None:
        """The view with this key, or None."""
        return self._by_key.get(key)

    def by_note(self, note: str) -> View:
        """The view writing the note of built-in file name `note` (`People.md`)."""
        return self._by_note[note.casefold()]

    def keys(self) -> tuple[str, ...]:
        """Every view's key, in order."""
        return tuple(v.key for v in self.views)

    def __reduce__(self) -> tuple[Any, ...]:
        # A parse worker gets the Config (spawn start method): it never plans. Whatever gets one
        # plans with the vault's views or with none, never with vaultkit's alone (they once
        # travelled as vaultkit's: a vault's own and its plugins' views silently gone there).
        # Views pickle by their context function's name; one that does not (a script's lambda)
        # leaves a set that refuses to be used (`UnsentViews`).
        try:
            pickle.dumps((self.views, self.folders), protocol=5)
        except Exception:  # (a lambda, a local function, a closure: PicklingError, AttributeError…)
            return (UnsentViews, (self.keys(),))
        return (ViewSet, (self.views, self.folders))


class UnsentViews(ViewSet):
    """A vault's views as another process got them when they could not be pickled: any use
    raises (a plan made without them would be wrong, and said nothing)."""

    def __init__(self, keys: tuple[str, ...]) -> None:  # (no ViewSet.__init__: no attribute of one is set)
        self.unsent = keys

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError(f"the vault's views ({', '.join(self.unsent)}) could not be sent to this process "
                           "(a context function that does not pickle): plan in the process that read the config")

    @property
    def views(self) -> tuple[View, ...]:  # type: ignore[override]
        return self.__getattr__("views")  # type: ignore[no-any-return]

    def __reduce__(self) -> tuple[Any, ...]:
        return (UnsentViews, (self.unsent,))


class PluginAPI:
    """What a plugin's hook receives: `add_view`, `add_kind`, `add_templates` (docs/plugins.md).

    The same object registers vaultkit's own views (`vaultkit.views.builtin.register`).
    """

    version = API_VERSION

    def __init__(self, name: str) -> None:
        self.name = name
        self.views: list[View] = []
        self.kinds: dict[str, dict[str, Any]] = {}
        self.folders: list[str] = []

    def add_view(self, key: str, output: str, template: str, reads: Iterable[str] | str,
                 context: Context | str, suggested: str = "", relinks: Iterable[str] | None = None) -> View:
        """Register a generated index note (see `View`); returns it. Raises `ValueError` when a
        value is unusable (the plugin then does not load, with a diagnostic naming it)."""
        view = View(key, output, template, tuple(reads) if not isinstance(reads, str) else (reads,), context,
                    suggested, origin=self.name,
                    relinks=None if relinks is None else (relinks,) if isinstance(relinks, str) else tuple(relinks))
        self.views.append(view)
        return view

    def add_kind(self, name: str, table: Mapping[str, Any]) -> None:
        """Declare a kind, or extend one, with the table a `[kinds.NAME]` of `vaultkit.toml` parses
        to (`{"match": {"folder": "**/Talks/"}, "fields": {...}}`). The user's own `[kinds.NAME]`
        in `vaultkit.toml` applies on top of it."""
        if not isinstance(name, str) or not isinstance(table, Mapping):
            raise ValueError(f"add_kind({name!r}, …): give a kind name and a table (a dict)")
        self.kinds[name] = dict(table)

    def add_templates(self, folder: str | os.PathLike[str]) -> None:
        """A folder of templates (installed with the plugin) that its views name; vault overrides
        in `.vaultkit/templates/` win over it, and it renders in the same sandbox."""
        path = os.path.abspath(os.fspath(folder))
        if not os.path.isdir(path):
            raise ValueError(f"add_templates({os.fspath(folder)!r}): not a folder")
        self.folders.append(path)


_SCRIPT: list[View] = []  # `register_view`, in order
_SCRIPT_FOLDERS: dict[str, tuple[str, ...]] = {}  # view key → its template folders
_BUILTIN: list[ViewSet] = []  # made once


def _builtin() -> ViewSet:
    if not _BUILTIN:
        from vaultkit.views.builtin import register  # data only: it imports no view module

        api = PluginAPI("vaultkit")
        register(api)
        _BUILTIN.append(ViewSet(api.views))
    return _BUILTIN[0]


def default_views() -> ViewSet:
    """vaultkit's views, then those a script registered (`register_view`)."""
    found = _builtin()
    if not _SCRIPT:
        return found
    folders = dict.fromkeys(f for view in _SCRIPT for f in _SCRIPT_FOLDERS.get(view.key, ()))
    return ViewSet([*found, *_SCRIPT], folders)


def register_view(key: str, output: str, template: str, reads: Iterable[str] | str, context: Context | str,
                  suggested: str = "", templates: str | os.PathLike[str] | None = None) -> View:
    """Add a view to every vault this process reads from then on (`vaultkit.build`,
    `vaultkit.load_vault`, `vaultkit watch` run from the script). Its template is looked up in
    the vault's `.vaultkit/templates/`, then vaultkit's, then `templates` (a folder) and those of
    other views. Raises `ValueError` for a duplicate key or note name, or an unusable value."""
    api = PluginAPI("register_view")
    view = api.add_view(key, output, template, reads, context, suggested)
    if templates is not None:
        api.add_templates(templates)
    ViewSet([*default_views(), view])  # raises on a duplicate before anything changes
    _SCRIPT.append(view)
    _SCRIPT_FOLDERS[view.key] = tuple(api.folders)
    return view


def unregister_view(key: str) -> None:
    """Remove a view `register_view` added, and its template folder (tests, long-running scripts)."""
    _SCRIPT[:] = [v for v in _SCRIPT if v.key != key]
    _SCRIPT_FOLDERS.pop(key, None)


def unknown_topics(view: View, kinds: Iterable[str]) -> list[str]:
    """The topics `view` reads that are neither one of `kinds` (the vault's schema) nor one of
    `TOPICS`: a typo, or a kind no plugin declared. The view still builds; `watch` would never
    plan it again for them."""
    known = {*kinds, *TOPICS}
    return [t for t in view.reads if t not in known]


def known_topics(kinds: Iterable[str]) -> str:
    """The topics a view may read, for a hint: the kinds, then the others."""
    return ", ".join([*kinds, *TOPICS])


def fingerprint(views: ViewSet) -> list[str]:
    """What says which views a build plans, for its fingerprint: every view not vaultkit's own
    and the template folders (vaultkit's own change with vaultkit, which stamps the cache)."""
    return [*(f"view {v.origin} {v.key} {v.output} {v.template} {','.join(v.reads)} {_named(v.context)}"
              for v in views if v.origin != "vaultkit"), *(f"templates {f}" for f in views.folders)]


def _named(context: Context | str) -> str:
    """A context function by name (never by its address, which changes from run to run)."""
    if isinstance(context, str):
        return context
    return f"{getattr(context, '__module__', '')}:{getattr(context, '__qualname__', type(context).__name__)}"


def views_of(config: Config) -> ViewSet:
    """The views of the vault `config` belongs to: vaultkit's, a script's, the plugins' and the
    vault's own, as `vaultkit.disk.fs.read_config_text` found them; vaultkit's and a script's
    for a config made otherwise."""
    found = getattr(config, "views", None)
    return found if isinstance(found, ViewSet) else default_views()
