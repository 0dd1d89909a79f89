"""Set-up of worker processes (sweeps): kept import-free so that it runs before NumPy is imported.

A pool's initializer is unpickled, hence its module imported, in the new process before any task;
a module that imported NumPy (as :mod:`treasury_leverage.scenario` does) would start OpenBLAS
with its default thread count before the initializer could change it.
"""

from __future__ import annotations

import os
import sys
from typing import Final

__all__ = ["BLAS_THREAD_VARS", "one_blas_thread"]

#: The BLAS thread variables a sweep worker sets to 1 unless the user set them (Dask's nanny does
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
