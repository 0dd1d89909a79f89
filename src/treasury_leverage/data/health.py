"""Is the stored data what the store wrote? Verify the user store and repair a damaged dataset.

:func:`verify` checks every dataset of the user store (manifest schema, each file present and
matching its SHA-256) and says, per dataset, what is damaged and what will happen: the public
accessors serve the bundled snapshot for a damaged dataset (see
:func:`treasury_leverage.data.api.store_for`) until :func:`repair` has dropped the damaged
vintages and, where the raw downloads are still in the disk cache, rebuilt the dataset from them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from treasury_leverage.data.store import DamagedDataset, Store

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DatasetHealth", "RepairReport", "damage_column", "repair", "verify"]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DatasetHealth:
    """What :func:`verify` found for one dataset of the user store.

    Attributes
    ----------
    dataset
        Dataset id.
    ok
        Manifest valid and every file present with its recorded SHA-256.
    problems
        One line per problem.
    served_from
        Where the accessors read the dataset now: ``cache`` (the user store), ``snapshot``
        (the user store's copy is damaged and the bundled snapshot has the dataset) or ``missing``.
    repair
        What ``tlev data repair`` would do (empty when nothing is wrong).
    """

    dataset: str
    ok: bool
    problems: tuple[str, ...] = ()
    served_from: str = "cache"
    repair: str = ""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"dataset": self.dataset, "ok": self.ok, "problems": list(self.problems),
                "served_from": self.served_from, "repair": self.repair}


@dataclass(frozen=True)
class RepairReport:
    """What :func:`repair` did to one dataset."""

    dataset: str
    dropped_vintages: tuple[str, ...] = ()
    set_aside: tuple[str, ...] = ()
    rebuilt: bool = False
    messages: tuple[str, ...] = field(default_factory=tuple)
    ok: bool = True

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"dataset": self.dataset, "ok": self.ok, "dropped_vintages": list(self.dropped_vintages),
                "set_aside": list(self.set_aside), "rebuilt": self.rebuilt, "messages": list(self.messages)}


def _user_store() -> Store:
    from treasury_leverage.data.paths import user_store_dir

    return Store(user_store_dir())


def _snapshot_has(name: str) -> bool:
    from treasury_leverage.data.paths import snapshot_dir

    return name in Store(snapshot_dir(), read_only=True)


def _plan(store: Store, name: str) -> str:
    try:
        numbers = store.damaged_vintages(name)
    except DamagedDataset:
        return "set the unreadable manifest aside (the dataset is then served from the snapshot)"
    if not numbers:
        return ""
    return (f"drop vintage {min(numbers)} and later ones, then rebuild from the raw download cache "
            "if it holds the files")


def verify(datasets: list[str] | None = None, *, store: Store | None = None) -> list[DatasetHealth]:
    """Check the user store's datasets (all it holds, or those named).

    Parameters
    ----------
    datasets
        Dataset ids; every dataset of the store when None.
    store
        The store to check; the user store by default.

    Returns
    -------
    list of DatasetHealth
        One per dataset.
    """
    st = store if store is not None else _user_store()
    names = datasets if datasets else st.datasets()
    out: list[DatasetHealth] = []
    for name in names:
        if name not in st:
            out.append(DatasetHealth(name, True, (), "snapshot" if _snapshot_has(name) else "missing"))
            continue
        problems = st.damage(name)
        if not problems:
            out.append(DatasetHealth(name, True))
            continue
        served = "snapshot" if _snapshot_has(name) else "missing"
        out.append(DatasetHealth(name, False, tuple(problems), served, _plan(st, name)))
    return out


def damage_column(names: list[str]) -> list[str]:
    """For ``tlev data status``: per dataset, "" or a one-line summary of the user store's damage."""
    st = _user_store()
    out: list[str] = []
    for name in names:
        problems = st.damage(name) if name in st else []
        out.append(f"damaged ({len(problems)} problem(s)); `tlev data repair {name}`" if problems else "")
    return out


def repair(name: str, *, store: Store | None = None, rebuild: bool = True) -> RepairReport:
    """Repair a damaged dataset: drop the damaged vintages, then rebuild from the raw cache.

    Parameters
    ----------
    name
        Dataset id.
    store
        The store to repair; the user store by default.
    rebuild
        After dropping, re-run the dataset's update offline (from the disk cache of raw
        downloads), so the latest values come back as a new vintage when the raw files are there.

    Returns
    -------
    RepairReport
        What was done; ``ok`` is False when the dataset is still damaged afterwards.
    """
    from treasury_leverage.data.catalog import dataset as lookup

    st = store if store is not None else _user_store()
    if store is None:
        name = lookup(name).id
    if name not in st:
        return RepairReport(name, messages=(f"{name}: not in the user store; the snapshot serves it",))
    messages: list[str] = []
    dropped: list[str] = []
    aside: list[str] = []
    try:
        numbers = st.damaged_vintages(name)
    except DamagedDataset:
        aside.append(st.set_aside(name))
        messages.append(f"{name}: the manifest was unreadable and has been set aside")
        numbers = []
    if not numbers and not aside:
        return RepairReport(name, messages=(f"{name}: intact, nothing to repair",))
    if numbers:
        dropped = st.drop_vintages(name, min(numbers))
        messages.append(f"{name}: dropped {len(dropped)} vintage(s) from vintage {min(numbers)} on")
    rebuilt = False
    if rebuild:
        from treasury_leverage.data.client import Fetcher
        from treasury_leverage.data.update import LIVE_DATASETS, update

        if name in LIVE_DATASETS:
            with Fetcher(offline=True) as fetcher:
                report = (update([name], fetcher=fetcher) if store is None
                          else update([name], store=st, fetcher=fetcher, baseline=None))[0]
            rebuilt = report.ok
            messages.append(f"{name}: rebuilt from the raw download cache ({report.status})" if rebuilt
                            else f"{name}: not rebuilt from the raw cache ({'; '.join(report.errors)})")
    still = st.damage(name) if name in st else []
    return RepairReport(name, tuple(dropped), tuple(aside), rebuilt, tuple(messages), ok=not still)


def health_frame(items: list[DatasetHealth]) -> pd.DataFrame:
    """The rows of ``tlev data verify``."""
    import pandas as pd

    return pd.DataFrame([
        {"dataset": h.dataset, "ok": h.ok, "served_from": h.served_from,
         "problems": "; ".join(h.problems), "repair": h.repair}
        for h in items
    ], columns=["dataset", "ok", "served_from", "problems", "repair"])
