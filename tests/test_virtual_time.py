"""The virtual-time loop the waiting tests run on: per-waiter deadlines, jumps only when idle."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from tests.virtual_time import START, VirtualTimeDeadlock, VirtualTimeLoop, running_virtual_loop

pytestmark = pytest.mark.virtual_time


async def test_each_sleeper_wakes_at_its_own_deadline() -> None:
    loop = running_virtual_loop()
    woke: list[tuple[str, float]] = []

    async def sleeper(name: str, seconds: float) -> None:
        await asyncio.sleep(seconds)
        woke.append((name, loop.time() - START))

    await asyncio.gather(sleeper("a", 3), sleeper("b", 1), sleeper("c", 1), sleeper("d", 2.5))
    # never a running sum (1 + 1 + 2.5 + 3): each wakes at its deadline, in deadline order
    assert woke == [("b", 1.0), ("c", 1.0), ("d", 2.5), ("a", 3.0)]
    assert loop.time() == START + 3


async def test_time_stands_still_while_a_task_can_run() -> None:
    loop = running_virtual_loop()
    for _ in range(1000):
        await asyncio.sleep(0)
    assert loop.time() == START


async def test_a_timeout_fires_before_a_longer_hang_on_loopback() -> None:
    """A server that hangs 30 s and a client timeout of 0.3 s: the timeout wins, at exactly
    0.3 s, and a request answered at once is never timed out however long it really takes."""
    loop = running_virtual_loop()

    async def handle(request: web.Request) -> web.Response:
        if request.path == "/hang":
            await asyncio.sleep(30)
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_get("/{name}", handle)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        timeout = aiohttp.ClientTimeout(total=0.3)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            for _ in range(50):
                async with session.get(server.make_url("/now")) as answer:
                    assert await answer.text() == "ok"
            assert loop.time() == START
            started = loop.time()
            with pytest.raises(asyncio.TimeoutError):
                await session.get(server.make_url("/hang"))
            assert loop.time() - started == pytest.approx(0.3)
    finally:
        await server.close()


async def test_work_in_a_thread_is_waited_for_really() -> None:
    loop = running_virtual_loop()

    def slow() -> str:
        time.sleep(0.05)
        return "done"

    async with asyncio.timeout(0.01):  # virtual: it cannot expire while the thread works
        assert await asyncio.to_thread(slow) == "done"
    assert loop.time() == START


async def test_the_clock_tells_its_listeners_how_far_it_moved() -> None:
    clock = running_virtual_loop().virtual_clock
    moves: list[float] = []
    clock.on_advance(moves.append)
    clock.on_advance(moves.append)  # the same listener twice is tied once
    await asyncio.sleep(2)
    await asyncio.gather(asyncio.sleep(0.5), asyncio.sleep(1.5))
    assert moves == [2.0, 0.5, 1.0]


def test_a_deadlock_is_raised_with_the_waiting_tasks_not_waited_out() -> None:
    loop = VirtualTimeLoop()
    try:
        never = asyncio.Event()

        async def waits_forever() -> None:
            await never.wait()

        task = loop.create_task(waits_forever(), name="waits-forever")
        with pytest.raises(VirtualTimeDeadlock, match="waits-forever") as caught:
            loop.run_until_complete(task)
        assert "waits_forever" in str(caught.value)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            loop.run_until_complete(task)
    finally:
        loop.close()


def test_threads_are_counted_until_their_future_is_done() -> None:
    loop = VirtualTimeLoop()
    release = threading.Event()
    try:

        async def main() -> list[float]:
            job = loop.run_in_executor(None, release.wait)
            timer = loop.call_later(5, release.set)  # virtual: must not fire while the thread works
            loop.call_soon(threading.Timer(0.05, release.set).start)
            await job
            timer.cancel()
            return [loop.time() - START]

        assert loop.run_until_complete(main()) == [0.0]
        loop.run_until_complete(loop.shutdown_default_executor())
    finally:
        loop.close()


#: The first test leaves a task here; the next one (pytest keeps file order) finds it cancelled.
_LEFT_RUNNING: list[asyncio.Task[None]] = []


async def test_a_task_left_running_by_a_test() -> None:
    _LEFT_RUNNING.append(asyncio.create_task(asyncio.sleep(3600), name="left-running"))


def test_is_cancelled_when_that_test_ends() -> None:
    (task,) = _LEFT_RUNNING
    assert task.cancelled()
