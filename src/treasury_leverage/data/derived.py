"""Frames derived from a dataset vintage, kept on disk so that each process need not derive them.

Reading a dataset's Parquet files and pivoting its tidy rows wide costs 0.1-0.5 s a dataset
(pyarrow and pandas), and ``tlev brief`` needs nine of them: every process paid that again. The
wide frame depends only on the content of the vintage files served, so it is kept in the user
cache folder (:func:`treasury_leverage.data.paths.cache_dir`, ``derived/``) under a key that holds
the SHA-256 of every vintage file (from the dataset's manifest), the package version, pandas'
version and :data:`DERIVED_VERSION`:

* ``tlev data update`` writes a new vintage, hence a new key, hence a fresh derivation (the old
  file is never read again);
* each file is written atomically (:func:`treasury_leverage._atomic.atomic_write_bytes`), so a
  reader sees a whole file or none; two processes deriving the same frame at once both write
  the same bytes, the last rename wins;
* a file that cannot be read back (truncated, damaged, another format) is derived again and
  replaced; an unwritable cache folder only costs the derivation.

The key also holds the source text of the modules that derive the frame (``code`` of
:func:`frame_key`), so an edited derivation is never served from a file an older one wrote.

The format is NumPy's ``.npz`` (no pickle: ``allow_pickle=False``), one array each for the index,
the column labels, the values and the ``attrs`` (as JSON): frames with a ``DatetimeIndex``, string
or integer column labels, one numeric dtype and JSON ``attrs``, which is what the wide pivots and
the daily term-premium panel are. Anything else is derived and not kept.

:func:`treasury_leverage.data.memo.per_vintage` is the in-process counterpart: a memo keyed by
the arguments and the data vintages a function reads.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DERIVED_VERSION", "KEEP_PER_KIND", "cache_folder", "cached_frame",
    "cached_labels", "frame_key",
]

#: Bump when a derivation kept here changes (a new pivot rule, another column order): old files
#: then stop matching and are derived again.
DERIVED_VERSION: Final = 2

_log = logging.getLogger(__name__)


def cache_folder() -> Path:
    """Where derived frames are kept: ``<cache_dir>/derived`` (``TLEV_HOME`` honoured)."""
    from treasury_leverage.data.paths import cache_dir

    return cache_dir() / "derived"


def frame_key(kind: str, parts: tuple[object, ...], *, code: tuple[str, ...] = ()) -> str:
    """File name of a derived frame: ``<kind>-<sha256 of the parts and the versions>.npz``.

    Parameters
    ----------
    kind
        What the frame is (``"wide-holdings"``); letters, digits, ``-`` and ``_``.
    parts
        Everything the frame depends on: for a dataset, each vintage file's SHA-256.
    code
        Modules whose source derives the frame (``"treasury_leverage.data.api"``): their text is
        part of the key, so an edited derivation is never served from an older file.
    """
    import pandas as pd

    from treasury_leverage import __version__

    sources = [_source_digest(m) for m in code]
    text = repr((DERIVED_VERSION, __version__, pd.__version__, kind, parts, sources))
    return f"{kind}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:32]}.npz"


@functools.lru_cache(maxsize=64)
def _source_digest(module: str) -> str:
    """SHA-256 of a module's source file (read once per process; ``"?"`` if it has none)."""
    import importlib.util

    spec = importlib.util.find_spec(module)
    origin = spec.origin if spec is not None else None
    try:
        return hashlib.sha256(Path(str(origin)).read_bytes()).hexdigest() if origin else "?"
    except OSError:
        return "?"


def cached_frame(name: str, build: Callable[[], pd.DataFrame], folder: Path | None = None) -> pd.DataFrame:
    """``build()``'s frame kept in ``folder/name`` (default :func:`cache_folder`).

    Read back when the file is present and whole; otherwise built, then written atomically when
    the frame has a form the file can hold (see the module docstring). Never raises because of
    the cache: a damaged file or an unwritable folder only costs the build.

    Parameters
    ----------
    name
        File name, from :func:`frame_key`.
    build
        Derives the frame from the data.
    folder
        The cache folder.
    """
    folder = cache_folder() if folder is None else folder
    path = folder / name
    if path.is_file():
        frame = _load(path)
        if frame is not None:
            return frame
        _log.info("derived-frame cache file %s is damaged; deriving it again", path)
    frame = build()
    payload = _dump(frame)
    if payload is not None:
        from treasury_leverage._atomic import atomic_write_bytes

        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, payload)
            _prune(folder, name)
    return frame


#: Files kept per kind of derived frame (older vintages, code or versions); the oldest go first.
KEEP_PER_KIND: Final = 4


def _prune(folder: Path, name: str) -> None:
    """Remove all but the :data:`KEEP_PER_KIND` newest files of ``name``'s kind (a file still in
    use that goes only costs its derivation again)."""
    kind = name.rsplit("-", 1)[0]
    same = []
    for path in folder.glob(f"{kind}-*.npz"):
        if path.name.rsplit("-", 1)[0] == kind:
            with contextlib.suppress(OSError):
                same.append((path.stat().st_mtime_ns, path))
    for _, path in sorted(same, reverse=True)[KEEP_PER_KIND:]:
        with contextlib.suppress(OSError):
            path.unlink()


def cached_labels(
    name: str, build: Callable[[], dict[str, str]], folder: Path | None = None
) -> dict[str, str]:
    """``build()``'s mapping of strings to strings kept as JSON in ``folder/name`` (see
    :func:`cached_frame`: read back when whole, else built and written atomically)."""
    import json

    folder = cache_folder() if folder is None else folder
    path = folder / name
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(path.read_bytes())
        if isinstance(data, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
            return data
    labels = build()
    from treasury_leverage._atomic import atomic_write_bytes

    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, json.dumps(labels, sort_keys=True).encode("utf-8"))
    return labels


def _dump(frame: pd.DataFrame) -> bytes | None:
    """The ``.npz`` bytes of ``frame``, or None if it has a form the file does not hold."""
    import json

    import numpy as np
    import pandas as pd

    if not isinstance(frame.index, pd.DatetimeIndex) or frame.index.tz is not None:
        return None
    if len(set(frame.dtypes)) > 1:
        return None
    labels = list(frame.columns)
    if all(isinstance(c, str) for c in labels):
        columns = np.array(labels, dtype=str)
    elif all(isinstance(c, int | np.integer) and not isinstance(c, bool) for c in labels):
        columns = np.array(labels, dtype=np.int64)
    else:
        return None
    values = frame.to_numpy()
    if values.dtype.kind not in "fiub":
        return None
    try:
        attrs = json.dumps(frame.attrs, sort_keys=True, allow_nan=False)
        if json.loads(attrs) != frame.attrs:  # tuples, dates...: not kept exactly
            return None
    except (TypeError, ValueError):
        return None
    buf = io.BytesIO()
    np.savez(
        buf,
        index=frame.index.to_numpy(),
        names=np.array([frame.index.name or "", frame.columns.name or ""], dtype=str),
        has_names=np.array([frame.index.name is not None, frame.columns.name is not None]),
        columns=columns,
        values=values,
        attrs=np.array([attrs], dtype=str),
    )
    return buf.getvalue()


def _load(path: Path) -> pd.DataFrame | None:
    """The frame in ``path``, or None if the file is not a whole derived-frame file."""
    import json
    import zipfile

    import numpy as np
    import pandas as pd

    try:
        with np.load(path, allow_pickle=False) as data:
            index = data["index"]
            names = [str(n) if bool(has) else None
                     for n, has in zip(data["names"], data["has_names"], strict=True)]
            columns = data["columns"]
            values = data["values"]
            attrs = json.loads(str(data["attrs"][0]))
    except (OSError, ValueError, KeyError, IndexError, EOFError, zipfile.BadZipFile):
        return None
    if (index.dtype.kind != "M" or columns.dtype.kind not in "Ui" or values.ndim != 2
            or values.shape != (len(index), len(columns)) or len(names) != 2 or not isinstance(attrs, dict)):
        return None
    labels = [str(c) for c in columns] if columns.dtype.kind == "U" else [int(c) for c in columns]
    frame = pd.DataFrame(values, index=pd.DatetimeIndex(index, name=names[0]),
                         columns=pd.Index(labels, name=names[1]))
    frame.attrs.update(attrs)
    return frame
