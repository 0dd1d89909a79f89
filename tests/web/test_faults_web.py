"""Fault injection on the web face (issue 18, items 2, 3 and 13): a burst of heavy requests whose
clients hang up, on a real server on loopback; hostile hosts, NaN, HEAD, CSP, paths in messages.

No timing is asserted: the burst test asserts that the light requests succeeded throughout and
that every worker process that ran a disconnected request was killed (the latencies, memory and
CPU figures are measured by ``benchmarks/bench_reliability.py``)."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from treasury_leverage.web import Limits, create_app
from treasury_leverage.web.guards import CSP, scrub_paths
from treasury_leverage.web.limits import server_config

pytestmark = pytest.mark.faults

HEAVY_SPEC = {"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 300, "days": 504}}], "draws": 20_000}


class _Server:
    def __init__(self, limits: Limits) -> None:
        import uvicorn

        self.app = create_app(limits=limits)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        self.server = uvicorn.Server(server_config(self.app, host="127.0.0.1", port=self.port, limits=limits,
                                                   log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> _Server:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.server.started
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(30)


def _post_and_hang_up(port: int, body: bytes, hold_s: float) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"POST /api/scenario HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        time.sleep(hold_s)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (killed, not yet reaped) no longer runs.
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except OSError:
        return False


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    limits = Limits(timeout_s=60.0, heavy_workers=2, max_queued_heavy=4)
    with _Server(limits) as srv:
        yield srv


def test_issue2_3_burst_of_heavy_requests_with_disconnects(server: _Server) -> None:
    base = f"http://127.0.0.1:{server.port}"
    with httpx.Client(base_url=base, timeout=30) as c:
        assert c.get("/api/holders", params={"top": 3}).status_code == 200  # warm the data
        body = json.dumps(HEAVY_SPEC).encode()
        seen_pids: set[int] = set()
        clients = [threading.Thread(target=_post_and_hang_up, args=(server.port, body, 1.5))
                   for _ in range(20)]
        for t in clients:
            t.start()
            time.sleep(0.1)
            seen_pids.update(server.app.state.lane.pids)
        light = []
        while any(t.is_alive() for t in clients):
            light.append(c.get("/api/holders", params={"top": 3}).status_code)
            seen_pids.update(server.app.state.lane.pids)
        for t in clients:
            t.join()
        assert light and all(code == 200 for code in light)
        lane = server.app.state.lane
        deadline = time.monotonic() + 30  # liveness bound, not a timing assertion
        while (lane._busy or lane._waiting) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not lane._busy and not lane._waiting
        stats = lane.stats
        assert stats.disconnected >= 1 and stats.killed >= 1
        assert stats.completed == 0  # nothing computed to the end for a client that was gone
        # Every worker that ran a request was killed, none is left computing (liveness bound).
        killed = seen_pids - set(lane.pids)
        while any(_alive(pid) for pid in killed) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert seen_pids and not any(_alive(pid) for pid in killed)
        assert c.get("/api/holders", params={"top": 3}).status_code == 200


def test_issue2_heavy_timeout_kills_the_worker() -> None:
    app = create_app(limits=Limits(timeout_s=1.0, heavy_workers=1))
    with TestClient(app) as c:
        res = c.post("/api/scenario", json=HEAVY_SPEC)
        assert res.status_code == 503 and res.headers["retry-after"]
        lane = app.state.lane
        assert lane.stats.timed_out == 1 and lane.stats.killed == 1 and not lane._busy
        assert c.get("/api/holders", params={"top": 1}).status_code == 200


def test_issue2_heavy_memory_share_kills_the_worker() -> None:
    # A budget far below what the engine needs: the worker is killed, the answer is a 503.
    app = create_app(limits=Limits(timeout_s=120.0, heavy_workers=1, memory_budget_bytes=60 << 20))
    with TestClient(app) as c:
        res = c.post("/api/scenario", json=HEAVY_SPEC)
        assert res.status_code == 503 and "memory budget" in res.json()["detail"]
        assert app.state.lane.stats.over_memory == 1 and not app.state.lane._busy


def test_heavy_lane_answers_and_keeps_the_worker(client: TestClient) -> None:
    spec = {"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 10, "days": 5}}], "draws": 0}
    first = client.post("/api/scenario", json=spec)
    assert first.status_code == 200
    second = client.post("/api/scenario", json=spec)
    assert second.json() == first.json()  # same worker or a fresh one: same answer
    bad = client.post("/api/scenario", json={"actors": [{"holder": "narnia", "sell": {"amount_usd_bn": 1}}]})
    assert bad.status_code == 422 and "narnia" in json.dumps(bad.json())  # errors cross the process


@pytest.mark.parametrize("payload", ['{"actors": [{"holder": "japan", "sell": {"amount_usd_bn": NaN}}]}',
                                     '{"actors": [{"holder": "japan", "sell": {"amount_usd_bn": Infinity}}]}',
                                     '{"actors": [], "overrides": {"x": -Infinity}}'])
def test_issue13_nan_in_body_is_422(client: TestClient, payload: str) -> None:
    res = client.post("/api/scenario", content=payload, headers={"content-type": "application/json"})
    assert res.status_code == 422


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-Infinity"])
def test_issue13_nan_in_query_is_422(client: TestClient, value: str) -> None:
    res = client.get("/api/impact", params={"sell": value})
    assert res.status_code == 422 and res.json()["detail"][0]["loc"] == ["query", "sell"]


def test_issue13_foreign_host_is_refused(client: TestClient) -> None:
    assert client.get("/api/status", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/api/status", headers={"host": "localhost:8000"}).status_code == 200


def test_issue13_head_works_on_get_routes(client: TestClient) -> None:
    for path in ("/", "/api/status", "/api/holders?top=2"):
        res = client.head(path)
        assert res.status_code == 200 and res.content == b""


def test_issue13_every_html_page_has_a_csp(client: TestClient) -> None:
    import base64
    import hashlib
    import re

    for path in ("/", "/docs"):
        res = client.get(path)
        assert res.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in res.headers["content-security-policy"]
    res = client.get("/api/brief/canada", params={"draws": 0})
    assert res.status_code == 200
    csp = res.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    scripts = re.findall(r"<script>(.*?)</script>", res.text, flags=re.DOTALL)
    assert scripts
    for body in scripts:  # each inline script is allowed by its hash, nothing else is
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert csp != CSP


def test_issue13_no_paths_in_messages(client: TestClient, monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Any) -> None:
    from treasury_leverage.data import api
    from treasury_leverage.errors import DataUnavailable

    def missing(name: str) -> Any:
        raise DataUnavailable(f"dataset {name!r} is neither in the user store ({tmp_path}/store) nor in the "
                              "bundled snapshot (/opt/x/site-packages/treasury_leverage/data/snapshot)")

    monkeypatch.setattr(api, "store_for", missing)
    res = client.get("/api/holders", params={"top": 3})
    assert res.status_code == 503 and res.headers["retry-after"]
    assert str(tmp_path) not in res.text and "/opt/" not in res.text and "<path>" in res.text


def test_scrub_paths_keeps_urls() -> None:
    msg = "GET https://ticdata.treasury.gov/a/b.txt failed; cache at /home/u/.cache/tlev/http"
    out = scrub_paths(msg)
    assert "https://ticdata.treasury.gov/a/b.txt" in out and "/home/u" not in out


def test_issue13_incomplete_headers_are_cut_off() -> None:
    limits = Limits(header_timeout_s=0.5)
    with _Server(limits) as srv, socket.create_connection(("127.0.0.1", srv.port), timeout=30) as s:
        s.sendall(b"GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
        s.settimeout(30)  # liveness bound: the server closes long before
        assert s.recv(1024) == b""  # closed by the server
