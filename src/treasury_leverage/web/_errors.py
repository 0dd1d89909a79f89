"""The one exception type shared by the request helpers and the worker lanes (no import cycle)."""

from __future__ import annotations

from treasury_leverage.errors import TLError

__all__ = ["FieldError"]


class FieldError(Exception):
    """A toolkit error raised while handling one request field (``loc`` as FastAPI writes it)."""

    def __init__(self, loc: tuple[str | int, ...], error: TLError) -> None:
        self.loc = loc
        self.error = error
        super().__init__(str(error))
