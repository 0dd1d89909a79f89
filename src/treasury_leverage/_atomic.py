"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write_bytes"]


def atomic_write_bytes(path: Path, data: bytes, *, shared: bool = False) -> None:
    """Write ``data`` to ``path`` atomically: temporary file, ``fsync``, :func:`os.replace`.

    The temporary file is a hidden sibling (``.<name>.<random>.tmp``) in the same folder, so the
    final rename never crosses file systems; it is created by :func:`tempfile.mkstemp` and keeps
    its owner-only permissions. Its data reach the disk before the rename, so a crash leaves the
    old file or the new one complete.

    Parameters
    ----------
    path
        The file to create or replace; its folder must exist.
    data
        The complete new content.
    shared
        Give the file the permissions a plain ``open`` would (``0o666`` less the umask) instead
        of owner-only: for files meant to be read by others (charts, briefs).

    Raises
    ------
    OSError
        If the temporary file cannot be written or renamed; it is removed and ``path`` is left
        as it was.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if shared:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        # Also on KeyboardInterrupt: no stray temporary files, then re-raise.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
