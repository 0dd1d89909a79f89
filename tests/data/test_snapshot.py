"""The bundled snapshot is exactly what our parsers make of the raw files, and builds safely."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from treasury_leverage.data.build import SNAPSHOT_VINTAGE, build_snapshot
from treasury_leverage.data.catalog import CATALOG
from treasury_leverage.data.paths import snapshot_dir
from treasury_leverage.data.store import Store
from treasury_leverage.errors import DataFormatError, InputError


@pytest.fixture(scope="module")
def rebuilt(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    out = tmp_path_factory.mktemp("rebuilt") / "snapshot"
    build_snapshot(shared_data, out)
    return Store(out)


#: Datasets whose values are fitted parameters that the data do not pin down on every day: compared
#: through what the data do identify (see :func:`_refit_curves`).
_FITTED: frozenset[str] = frozenset({"gsw_refit"})


def _refit_curves(frame: pd.DataFrame) -> pd.DataFrame:
    """The zero curves (percent, 1..30 years) and fit errors a ``gsw_refit`` frame implies.

    On nearly flat days the Svensson parameters are not identified (large offsetting BETA2/BETA3
    reproduce the same curve), so two builds whose least-squares paths differ in the last bits
    (another BLAS, another CPU) may return other parameters for the same curve. The curve is what
    the refit recovers (SVENY to four decimals); that is what must equal the bundled copy.
    """
    from treasury_leverage.curves.svensson import svensson_zero

    wide = frame.pivot(index="date", columns="series_id", values="value").sort_index()
    n = np.arange(1.0, 31.0)
    params = ("BETA0", "BETA1", "BETA2", "BETA3", "TAU1", "TAU2")
    zero = svensson_zero(n, *(wide[c].to_numpy() for c in params))
    out = pd.DataFrame(zero, index=wide.index, columns=[f"Z{int(m):02d}" for m in n])
    out["FIT_RMSE_BP"] = wide["FIT_RMSE_BP"].to_numpy()
    return out


def test_committed_snapshot_equals_a_fresh_build(rebuilt: Store) -> None:
    """Fails when a parser changed and nobody re-ran `tlev data build-snapshot`."""
    bundled = Store(snapshot_dir(), read_only=True)
    assert bundled.datasets() == sorted(CATALOG)
    for name in CATALOG:
        old, new = bundled.read(name), rebuilt.read(name)
        if name in _FITTED:
            # Same days and series; the curves equal to 0.01 bp (the SVENY rounding) and the
            # fit errors to 0.01 bp.
            assert old[["date", "series_id"]].equals(new[["date", "series_id"]]), name
            a, b = _refit_curves(old), _refit_curves(new)
            pd.testing.assert_frame_equal(a.drop(columns="FIT_RMSE_BP"), b.drop(columns="FIT_RMSE_BP"),
                                          check_exact=False, rtol=0.0, atol=1e-4, obj=name)  # percent
            pd.testing.assert_series_equal(a["FIT_RMSE_BP"], b["FIT_RMSE_BP"], check_exact=False,
                                           rtol=0.0, atol=1e-2, obj=name)  # bp
            continue
        pd.testing.assert_frame_equal(old, new, obj=name)


def test_manifest_records_sources_ranges_and_checksums(shared_data: Path) -> None:
    manifest = json.loads((snapshot_dir() / "MANIFEST.json").read_text())
    assert manifest["vintage"] == SNAPSHOT_VINTAGE.isoformat()
    entry = manifest["datasets"]["holdings"]
    assert entry["last_date"] == "2025-12-31" and entry["first_date"] == "2000-03-31"
    raw = entry["raw_files"][0]
    import hashlib

    assert raw["sha256"] == hashlib.sha256((shared_data / raw["file"]).read_bytes()).hexdigest()
    payload = (snapshot_dir() / entry["file"]).read_bytes()
    assert hashlib.sha256(payload).hexdigest() == entry["sha256"]


def test_a_mutated_raw_file_fails_the_build_and_keeps_the_old_snapshot(
    shared_data: Path, tmp_path: Path, rebuilt: Store
) -> None:
    raw = tmp_path / "raw"
    (raw / "tic").mkdir(parents=True)
    text = (shared_data / "tic" / "mfhhis01.txt").read_text()
    # Japan's Dec-2025 value changed: the block's countries no longer add up to the Grand Total.
    (raw / "tic" / "mfhhis01.txt").write_text(text.replace("Japan\t1185.5", "Japan\t1985.5", 1))
    target = Path(rebuilt.root)
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    with pytest.raises(DataFormatError, match=r"mfhhis01\.txt"):
        build_snapshot(raw, target, datasets=["holdings"])
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".snapshot")]


def test_missing_raw_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        build_snapshot(tmp_path / "nowhere", tmp_path / "out")
