"""Where the toolkit keeps things on disk.

``TLEV_HOME`` (or ``home`` in the config file, :mod:`treasury_leverage.settings`) overrides
everything (tests and portable installs); otherwise the platform's user data and cache folders
(platformdirs) are used. The bundled snapshot lives inside the package.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["cache_dir", "snapshot_dir", "user_store_dir"]

_APP = "treasury-leverage"


def _home() -> Path | None:
    from treasury_leverage.settings import get_settings

    return get_settings().home


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
    from treasury_leverage.settings import get_settings

    override = get_settings().snapshot
    if override is not None:
        return override
    return Path(__file__).resolve().parent / "snapshot"
