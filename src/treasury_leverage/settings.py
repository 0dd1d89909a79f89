"""Settings from the environment and a config file, read in one place (pydantic-settings).

Sources, highest first: environment variables (``TLEV_HOME``, ``TLEV_SNAPSHOT``, ``TLEV_OFFLINE``,
``FRED_API_KEY``), then the TOML config file ``config.toml`` in the user config folder
(platformdirs; e.g. ``~/.config/treasury-leverage/config.toml`` on Linux; ``TLEV_CONFIG`` names
another file), then the defaults. Keys in the file are the field names::

    home = "~/tlev"
    offline = true
    fred_api_key = "..."

An empty variable counts as unset, as it always has.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

__all__ = ["Settings", "config_path", "get_settings"]

_APP = "treasury-leverage"
_ENV_NAMES = ("TLEV_HOME", "TLEV_SNAPSHOT", "TLEV_OFFLINE", "FRED_API_KEY", "TLEV_FRED_API_KEY",
              "TLEV_CONFIG")


def config_path() -> Path:
    """The config file: ``$TLEV_CONFIG``, else ``config.toml`` in the platform's user config folder."""
    override = os.environ.get("TLEV_CONFIG", "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(_APP)) / "config.toml"


class Settings(BaseSettings):
    """The toolkit's settings (see the module docstring for where each comes from).

    Attributes
    ----------
    home
        Folder of the user store and caches (default: the platform's user data and cache folders).
    snapshot
        A snapshot folder to use instead of the bundled one.
    offline
        Never touch the network.
    fred_api_key
        FRED API key (``FRED_API_KEY``); the public CSV endpoint is used without one.
    """

    model_config = SettingsConfigDict(env_prefix="TLEV_", extra="ignore")

    home: Path | None = None
    snapshot: Path | None = None
    offline: bool = False
    fred_api_key: str | None = Field(default=None,
                                     validation_alias=AliasChoices("FRED_API_KEY", "TLEV_FRED_API_KEY",
                                                                   "fred_api_key"))

    @field_validator("home", "snapshot", "fred_api_key", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: Any) -> Any:
        if isinstance(value, str):
            return value.strip() or None
        return value

    @field_validator("home", "snapshot", mode="after")
    @classmethod
    def _expand(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Environment first, then the TOML config file (no dotenv, no secrets folder)."""
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=config_path()))


_CACHE: dict[tuple[Any, ...], Settings] = {}


def get_settings() -> Settings:
    """The current settings; re-read when a variable or the config file changes (tests set them)."""
    path = config_path()
    try:
        stamp: Any = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    key = (tuple(os.environ.get(n) for n in _ENV_NAMES), str(path), stamp)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = Settings()
    return _CACHE[key]
