"""Shared fixtures: where the raw official files live, and an isolated user cache per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from treasury_leverage._workers import one_blas_thread

# The suite runs with one BLAS thread, as every process the toolkit starts does (the CLI, the web
# server's heavy workers, sweep workers; see treasury_leverage._workers): in-process results are
# compared bit for bit with a heavy worker's, and a threaded BLAS product can differ in the last bit.
# NumPy is not imported yet when this conftest is (the plugins in use do not import it).
one_blas_thread()

ROOT = Path(__file__).resolve().parents[1]
#: The raw official files (never copied into the repository; see ../shared/data/README.md).
SHARED_DATA = (ROOT.parent / "shared" / "data").resolve()
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_report_header() -> str:
    return f"raw data: {SHARED_DATA} ({'found' if SHARED_DATA.is_dir() else 'MISSING'})"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Folder of the raw official files; the suite cannot run without them."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"raw data folder {SHARED_DATA} is missing; tests need ../shared/data")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the user cache at a temporary folder so no test reads or writes ~/.local."""
    home = tmp_path_factory.mktemp("tlev-home")
    monkeypatch.setenv("TLEV_HOME", str(home))
    monkeypatch.setenv("TLEV_OFFLINE", "1")
    return home
