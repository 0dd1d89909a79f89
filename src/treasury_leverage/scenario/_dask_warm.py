"""The Dask worker plugin warming sweep workers (imported only when Dask is used).

Dask calls :meth:`WarmWorkers.setup` on every worker of the cluster, and on each worker that
joins later, before it runs tasks: the engine is imported and the data read there once, not in
the first cell the worker happens to get.
"""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin

from treasury_leverage.scenario._warm import warm_worker

__all__ = ["WarmWorkers", "warm_report"]


class WarmWorkers(WorkerPlugin):
    """Run :func:`~treasury_leverage.scenario._warm.warm_worker` on each worker at set-up."""

    name = "tlev-warm"

    def setup(self, worker: Any) -> None:
        """Warm ``worker``; its report (or the error) is kept on it for :func:`warm_report`."""
        try:
            worker.tlev_warm_report = warm_worker()
        except Exception as exc:  # the cells report the real error, with the cell that hit it
            worker.tlev_warm_report = {"error": repr(exc)}


def warm_report(dask_worker: Any) -> dict[str, Any] | None:
    """The warm-up report of the worker this runs on (``Client.run`` passes ``dask_worker``)."""
    report: dict[str, Any] | None = getattr(dask_worker, "tlev_warm_report", None)
    return report
