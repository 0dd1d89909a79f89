"""Output paths checked before any work: a bad ``--out`` fails in one line, not after a minute.

Small and dependency-free so that every command writing files (``brief``, ``data export``,
``--chart``) can call it first.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Literal

from treasury_leverage.errors import InputError

__all__ = ["check_output_path"]


def check_output_path(path: str | os.PathLike[str], *, kind: Literal["file", "dir"], option: str = "--out"
                      ) -> Path:
    """Check that ``path`` can be written as a ``kind`` (file or folder); return it as a Path.

    The nearest existing ancestor must be a folder in which a file can actually be created (a
    probe file is created and removed: permission bits alone do not tell, e.g. for ``/proc`` or a
    read-only mount); an existing ``path`` must be of the right kind.

    Parameters
    ----------
    path
        The target.
    kind
        ``"file"`` (written in place or replaced) or ``"dir"`` (created or replaced whole).
    option
        The option named in the error message.

    Raises
    ------
    InputError
        The path cannot be written, naming it and the reason.
    """
    target = Path(path).expanduser()
    if target.exists():
        if kind == "dir" and not target.is_dir():
            raise InputError(f"{option} {str(path)!r}: expected a folder, found a file")
        if kind == "file" and target.is_dir():
            raise InputError(f"{option} {str(path)!r}: expected a file name, found a folder")
    parent = target.absolute().parent
    ancestor = parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise InputError(f"{option} {str(path)!r}: {str(ancestor)!r} is a file, not a folder")
    try:
        fd, probe = tempfile.mkstemp(prefix=".tlev-probe-", dir=ancestor)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"{option} {str(path)!r}: cannot write in {str(ancestor)!r} ({reason})") from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)
    return target
