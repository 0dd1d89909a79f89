"""Where the toolkit keeps things on disk.

``TLEV_HOME`` overrides everything (tests and portable installs); otherwise the platform's user
data and cache folders (platformdirs) are used. The bundled snapshot lives inside the package.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_dir", "snapshot_dir", "user_store_dir"]

_APP = "treasury-leverage"


def _home() -> Path | None:
    home = os.environ.get("TLEV_HOME", "").strip()
    return Path(home).expanduser() if home else None


def user_store_dir() -> Path:
    """Folder of the user's refreshed datasets (takes precedence over the snapshot)."""
    home = _home()
    if home is not None:
        return home / "store"
    import platformdirs

    return Path(platformdirs.user_data_dir(_APP)) / "store"


def cache_dir() -> Path:
    """Folder for HTTP caches and derived results (fitted curve panels...)."""
    home = _home()
    if home is not None:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(_APP))


def snapshot_dir() -> Path:
    """The bundled snapshot inside the installed package (``TLEV_SNAPSHOT`` overrides it)."""
    override = os.environ.get("TLEV_SNAPSHOT", "").strip()
    if override:
        return Path(override).expanduser()
    return Path(__file__).resolve().parent / "snapshot"
