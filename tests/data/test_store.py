"""The vintaged store: revisions append, as-of reads replay, writes are atomic, SQL is read-only."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treasury_leverage.data.store import Store
from treasury_leverage.errors import DataFormatError, InputError, StoreError, UnknownNameError


def _frame(values: dict[tuple[str, str], float], unit: str = "USD bn") -> pd.DataFrame:
    rows = [
        {"date": pd.Timestamp(d), "series_id": s, "value": v, "unit": unit} for (d, s), v in values.items()
    ]
    return pd.DataFrame(rows)


def _snapshot_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


V1 = dt.datetime(2025, 1, 15)
V2 = dt.datetime(2025, 2, 15)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "store")
    s.write("holdings", _frame({("2024-11-30", "Japan"): 1100.0, ("2024-12-31", "Japan"): 1061.5}),
            source="tic v1", realtime_start=V1)
    return s


def test_revision_appends_a_vintage_and_as_of_replays_history(store: Store) -> None:
    report = store.write(
        "holdings",
        _frame(
            {
                ("2024-11-30", "Japan"): 1100.0,
                ("2024-12-31", "Japan"): 1062.0,
                ("2025-01-31", "Japan"): 1079.3,
            }
        ),
        source="tic v2",
        realtime_start=V2,
    )
    assert (report.new_rows, report.changed_rows, report.unchanged_rows) == (1, 1, 1)
    assert len(store.vintages("holdings")) == 2
    latest = store.read("holdings").set_index("date")["value"]
    assert latest[pd.Timestamp("2024-12-31")] == 1062.0
    assert latest[pd.Timestamp("2025-01-31")] == 1079.3
    before = store.read("holdings", as_of="2025-02-01").set_index("date")["value"]
    assert before[pd.Timestamp("2024-12-31")] == 1061.5
    assert pd.Timestamp("2025-01-31") not in before.index
    # The first vintage's file still holds the original value: nothing was overwritten.
    first = pd.read_parquet(store.root / "holdings" / store.vintages("holdings")[0].file)
    assert 1061.5 in first["value"].to_list()
    info = store.info("holdings")
    assert (info.rows, info.n_series, info.n_vintages) == (3, 1, 2)
    assert info.last_date == "2025-01-31"


def test_identical_write_adds_no_vintage(store: Store) -> None:
    report = store.write("holdings", _frame({("2024-12-31", "Japan"): 1061.5}), source="again")
    assert not report.wrote
    assert len(store.vintages("holdings")) == 1


def test_as_of_before_first_vintage_is_unavailable(store: Store) -> None:
    from treasury_leverage.errors import DataUnavailable

    with pytest.raises(DataUnavailable, match="first vintage"):
        store.read("holdings", as_of="2020-01-01")


def test_failed_manifest_write_leaves_previous_state(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _snapshot_files(store.root)
    real_replace = os.replace

    def refuse_manifest(src: str, dst: str) -> None:
        if str(dst).endswith("manifest.json"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse_manifest)
    with pytest.raises(StoreError, match="previous data are intact"):
        store.write("holdings", _frame({("2025-01-31", "Japan"): 1079.3}), source="tic v2", realtime_start=V2)
    monkeypatch.setattr(os, "replace", real_replace)
    assert _snapshot_files(store.root) == before
    assert store.read("holdings")["value"].to_list() == [1100.0, 1061.5]


def test_refused_data_write_leaves_no_temp_file(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _snapshot_files(store.root)

    def refuse(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(StoreError):
        store.write("holdings", _frame({("2025-01-31", "Japan"): 1.0}), source="x", realtime_start=V2)
    monkeypatch.undo()
    assert _snapshot_files(store.root) == before


def test_read_only_store_refuses_writes(store: Store) -> None:
    ro = Store(store.root, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        ro.write("holdings", _frame({("2025-01-31", "Japan"): 1.0}), source="x")


def test_unknown_dataset_names_close_matches(store: Store) -> None:
    with pytest.raises(UnknownNameError, match="holdings"):
        store.read("holding")


def test_malformed_frame_is_rejected_before_touching_disk(store: Store) -> None:
    before = _snapshot_files(store.root)
    dup = _frame({("2025-01-31", "Japan"): 1.0})
    with pytest.raises(DataFormatError, match="two values"):
        store.write("holdings", pd.concat([dup, dup]), source="x")
    assert _snapshot_files(store.root) == before


def test_filters_select_series_and_window(store: Store) -> None:
    store.write(
        "holdings", _frame({("2024-12-31", "China, Mainland"): 759.0}), source="v2", realtime_start=V2
    )
    got = store.read("holdings", series="China, Mainland", start="2024-12-01", end="2024-12-31")
    assert got["series_id"].unique().tolist() == ["China, Mainland"]
    assert got["value"].to_list() == [759.0]
    assert store.series_ids("holdings") == ["China, Mainland", "Japan"]


def test_sql_reads_tables_but_not_files(store: Store, tmp_path: Path) -> None:
    got = store.sql("SELECT series_id, max(value) AS v FROM holdings GROUP BY 1")
    assert got.iloc[0].to_dict() == {"series_id": "Japan", "v": 1100.0}
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    with pytest.raises(InputError, match="SQL query failed"):
        store.sql(f"SELECT * FROM read_csv_auto('{secret}')")
    with pytest.raises(InputError):
        store.sql(f"COPY holdings TO '{tmp_path / 'out.csv'}'")
    assert not (tmp_path / "out.csv").exists()


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.sampled_from(["2024-10-31", "2024-11-30", "2024-12-31"]),
                        st.floats(-1e6, 1e6, allow_nan=False), min_size=1),
        min_size=1, max_size=4,
    )
)
def test_every_vintage_is_recoverable(tmp_path_factory: pytest.TempPathFactory,
                                      vintages: list[dict[str, float]]) -> None:
    """Property: after any sequence of writes, ``as_of`` vintage k equals the cumulative state."""
    store = Store(tmp_path_factory.mktemp("prop"))
    state: dict[str, float] = {}
    expected = []
    for k, vals in enumerate(vintages):
        store.write("x", _frame({(d, "s"): v for d, v in vals.items()}), source=f"v{k}",
                    realtime_start=dt.datetime(2025, 1, 1) + dt.timedelta(days=k))
        state.update(vals)
        expected.append(dict(state))
    for k, exp in enumerate(expected):
        got = store.read("x", as_of=dt.datetime(2025, 1, 1) + dt.timedelta(days=k, hours=1))
        assert dict(zip(got["date"].dt.strftime("%Y-%m-%d"), got["value"], strict=True)) == exp
