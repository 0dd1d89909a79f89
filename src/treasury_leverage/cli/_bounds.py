"""The CLI's bounds, applied while the command line is parsed (before any work starts).

Every option of every ``tlev`` command gets a check from its name and type
(:mod:`treasury_leverage.bounds` holds the numbers, shared with the web and the specs):
numbers must be finite and of a sane magnitude, ``--draws``/``--seed``/``--days``/``--sell``
within their ranges, dates within 1900..2100, and a ``--chart`` file must be writable. A
violation is an :class:`~treasury_leverage.errors.InputError`: one line on stderr, exit 2.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from treasury_leverage import bounds
from treasury_leverage.errors import InputError

__all__ = ["check_output_file", "check_output_folder", "install_bounds"]

# Magnitude beyond which no option of the toolkit means anything (seeds reach 4.3e9).
_MAX_MAGNITUDE: Final = 1e10
_DATE_OPTIONS: Final = frozenset({"--start", "--end", "--date", "--curve-date", "--as-of", "--since",
                                  "--until"})
_INT_RANGES: Final = {
    "--draws": (0, bounds.MAX_DRAWS),
    "--seed": (0, bounds.MAX_SEED),
}
# Only the upper bound: below it the command's own validation names the field precisely.
_INT_UPPER: Final = {"--days": bounds.MAX_DAYS}
# Upper bounds only (a negative sale gets the command's own message).
_FLOAT_UPPER: Final = {"--sell": bounds.MAX_AMOUNT_USD_BN, "--amount": bounds.MAX_AMOUNT_USD_BN}


def check_output_file(path: Path, *, what: str = "--chart") -> Path:
    """Refuse, before any work, an output file that cannot be written: a folder at that path, a
    missing or unwritable parent folder."""
    shown = str(path)
    if path.is_dir():
        raise InputError(f"{what} {shown!r} is a folder; expected a file name such as chart.png")
    _probe_folder(path.parent if str(path.parent) else Path("."), what=what, shown=shown, create=False)
    return path


def check_output_folder(path: Path, *, what: str = "--out") -> Path:
    """Refuse an output folder that is a file, or whose nearest existing ancestor is not writable."""
    shown = str(path)
    if path.exists() and not path.is_dir():
        raise InputError(f"{what} {shown!r} is a file; expected a folder")
    target = path if path.is_dir() else path.parent
    while not target.exists() and target != target.parent:
        target = target.parent
    _probe_folder(target, what=what, shown=shown, create=False)
    return path


def _probe_folder(folder: Path, *, what: str, shown: str, create: bool) -> None:
    import tempfile

    if not folder.is_dir():
        raise InputError(f"{what} {shown!r}: folder {str(folder)!r} does not exist; create it first")
    try:
        fd, probe = tempfile.mkstemp(prefix=".tlev-probe-", dir=folder)
    except OSError as exc:
        raise InputError(f"{what} {shown!r}: cannot write into folder {str(folder)!r} "
                         f"({exc.strerror or type(exc).__name__})") from None
    import os

    os.close(fd)
    os.unlink(probe)


def _name(param: Any) -> str:
    longs = [o for o in getattr(param, "opts", []) if o.startswith("--")]
    return longs[0] if longs else (param.name or "value")


def _check_number(name: str, value: Any, is_int: bool) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return
    if is_int and name in _INT_RANGES:
        lo, hi = _INT_RANGES[name]
        bounds.check_count(int(value), name, lo=lo, hi=hi)
        return
    if is_int and name in _INT_UPPER and value > _INT_UPPER[name]:
        raise InputError(f"{name} {value}: expected at most {_INT_UPPER[name]}")
    if not math.isfinite(value):
        raise InputError(f"{name} {value}: expected a finite number")
    if name in _FLOAT_UPPER and value > _FLOAT_UPPER[name]:
        raise InputError(f"{name} {value:g}: expected at most {_FLOAT_UPPER[name]:g} (USD bn)")
    if abs(value) > _MAX_MAGNITUDE:
        raise InputError(f"{name} {value:g}: expected a number of magnitude at most {_MAX_MAGNITUDE:g}")


def _kind(param: Any) -> str:
    """``int``, ``float`` or another name of the option's Python type (Typer's own or click's)."""
    bare = getattr(param, "bare_type", None)
    if callable(bare):
        with contextlib.suppress(Exception):
            return str(bare()).lower()
    kind = getattr(param, "type", None)
    return str(getattr(kind, "name", "")).lower()


def _checker(param: Any) -> Callable[[Any], object] | None:
    name = _name(param)
    kind = _kind(param)
    if kind in ("int", "float"):
        is_int = kind == "int"
        return lambda v: _check_number(name, v, is_int)
    if name == "--chart":
        return lambda v: None if v is None else check_output_file(Path(v))
    if name in _DATE_OPTIONS:
        return lambda v: None if not isinstance(v, str) else bounds.check_date_text(v, name)
    return None


def _wrap(param: Any) -> None:
    check = _checker(param)
    if check is None or getattr(param, "_tlev_bounds", False):
        return
    original = param.callback

    def callback(ctx: Any, p: Any, value: Any) -> Any:
        values = value if isinstance(value, list | tuple) else [value]
        for v in values:
            if v is not None:
                check(v)
        return original(ctx, p, value) if original is not None else value

    param.callback = callback
    param._tlev_bounds = True


def install_bounds(command: Any) -> Any:
    """Attach the bound checks to every option of ``command`` and its subcommands; return it."""
    for param in command.params:
        _wrap(param)
    for sub in (getattr(command, "commands", None) or {}).values():
        install_bounds(sub)
    return command
