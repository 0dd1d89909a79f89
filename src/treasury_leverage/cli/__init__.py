"""The ``tlev`` command line: one module per command group, all thin faces over the library.

Importing this package sets one BLAS thread for the command's process (unless the user set the
thread variables), before any command module imports NumPy: see :mod:`treasury_leverage._workers`.
"""

from treasury_leverage._workers import one_blas_thread

one_blas_thread()

__all__: list[str] = []
