"""The web face: a FastAPI app (JSON API + dashboard) over the same functions as the CLI.

>>> from treasury_leverage.web import create_app
>>> app = create_app()                                   # doctest: +SKIP

``tlev serve`` runs it with uvicorn. :class:`Limits` bounds what one request may cost.
"""

from __future__ import annotations

from treasury_leverage.web.app import create_app, features
from treasury_leverage.web.limits import Limits

__all__ = ["Limits", "create_app", "features"]
