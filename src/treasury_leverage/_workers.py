"""Set-up of the processes the toolkit starts: kept import-free so that it runs before NumPy is imported.

The toolkit's numerics run with one BLAS thread in every process it starts (the ``tlev`` command,
the web server's heavy workers, sweep workers), unless the user set the thread variables: the
engine's matrices are small, so OpenBLAS's extra threads add no speed, and they spin while they
wait, which doubled the CPU seconds of a scenario (21 ms with one thread, 45-51 ms with two, on
2 cores) and halved the throughput of a loaded server or sweep. One thread everywhere also makes
every face compute the same floating-point operations in the same order.

A pool's initializer or a process's target is unpickled, hence its module imported, in the new
process before any task; a module that imported NumPy (as :mod:`treasury_leverage.scenario`
does) would start OpenBLAS with its default thread count before the initializer could change it.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

__all__ = ["BLAS_THREAD_VARS", "one_blas_thread", "process_pool", "run_with_one_blas_thread"]

#: The BLAS thread variables a toolkit process sets to 1 unless the user set them (Dask's nanny does
#: the same for its workers): N worker processes each with N BLAS threads oversubscribe the cores,
#: and OpenBLAS threads spin while they wait for one.
BLAS_THREAD_VARS: Final = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread() -> dict[str, str | None]:
    """Worker initializer: one BLAS thread per worker process, unless the user chose otherwise.

    Returns the variables as set, and ``numpy_already_imported`` (``"yes"`` if NumPy was imported
    before this ran, when setting them is too late).
    """
    for var in BLAS_THREAD_VARS:
        os.environ.setdefault(var, "1")
    out: dict[str, str | None] = {var: os.environ.get(var) for var in BLAS_THREAD_VARS}
    out["numpy_already_imported"] = "yes" if "numpy" in sys.modules else None
    return out


def run_with_one_blas_thread(target: str, /, *args: Any) -> None:
    """Process entry point: :func:`one_blas_thread`, then ``target(*args)``.

    Parameters
    ----------
    target
        ``"package.module:function"``, imported only after the thread variables are set (a
        function object would be unpickled, importing its module and NumPy, too early).
    *args
        The function's arguments (picklable).
    """
    import importlib

    one_blas_thread()
    module, _, name = target.partition(":")
    getattr(importlib.import_module(module), name)(*args)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` worker processes, each with one BLAS thread (:func:`one_blas_thread`).

    The processes start clean (``forkserver`` where the platform has it, else ``spawn``): forking
    a process that already runs threads (pyarrow's, BLAS's) is unsafe. Sweeps, the brief's chart
    renderers and the brief's game run in such pools.
    """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context(method),
                               initializer=one_blas_thread)
