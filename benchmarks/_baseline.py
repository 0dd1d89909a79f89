"""Shared by the benchmarks: a previous version of the package (a git ref) to time beside ours,
and ``tlev serve`` started from either.

``baseline_checkout(ref)`` adds a detached git worktree of ``ref`` in a temporary folder and
yields its ``src`` folder; a process started with ``PYTHONPATH=<src>`` then imports that
version of ``treasury_leverage`` (ahead of the editable install), with the same venv and data.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def baseline_checkout(ref: str | None) -> Iterator[Path | None]:
    """The ``src`` folder of a detached worktree of ``ref`` (None: no baseline), removed afterwards."""
    if ref is None:
        yield None
        return
    tmp = Path(tempfile.mkdtemp(prefix="tlev-baseline-"))
    where = tmp / "tree"
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(where), ref], check=True)
    try:
        yield where / "src"
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(where)], check=False)
        with contextlib.suppress(OSError):
            tmp.rmdir()


def env_for(src: Path | None, **extra: str) -> dict[str, str]:
    """The environment of a child process importing the package from ``src`` (None: ours)."""
    env = {**os.environ, **extra}
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(src), *filter(None, [os.environ.get("PYTHONPATH")])])
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A running ``tlev serve``."""

    name: str
    base: str
    proc: subprocess.Popen[bytes]
    log_path: Path
    log: IO[bytes]
    start_s: float = 0.0
    warm_s: float | None = None

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()

    def cpu_s(self) -> float:
        """CPU seconds of the server and its (live) children so far (Linux /proc)."""
        return _tree_cpu(self.proc.pid)


def _tree_cpu(pid: int) -> float:
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            children = [int(c) for c in f.read().split()]
    except (OSError, ValueError, IndexError):
        return total
    return total + sum(_tree_cpu(c) for c in children)


def start_server(name: str, home: Path, src: Path | None, *args: str, wait_warm: bool = True) -> Server:
    """Start ``tlev serve`` (ours when ``src`` is None) on a free port; wait until it answers and,
    for ours with ``wait_warm``, until its start-up warm-up has finished (``--profile`` log line).
    The previous version has no such line: it is waited for as the caller decides (a warm-up load)."""
    import httpx

    port = free_port()
    log_path = home / f"serve-{name}.log"
    log = log_path.open("wb")
    profile = ["--profile"] if src is None else []
    cmd = [sys.executable, "-m", "treasury_leverage.cli.main", "serve", "--host", "127.0.0.1", "--port",
           str(port), *profile, *args]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env_for(src, TLEV_HOME=str(home), TLEV_OFFLINE="1"), stdout=log,
                            stderr=subprocess.STDOUT)
    server = Server(name, f"http://127.0.0.1:{port}", proc, log_path, log)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"tlev serve ({name}) exited: {log_path.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"{server.base}/api/status", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.start_s = time.perf_counter() - t0
    if src is None and wait_warm:
        while time.monotonic() < deadline:
            if "warm-up finished" in log_path.read_text(errors="replace"):
                server.warm_s = time.perf_counter() - t0
                break
            time.sleep(0.2)
    return server


def machine() -> dict[str, Any]:
    import platform

    return {"python": platform.python_version(), "cpus": os.cpu_count(), "machine": platform.machine()}
