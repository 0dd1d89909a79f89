"""Settings: environment first, then the config file, then defaults; an empty variable is unset."""

from __future__ import annotations

from pathlib import Path

import pytest

from treasury_leverage.data.paths import snapshot_dir, user_store_dir
from treasury_leverage.settings import config_path, get_settings


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in ("TLEV_HOME", "TLEV_SNAPSHOT", "TLEV_OFFLINE", "FRED_API_KEY", "TLEV_FRED_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "config.toml"
    monkeypatch.setenv("TLEV_CONFIG", str(config))
    return config


def test_config_file_is_read_and_the_environment_wins(clean_env: Path, monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    clean_env.write_text(f'home = "{tmp_path / "from-file"}"\noffline = true\nfred_api_key = "abc"\n')
    s = get_settings()
    assert s.home == tmp_path / "from-file" and s.offline is True and s.fred_api_key == "abc"
    assert user_store_dir() == tmp_path / "from-file" / "store"
    monkeypatch.setenv("TLEV_HOME", str(tmp_path / "from-env"))
    monkeypatch.setenv("FRED_API_KEY", "xyz")
    s = get_settings()
    assert s.home == tmp_path / "from-env" and s.fred_api_key == "xyz" and s.offline is True
    assert user_store_dir() == tmp_path / "from-env" / "store"


def test_empty_variables_are_unset_and_defaults_apply(clean_env: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TLEV_HOME", "  ")
    monkeypatch.setenv("TLEV_SNAPSHOT", "")
    s = get_settings()
    assert s.home is None and s.snapshot is None and s.offline is False
    assert snapshot_dir().name == "snapshot" and snapshot_dir().parent.name == "data"
    assert user_store_dir().name == "store" and "treasury-leverage" in str(user_store_dir())


def test_default_config_path_is_the_user_config_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TLEV_CONFIG", raising=False)
    path = config_path()
    assert path.name == "config.toml" and path.parent.name == "treasury-leverage"
