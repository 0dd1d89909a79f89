"""The heavy lane's queue: first come first served, and every slot comes back (timeouts and
clients that hang up while waiting included)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import anyio
import pytest

from treasury_leverage._workers import BLAS_THREAD_VARS
from treasury_leverage.web.limits import ClientGone, Limits, ProcessLane, RequestTimeout


def _nap(seconds: float, tag: int) -> int:
    """What the worker runs: time.sleep (importable in the worker), the tag added here."""
    return tag


@pytest.fixture()
def lane() -> Iterator[ProcessLane]:
    lane = ProcessLane(Limits(heavy_workers=1, max_queued_heavy=8, timeout_s=60.0))
    lane.prestart()
    lane.wait_started(120.0)
    yield lane
    lane.close()


def test_waiting_requests_are_served_in_arrival_order(lane: ProcessLane) -> None:
    done: list[int] = []

    async def main() -> None:
        async def one(tag: int) -> None:
            done.append(_nap(await lane.run(time.sleep, (0.15,), {}), tag))

        async with anyio.create_task_group() as group:
            for tag in range(5):
                group.start_soon(one, tag)
                await anyio.sleep(0.03)  # arrive in this order, all while the first still runs

    anyio.run(main)
    assert done == [0, 1, 2, 3, 4]
    assert lane._free == 1 and not lane._queue and lane.stats.completed == 5
    assert lane.stats.started == 1  # one worker served them all, none was killed
    assert lane.stats.killed == 0


def test_a_waiter_that_gives_up_leaves_the_queue_and_the_slot_comes_back(lane: ProcessLane) -> None:
    results: dict[str, object] = {}

    async def main() -> None:
        gone = False

        async def disconnected() -> bool:
            return gone

        async def first() -> None:
            results["first"] = _nap(await lane.run(time.sleep, (0.6,), {}), 1)

        async def quitter() -> None:
            try:
                _nap(await lane.run(time.sleep, (0.1,), {}, disconnected=disconnected), 2)
            except ClientGone:
                results["quitter"] = "gone"

        async def third() -> None:
            results["third"] = _nap(await lane.run(time.sleep, (0.05,), {}), 3)

        async with anyio.create_task_group() as group:
            group.start_soon(first)
            await anyio.sleep(0.05)
            group.start_soon(quitter)
            await anyio.sleep(0.05)
            group.start_soon(third)
            await anyio.sleep(0.1)
            gone = True  # the second client hangs up while it waits behind the first

    anyio.run(main)
    assert results == {"first": 1, "quitter": "gone", "third": 3}
    assert lane._free == 1 and not lane._queue and lane.stats.disconnected == 1


def test_a_waiter_past_the_deadline_times_out_and_frees_its_place() -> None:
    lane = ProcessLane(Limits(heavy_workers=1, timeout_s=0.3))
    lane.prestart()
    lane.wait_started(120.0)
    outcome: list[str] = []
    try:
        async def main() -> None:
            async def one(seconds: float) -> None:
                try:
                    _nap(await lane.run(time.sleep, (seconds,), {}), 0)
                    outcome.append("ok")
                except RequestTimeout:
                    outcome.append("timeout")

            async with anyio.create_task_group() as group:
                group.start_soon(one, 5.0)  # runs past the deadline: killed
                await anyio.sleep(0.02)
                group.start_soon(one, 0.01)  # waits behind it past its own deadline

        anyio.run(main)
    finally:
        lane.close()
    # the first runs past its deadline (killed); the second cannot start a fresh worker and finish
    # within its own 0.3 s
    assert outcome == ["timeout", "timeout"] and lane.stats.timed_out == 2
    assert lane._free == 1 and not lane._queue



def _blas_threads_in_worker() -> dict[str, str | None]:
    """What a heavy worker's BLAS thread variables are when a request runs there."""
    import os

    return {var: os.environ.get(var) for var in BLAS_THREAD_VARS}


def test_heavy_workers_run_with_one_blas_thread_even_when_the_server_did_not_set_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # a server started without the CLI (uvicorn on create_app) has no thread variables; its heavy
    # workers still set them before they import NumPy (a threaded BLAS doubled a scenario's CPU)
    for var in BLAS_THREAD_VARS:
        monkeypatch.delenv(var, raising=False)
    lane = ProcessLane(Limits(heavy_workers=1, max_queued_heavy=2, timeout_s=60.0))
    try:
        async def main() -> dict[str, str | None]:
            return await lane.run(_blas_threads_in_worker, (), {})

        assert anyio.run(main) == dict.fromkeys(BLAS_THREAD_VARS, "1")
        # a user's own choice is kept
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
        lane.close()
        lane = ProcessLane(Limits(heavy_workers=1, max_queued_heavy=2, timeout_s=60.0))
        assert anyio.run(main)["OPENBLAS_NUM_THREADS"] == "2"
    finally:
        lane.close()
