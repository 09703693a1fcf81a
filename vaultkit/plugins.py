"""Plugins: packages that add kinds and views, loaded only when `vaultkit.toml` names them.

A plugin is an entry point in the group `vaultkit.plugins` (its package's `pyproject.toml`:
`[project.entry-points."vaultkit.plugins"] talks = "vaultkit_talks:register"`) whose object is
a hook `register(api: vaultkit.PluginAPI) -> None`. It is imported only when the vault's
`vaultkit.toml` lists its name in `plugins = [...]`; nothing inside a vault is ever imported.
A plugin that is not installed, or whose hook raises, is a diagnostic naming it, and the
vault builds without it. See docs/plugins.md.

`extend` is where a vault's config meets its extensions, once per read of `vaultkit.toml`
(`vaultkit.disk.fs.read_config_text`): plugin kinds merged into the config, the vault's views
(vaultkit's, a script's, the plugins', `.vaultkit/views/`) and the `[outputs]` keys checked
against them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from vaultkit.reader.config import CONFIG_NAME, Config
from vaultkit.reader.model import Diagnostic, Severity
from vaultkit.views.registry import PluginAPI, View, ViewSet, default_views

GROUP = "vaultkit.plugins"
MISSING = "plugin-missing"
FAILED = "plugin-failed"
TOPIC = "view-topic"  # a view reads a topic the vault does not have
# A plugin's hook runs once per process (a watcher re-reads its config often): name → what it
# registered and its version, or why it did not load (code, message, hint).
_LOADED: dict[str, tuple[PluginAPI, str] | tuple[str, str, str]] = {}


def forget_plugins() -> None:
    """Load plugins anew on the next config read (tests; a plugin installed meanwhile)."""
    _LOADED.clear()


def _entry_points() -> dict[str, Any]:
    from importlib.metadata import entry_points  # only for a vault that names plugins

    found: dict[str, Any] = {}
    for ep in entry_points(group=GROUP):
        found.setdefault(ep.name, ep)  # the first on sys.path wins, as Python's import does
    return found


def load_plugin(name: str, hook: Callable[[PluginAPI], object] | None = None) -> tuple[PluginAPI, str] | Diagnostic:
    """Run plugin `name`'s hook (its entry point's, or `hook`) and return what it registered and
    its version, or the diagnostic saying why it did not load."""
    known = _LOADED.get(name)
    if known is None:
        known = _LOADED[name] = _load(name, hook)
    if isinstance(known[0], PluginAPI):
        return known  # type: ignore[return-value]
    code, message, hint = known  # type: ignore[misc]
    return Diagnostic(CONFIG_NAME, None, Severity.ERROR, code, message, hint)


def _load(name: str, hook: Callable[[PluginAPI], object] | None) -> tuple[PluginAPI, str] | tuple[str, str, str]:
    version = ""
    if hook is None:
        try:
            points = _entry_points()
        except Exception as exc:  # a broken installed package's metadata: say so, build on
            return (FAILED, f"plugins: cannot list the installed plugins ({type(exc).__name__}: {exc})",
                    "reinstall the package whose metadata is broken, or remove the plugin from plugins")
        point = points.get(name)
        if point is None:
            there = ", ".join(sorted(points)) or "none"
            return (MISSING, f"plugins: no installed plugin is named {name!r}: built without it",
                    f"install its package into the Python that runs vaultkit, or remove {name!r} from plugins "
                    f"in {CONFIG_NAME} (installed plugins: {there})")
        version = getattr(getattr(point, "dist", None), "version", "") or ""
        try:
            hook = point.load()
        except Exception as exc:
            return _failed(name, "could not be imported", exc)
    api = PluginAPI(name)
    try:
        if not callable(hook):
            raise TypeError(f"the entry point names {type(hook).__name__}, not a function register(api)")
        hook(api)
    except Exception as exc:
        return _failed(name, "failed while registering", exc)
    return api, version


def _failed(name: str, what: str, exc: BaseException) -> tuple[str, str, str]:
    return (FAILED, f"plugins: {name!r} {what} ({type(exc).__name__}: {exc}): built without it",
            f"update or fix the plugin's package, or remove {name!r} from plugins in {CONFIG_NAME}")


def extend(root: str | None, config: Config) -> tuple[Config, list[Diagnostic], str, tuple[Diagnostic, ...]]:
    """The config with its plugins' kinds and the vault's views (`Config.views`), the problems
    found on the way, text to add to the config's fingerprint (what the plugins are, by name
    and version: a plugin upgraded reads notes anew), and the config's diagnostics these replace
    (its kind tables', judged again over the plugins' kinds)."""
    from vaultkit.views.local import local_views  # reads `.vaultkit/views/` only when it is there
    from vaultkit.views.outputs import check_outputs

    diags: list[Diagnostic] = []
    start = default_views()
    views = ViewSet(start)
    folders: list[str] = list(start.folders)  # a script's (`register_view`), then the plugins
    kinds: list[tuple[str, str, Mapping[str, Any]]] = []
    stamps: list[str] = []
    for name in config.plugins:
        loaded = load_plugin(name)
        if isinstance(loaded, Diagnostic):
            diags.append(loaded)
            stamps.append(f"{name}=missing")
            continue
        api, version = loaded
        stamps.append(f"{name}={version}")
        _add_views(views, api.views, diags)
        folders += api.folders
        kinds += [(name, kind, table) for kind, table in api.kinds.items()]
    if root is not None:
        found, unusable = local_views(root)
        diags += unusable
        _add_views(views, found, diags)
    views = ViewSet(views, folders)
    outputs, problems = check_outputs(views, config.outputs)
    lenient = any(d.code in (MISSING, FAILED) for d in diags)  # a key may be the missing plugin's
    for key, message, hint in problems:
        severity = Severity.WARNING if lenient and message == "unknown generated note" else Severity.ERROR
        diags.append(Diagnostic(CONFIG_NAME, None, severity, "config-invalid", f"outputs.{key}: {message}", hint))
    config = replace(config, outputs=outputs, views=views)
    replaced: tuple[Diagnostic, ...] = ()
    if kinds:
        config, replaced = merge_kinds(config, kinds, diags)
    diags += topic_warnings(root, views, list(config.schema.kinds))
    text = f"\n# plugins: {', '.join(stamps)}" if stamps else ""
    return config, diags, text, replaced


def _add_views(views: ViewSet, new: Iterable[View], diags: list[Diagnostic]) -> None:
    for view in new:
        try:
            views.add(view)
        except ValueError as exc:
            where = view.origin if view.origin.startswith(".vaultkit/") else CONFIG_NAME
            diags.append(Diagnostic(where, None, Severity.ERROR, FAILED if where == CONFIG_NAME else "view-invalid",
                                    f"view not added: {exc}", "give each view a key and a note name of its own "
                                    "(rename the vault's view, or remove one of the plugins)"))


def topic_warnings(root: str | None, views: ViewSet, kinds: list[str]) -> list[Diagnostic]:
    """A warning for each topic a view reads that the vault does not have (a typo in `reads`:
    the view builds, but `watch` would leave it stale): at the `reads:` line of a vault view,
    else naming the plugin or `register_view`. vaultkit's own views are right by test."""
    from vaultkit.views.local import FOLDER, reads_line
    from vaultkit.views.registry import known_topics, unknown_topics

    said: list[Diagnostic] = []
    for view in views:
        unknown = unknown_topics(view, kinds) if view.origin != "vaultkit" else []
        if not unknown:
            continue
        names = ", ".join(repr(t) for t in unknown)
        plural = "s" if len(unknown) > 1 else ""
        hint = (f"name topics the vault has: {known_topics(kinds)} (a kind's name, or one of the others); "
                "otherwise `watch` never plans this view again for them")
        local = view.origin.startswith("/".join(FOLDER) + "/")
        if local and root is not None:
            line = reads_line(root, view.origin.rsplit("/", 1)[1])
            said.append(Diagnostic(view.origin, line, Severity.WARNING, TOPIC, f"reads: unknown topic{plural} {names}",
                                   hint))
        else:
            where = "register_view" if view.origin == "register_view" else f"plugin {view.origin}"
            said.append(Diagnostic(where, None, Severity.WARNING, TOPIC,
                                   f"view {view.key!r} reads unknown topic{plural} {names}",
                                   hint.replace("name topics", "in its reads, name topics")))
    return said


def merge_kinds(config: Config, kinds: list[tuple[str, str, Mapping[str, Any]]],
                diags: list[Diagnostic]) -> tuple[Config, tuple[Diagnostic, ...]]:
    """Plugins' kind tables (plugin, kind, table), in plugin order, under the vault's own
    `[kinds.NAME]` (`Config.with_kinds`); problems are added to `diags`. Returns the config and
    the diagnostics of the vault's kind tables it replaces (judged again over the plugins' kinds:
    a `[kinds.talk]` of the vault's extending a plugin's `talk` is right only now)."""
    replaced = config.kind_diagnostics
    by_plugin: dict[str, dict[str, dict[str, Any]]] = {}
    for plugin, kind, table in kinds:
        by_plugin.setdefault(plugin, {})[kind] = dict(table)
    for plugin, tables in by_plugin.items():
        config, said = config.with_kinds(tables, f"plugin {plugin}")
        diags += [d for d in said if d not in config.kind_diagnostics]
    diags += config.kind_diagnostics
    return config, replaced


def installed() -> list[str]:
    """The names of the installed plugins (entry points of `vaultkit.plugins`)."""
    return sorted(_entry_points())


__all__ = ["GROUP", "PluginAPI", "View", "extend", "forget_plugins", "installed", "load_plugin"]
