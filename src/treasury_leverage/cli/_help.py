"""Readable ``--help``: metavars like ``TEXT``, ``N``, ``[table|json|csv]``, arguments in capitals.

Recent typer versions print the Python type (``<str>``, ``<list[str]>``); readers of a command
line expect the conventional names. Applied once to the click command tree before it runs.
"""

from __future__ import annotations

from typing import Any

__all__ = ["tidy_metavars"]

_NAMES = {"str": "TEXT", "int": "N", "float": "NUMBER", "path": "PATH", "file": "FILE", "directory": "DIR"}


def _metavar(param: Any, ctx: Any) -> str | None:
    if getattr(param, "param_type_name", "") == "argument":
        return str(param.name).upper()
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    display = getattr(param, "display_type", None)
    if display is None:
        return None
    try:
        label = str(display(ctx))
    except Exception:  # an older or newer typer: leave its own metavar
        return None
    inner = label.strip("<>")
    if inner.startswith("list[") and inner.endswith("]"):
        inner = inner[5:-1]
    if "|" in inner:
        return f"[{inner}]"
    return _NAMES.get(inner.lower(), inner.upper())


def tidy_metavars(command: Any, ctx: Any = None) -> None:
    """Give every option and argument of ``command`` (recursively) a conventional metavar.

    Parameters
    ----------
    command
        A click command or group (from :func:`typer.main.get_command`).
    ctx
        A context for choice normalisation; built from ``command`` if None.
    """
    if ctx is None:
        ctx = command.context_class(command)
    for param in command.params:
        if param.metavar is None:
            meta = _metavar(param, ctx)
            if meta:
                param.metavar = meta
        if getattr(param, "param_type_name", "") == "argument" and hasattr(param, "display_type_rich"):
            # typer writes "NAME <str>" in the list and "{NAME}" in the usage line.
            param.display_type_rich = lambda ctx: None
            name = str(param.metavar or param.name).upper()
            usage = name if param.required else f"[{name}]"
            usage += "..." if param.nargs != 1 else ""
            param._usage_display_name = lambda usage=usage: usage
    for sub in getattr(command, "commands", {}).values():
        tidy_metavars(sub, sub.context_class(sub, parent=ctx))
