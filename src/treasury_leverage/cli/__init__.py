"""The ``tlev`` command line: one module per command group, all thin faces over the library."""

__all__: list[str] = []
