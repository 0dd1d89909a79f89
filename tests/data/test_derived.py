"""Derived frames kept on disk and memoised per vintage: the same numbers, fresh after a data
update, and rebuilt when a cache file is damaged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import treasury_leverage.data as tld
from treasury_leverage.data import api, derived
from treasury_leverage.data.memo import per_vintage
from treasury_leverage.data.paths import user_store_dir
from treasury_leverage.data.store import Store


def _frame() -> pd.DataFrame:
    idx = pd.DatetimeIndex(["2024-01-31", "2024-02-29", "2024-03-31"], name="date")
    out = pd.DataFrame({"a": [1.0, np.nan, 3.5], "b|x": [0.1, 0.2, -0.3]}, index=idx)
    out.attrs.update(unit="percent", note="kept")
    return out


class _Builder:
    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame, self.calls = frame, 0

    def __call__(self) -> pd.DataFrame:
        self.calls += 1
        return self.frame.copy()


def test_a_derived_frame_is_read_back_exactly_and_not_rebuilt(tmp_path: Path) -> None:
    build = _Builder(_frame())
    name = derived.frame_key("demo", ("v1",))
    first = derived.cached_frame(name, build, tmp_path)
    second = derived.cached_frame(name, build, tmp_path)
    assert build.calls == 1  # the second came from the file
    pd.testing.assert_frame_equal(second, first)
    assert second.attrs == {"unit": "percent", "note": "kept"}
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left behind
    # integer column labels with a name (the zero-curve panels) survive too
    ints = pd.DataFrame(np.arange(6.0).reshape(3, 2), index=_frame().index,
                        columns=pd.Index([1, 120], name="maturity_months"))
    derived.cached_frame("ints.npz", _Builder(ints), tmp_path)
    pd.testing.assert_frame_equal(derived.cached_frame("ints.npz", _Builder(ints.iloc[:0]), tmp_path), ints)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_a_damaged_cache_file_is_rebuilt_and_replaced(tmp_path: Path, damage: str) -> None:
    build = _Builder(_frame())
    name = derived.frame_key("demo", ("v1",))
    derived.cached_frame(name, build, tmp_path)
    path = tmp_path / name
    data = path.read_bytes()
    path.write_bytes({"truncate": data[: len(data) // 2], "garbage": b"not a zip file" * 10,
                      "empty": b""}[damage])
    again = derived.cached_frame(name, build, tmp_path)
    assert build.calls == 2
    pd.testing.assert_frame_equal(again, _frame())
    assert path.read_bytes() == data  # the file is whole again


def test_frames_the_file_cannot_hold_are_built_every_time(tmp_path: Path) -> None:
    mixed = _frame().assign(text=["x", "y", "z"])  # an object column
    build = _Builder(mixed)
    derived.cached_frame("mixed.npz", build, tmp_path)
    derived.cached_frame("mixed.npz", build, tmp_path)
    assert build.calls == 2 and not any(tmp_path.iterdir())
    tupled = _frame()
    tupled.attrs["pair"] = (1, 2)  # JSON would give a list back: not kept
    derived.cached_frame("tupled.npz", _Builder(tupled), tmp_path)
    assert not any(tmp_path.iterdir())


def test_the_key_follows_the_data_the_version_and_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    key = derived.frame_key("demo", ("sha-1",), code=("treasury_leverage.data.api",))
    assert key.startswith("demo-") and key.endswith(".npz")
    assert derived.frame_key("demo", ("sha-2",), code=("treasury_leverage.data.api",)) != key
    assert derived.frame_key("demo", ("sha-1",)) != key  # the derivation's source is in the key
    monkeypatch.setattr(derived, "_source_digest", lambda module: "edited")
    assert derived.frame_key("demo", ("sha-1",), code=("treasury_leverage.data.api",)) != key
    monkeypatch.undo()
    monkeypatch.setattr(derived, "DERIVED_VERSION", derived.DERIVED_VERSION + 1)
    assert derived.frame_key("demo", ("sha-1",), code=("treasury_leverage.data.api",)) != key


def _new_process() -> None:
    """Forget every in-process memo of the accessors: only the disk cache is left."""
    api._wide_cached.cache_clear()
    api._units_cached.cache_clear()
    api._par_curve_full.cache_clear()
    api._gsw_full.cache_clear()


def test_wide_frames_from_disk_equal_a_fresh_pivot_of_the_rows() -> None:
    _new_process()
    first = tld.holdings()  # derived and written
    files = list(derived.cache_folder().glob("wide-holdings-*.npz"))
    assert len(files) == 1
    _new_process()
    from_disk = tld.holdings()
    tidy = tld.read("holdings")
    fresh = tidy.pivot(index="date", columns="series_id", values="value")
    fresh.index.name, fresh.columns.name = "date", None
    pd.testing.assert_frame_equal(from_disk, first)
    pd.testing.assert_frame_equal(from_disk, fresh, check_freq=False)
    assert from_disk.attrs == first.attrs and from_disk.attrs["dataset"] == "holdings"
    assert tld.series("DGS10").attrs["unit"] == "percent"  # the units, also kept on disk
    _new_process()
    assert tld.series("DGS10").attrs["unit"] == "percent"


def test_a_new_vintage_gives_a_fresh_wide_frame_in_a_new_process() -> None:
    _new_process()
    before = tld.holdings("japan")
    tidy = tld.read("holdings")[["date", "series_id", "value", "unit"]]
    last = before.index.max()
    revised = tidy[(tidy["series_id"] == "Japan") & (tidy["date"] == last)].assign(value=1.0)
    user = Store(user_store_dir())
    user.write("holdings", tidy, source="copy", realtime_start=dt.datetime(2026, 9, 1))
    _new_process()
    assert tld.holdings("japan").loc[last] == before.loc[last]
    user.write("holdings", revised, source="revision", realtime_start=dt.datetime(2026, 10, 1))
    _new_process()  # a process started after `tlev data update`
    after = tld.holdings("japan")
    assert after.loc[last] == 1.0 and after.attrs["origin"] == "cache"
    assert len(list(derived.cache_folder().glob("wide-holdings-*.npz"))) == 3  # snapshot, copy, revision
    # the earlier vintage is still what an earlier as_of serves
    assert tld.holdings("japan", as_of="2026-09-15").loc[last] == before.loc[last]


def test_a_damaged_wide_cache_file_is_rebuilt_from_the_data() -> None:
    _new_process()
    good = tld.par_curve(extend_with_fred=False)
    (path,) = derived.cache_folder().glob("wide-par_curve-*.npz")
    path.write_bytes(path.read_bytes()[:100])
    _new_process()
    pd.testing.assert_frame_equal(tld.par_curve(extend_with_fred=False), good)
    _new_process()
    pd.testing.assert_frame_equal(tld.par_curve(extend_with_fred=False), good)  # the rebuilt file


def test_per_vintage_memoises_per_arguments_and_data_vintage() -> None:
    calls: list[Any] = []

    @per_vintage("holdings")
    def japan_last(scale: float = 1.0, *, as_of: Any = None) -> pd.Series:
        calls.append((scale, as_of))
        return tld.holdings("japan", as_of=as_of) * scale

    first = japan_last()
    assert japan_last().equals(first) and japan_last(1.0).equals(first)
    assert len(calls) == 1
    japan_last(2.0)
    assert len(calls) == 2
    # a caller's write does not reach the memo
    mine = japan_last()
    mine.iloc[:] = -1.0
    assert japan_last().equals(first) and len(calls) == 2
    # a new vintage of the dataset gives a fresh result
    tidy = tld.read("holdings")[["date", "series_id", "value", "unit"]]
    Store(user_store_dir()).write("holdings", tidy.assign(value=tidy["value"] + 1.0), source="shifted",
                                  realtime_start=dt.datetime(2026, 9, 1))
    shifted = japan_last()
    assert len(calls) == 3 and (shifted - first).round(9).eq(1.0).all()
    # unhashable arguments run unmemoised
    japan_last([1.0])  # type: ignore[arg-type]
    japan_last([1.0])  # type: ignore[arg-type]
    assert len(calls) == 5
    japan_last.cache_clear()  # type: ignore[attr-defined]
    japan_last()
    assert len(calls) == 6


def test_only_the_newest_files_of_a_kind_are_kept(tmp_path: Path) -> None:
    import os

    names = [derived.frame_key("demo", (f"v{i}",)) for i in range(derived.KEEP_PER_KIND + 2)]
    for i, name in enumerate(names):
        derived.cached_frame(name, _Builder(_frame()), tmp_path)
        os.utime(tmp_path / name, ns=(i * 10**9, i * 10**9))  # written one second apart
    other = derived.frame_key("demo_other", ("v0",))  # another kind is left alone
    derived.cached_frame(other, _Builder(_frame()), tmp_path)
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == sorted([*names[-derived.KEEP_PER_KIND:], other])
