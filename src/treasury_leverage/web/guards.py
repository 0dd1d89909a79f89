"""Small ASGI guards of the web face: HEAD on GET routes, security headers on HTML pages,
non-finite numbers refused in query strings, and file-system paths kept out of messages."""

from __future__ import annotations

import json
import os
import re
from typing import Final
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CSP", "HeadAndSecurityHeaders", "NonFiniteGuard", "csp_for_inline_scripts", "scrub_paths"]

#: Content-Security-Policy of every HTML page: everything from this server only (the dashboard's
#: scripts and the Vega bundle are served locally); inline styles for Vega's tooltips; the
#: brief's charts are inline SVG/PNG data.
CSP: Final = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
              "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
              "form-action 'self'")

_NON_FINITE: Final = re.compile(r"^[+-]?(nan|inf|infinity)$", re.IGNORECASE)
# An absolute POSIX path of two or more parts that is not part of a URL ("https://host/a/b").
_PATH: Final = re.compile(r"(?<![\w.:/~-])/(?:[^\s/'\"(),;]+/)+[^\s/'\"(),;]*")


_INLINE_SCRIPT: Final = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def csp_for_inline_scripts(html: str) -> str:
    """A CSP for a self-contained page (the brief): only its own inline scripts, by SHA-256 hash.

    The brief carries the Vega bundle and its embedding code inline (it must open offline), so
    ``'self'`` is not enough and ``'unsafe-inline'`` would allow any injected script; hashing the
    scripts the page was built with allows exactly those. Vega compiles expressions, hence
    ``'unsafe-eval'`` (as on the dashboard).
    """
    import base64
    import hashlib

    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(m.encode("utf-8")).digest()).decode() + "'"
                     for m in _INLINE_SCRIPT.findall(html)})
    return (f"default-src 'none'; script-src {' '.join(hashes) or chr(39) + 'none' + chr(39)} 'unsafe-eval'; "
            "style-src 'unsafe-inline'; img-src data: blob:; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'; form-action 'none'")


def scrub_paths(message: str) -> str:
    """``message`` with absolute file-system paths replaced by ``<path>`` (and the home folder by ``~``).

    Messages of the toolkit name the store and snapshot folders for a local user; over HTTP that
    would tell anyone the server's layout.
    """
    home = os.path.expanduser("~")
    if home and home != "/":
        message = message.replace(home, "~")
    message = re.sub(r"~(/[^\s'\"(),;]*)", "<path>", message)
    return _PATH.sub("<path>", message)


class HeadAndSecurityHeaders:
    """Answer ``HEAD`` like ``GET`` without a body, and give every HTML response a CSP.

    FastAPI registers ``GET`` routes only for ``GET`` (Starlette's plain routes add ``HEAD``);
    probes, link checkers and caches send ``HEAD`` and got 405.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                ctype = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                has_csp = any(k.lower() == b"content-security-policy" for k, _ in headers)
                if ctype.startswith(b"text/html") and not has_csp:  # routes may set a tighter one
                    headers.append((b"content-security-policy", CSP.encode()))
                headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, wrapped)


class NonFiniteGuard:
    """Refuse ``nan``, ``inf`` and ``infinity`` as query values with 422 (JSON bodies are
    validated by the pydantic models, which forbid non-finite floats)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            bad = [k for k, v in pairs if _NON_FINITE.match(v.strip())]
            if bad:
                body = json.dumps({"detail": [{
                    "loc": ["query", bad[0]], "type": "InputError",
                    "msg": f"{bad[0]}: not a finite number; expected a number such as 10 or 2.5"}]}).encode()
                await send({"type": "http.response.start", "status": 422,
                            "headers": [(b"content-type", b"application/json"),
                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
