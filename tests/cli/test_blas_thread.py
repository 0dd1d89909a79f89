"""The ``tlev`` process runs with one BLAS thread unless the user chose, set before NumPy is imported."""

from __future__ import annotations

import os
import subprocess
import sys

from treasury_leverage._workers import BLAS_THREAD_VARS

_PROBE = ("import sys, os; import treasury_leverage.cli; "
          "print('numpy' in sys.modules, os.environ.get('OPENBLAS_NUM_THREADS')); "
          "import treasury_leverage.cli.main, numpy; print(os.environ.get('OPENBLAS_NUM_THREADS'))")


def _probe(env: dict[str, str]) -> list[str]:
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_the_command_sets_one_blas_thread_before_numpy_is_imported() -> None:
    env = {k: v for k, v in os.environ.items() if k not in BLAS_THREAD_VARS}
    # importing the command package imports no NumPy, and leaves one thread set for when it is
    assert _probe(env) == ["False", "1", "1"]


def test_a_users_blas_threads_are_kept() -> None:
    env = {k: v for k, v in os.environ.items() if k not in BLAS_THREAD_VARS}
    assert _probe({**env, "OPENBLAS_NUM_THREADS": "2"}) == ["False", "2", "2"]
