"""`--format text|json|jsonl`: one way for every command whose output is data (docs/cli-json.md).

A command builds one JSON-ready document: scalars (counts, dates as YYYY-MM-DD, vault-relative
paths with `/`) and lists of objects. `json` prints that document (indented, keys in the order
built, non-ASCII kept). `jsonl` is for streaming tools: one compact object per line, each item of
the document's lists first, tagged `"type"` with what it is (`"note"`, `"diagnostic"`, `"due"`),
then one `"type": "summary"` line holding the document's other keys. So a jsonl line is always
an item of the json document plus its type, and both formats carry the same facts.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import click

from vaultkit.reader.model import Diagnostic, Severity

F = TypeVar("F", bound=Callable[..., Any])


def format_option(lists: bool = True) -> Callable[[F], F]:
    """The `--format` option: text, json, and jsonl where the output is a list."""
    choices = ["text", "json", "jsonl"] if lists else ["text", "json"]
    return click.option("--format", "fmt", type=click.Choice(choices), default="text", show_default=True,
                        help="Output format: text for people, json for one document"
                             + (", jsonl for one object per line" if lists else "")
                             + " (shapes: docs/cli-json.md).")


def diagnostic(d: Diagnostic) -> dict[str, Any]:
    """A diagnostic as every command's JSON shows it: path, line, severity, code, message, hint."""
    return d.as_dict()


def counts(diags: Sequence[Diagnostic]) -> dict[str, int]:
    """{"errors": n, "warnings": n} of some diagnostics."""
    return {"errors": sum(d.severity is Severity.ERROR for d in diags),
            "warnings": sum(d.severity is Severity.WARNING for d in diags)}


def emit(fmt: str, document: Mapping[str, Any], items: Mapping[str, str]) -> None:
    """Print `document` as json, or as jsonl: the lists named in `items` (document key → item
    type), one object per line in that order, then a summary line of the remaining keys."""
    if fmt == "json":
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    lines = []
    for key, kind in items.items():
        lines += [json.dumps({"type": kind, **item}, ensure_ascii=False) for item in document[key]]
    summary = {key: value for key, value in document.items() if key not in items}
    lines.append(json.dumps({"type": "summary", **summary}, ensure_ascii=False))
    click.echo("\n".join(lines))


def _diff_paths(diffs: Sequence[str]) -> dict[str, str]:
    """Each dry-run diff by the path it is of (its `+++ b/PATH` line)."""
    found = {}
    for text in diffs:
        for line in text.splitlines()[:2]:
            if line.startswith("+++ b/"):
                found[line[len("+++ b/"):]] = text
    return found


def build_document(report: Any, today: str, dry_run: bool) -> dict[str, Any]:
    """`build --format json`: every generated note with what happened to it (and its diff in a
    dry run), the Obsidian files written, the diagnostics `build` shows, the vault's counts."""
    diffs = _diff_paths(report.diffs) if dry_run else {}
    notes = []
    for status, paths in (("created", report.created), ("updated", report.updated),
                          ("unchanged", report.unchanged)):
        for path in paths:
            note: dict[str, Any] = {"path": path, "status": status}
            if path in diffs:
                note["diff"] = diffs[path]
            notes.append(note)
    notes.sort(key=lambda n: n["path"])
    shown = sorted((*report.vault_errors, *report.diagnostics, *report.notices), key=lambda d: d.sort_key())
    return {
        "today": today,
        "dry_run": dry_run,
        "created": len(report.created),
        "updated": len(report.updated),
        "unchanged": len(report.unchanged),
        # Counted as `check` counts them: the vault's own and those about generated notes.
        "errors": len(report.vault_errors) + sum(d.severity is Severity.ERROR for d in report.diagnostics),
        "warnings": report.vault_warnings + sum(d.severity is Severity.WARNING for d in report.diagnostics),
        "notes": notes,
        "obsidian": [{"path": path} for path in sorted(report.obsidian)],
        "diagnostics": [diagnostic(d) for d in shown],
    }


def review_document(facts: Any, period: Any, planned: Any, status: str) -> dict[str, Any]:
    """`review --format json`: the note's path and what happened to it, its period, headline
    numbers and quiet months (the command adds `text` with --stdout)."""
    from vaultkit.views.builtin.review import review_context  # as `review` itself: only when asked

    context = review_context(facts, period.start, period.end, period.label)
    return {
        "path": planned.path,
        "status": status,
        "period": period.label,
        "since": period.start.isoformat(),
        "until": period.end.isoformat(),
        "today": facts.today.isoformat(),
        "ongoing": period.end >= facts.today,
        "headline": [{"what": h["what"], "count": h["count"]} for h in context.get("headline", [])],
        "quiet_months": list(context.get("quiet", [])),
    }


def prep_document(facts: Any, note: Any, path: str, status: str, problems: Sequence[Diagnostic]) -> dict[str, Any]:
    """`prep --format json`: the note written and what happened to it, the event it is for, and
    the event note's errors (text output warns of the first)."""
    from vaultkit.reader.records import Event

    event = Event.from_note(note)
    return {
        "path": path,
        "status": status,
        "event": {"title": note.title, "path": note.path,
                  "date": event.date.isoformat() if event.date else None,
                  "end": event.end.isoformat() if event.end else None},
        "today": facts.today.isoformat(),
        "days_until": (event.date - facts.today).days if event.date else None,
        "diagnostics": [diagnostic(d) for d in problems],
    }
