"""Virtual time for asyncio tests: an event loop whose clock moves only when every task waits.

:class:`VirtualTimeLoop` is a selector event loop whose :meth:`~VirtualTimeLoop.time` is
virtual. Every timer keeps its own deadline in the loop's heap, exactly as on a normal loop:
``asyncio.sleep``, ``asyncio.timeout``, aiohttp's request timeouts, the emulator's hangs and
latencies, the retry policy's backoff. What changes is how the loop waits. When nothing is ready
to run and no socket has anything to read or write, every task is idle: nothing can happen until
a timer fires, so the clock jumps to the earliest deadline and only the timers due then fire.
Time never accumulates as a sum of the waits: two tasks that each sleep 1 s from the same
instant both wake at +1 s, and a 0.3 s client timeout fires before a 30 s emulated hang ends,
whatever the machine's load.

Real work is never raced. Loopback I/O between a client and an emulator running in the same
loop is handed over by the kernel before ``send()`` returns, so a request in flight shows up as
a readable socket and keeps the clock still; work handed to a thread (``run_in_executor``,
``getaddrinfo``) makes the loop wait for real until the thread is done. Talking to another
*process* is real time and does not belong on this loop.

A test that waits forever is caught by the loop itself: when no timer is left and nothing is
ready, no thread is working and no socket can wake it, :class:`VirtualTimeDeadlock` is raised
with the stack of every task, instead of blocking until a real timer gives up.

Tests opt in with ``@pytest.mark.virtual_time`` (or ``pytestmark``); ``tests/conftest.py``
gives them this loop through pytest-asyncio's ``pytest_asyncio_loop_factories`` hook.
"""

from __future__ import annotations

import asyncio
import io
import selectors
import socket
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from typing import Any, TypeVar, TypeVarTuple, Unpack

__all__ = ["VirtualClock", "VirtualTimeDeadlock", "VirtualTimeLoop", "running_virtual_loop"]

_T = TypeVar("_T")
_Ts = TypeVarTuple("_Ts")

#: ``tcpi_state`` of a socket whose SYN is not answered yet (``include/net/tcp_states.h``).
_TCP_SYN_SENT = 2
#: How long the loop really waits, at a time, for a handshake the kernel is retrying.
_CONNECT_POLL = 0.01
#: Where virtual time starts: a fixed value, so that every run sees the same times.
START = 1000.0


class VirtualTimeDeadlock(RuntimeError):
    """Every task waits, no timer is set and nothing outside the loop can wake it."""


class VirtualClock:
    """The loop's time: moved only by the loop, when it is idle, to the next deadline."""

    def __init__(self, start: float = START) -> None:
        self._now = start
        self._listeners: list[Callable[[float], object]] = []

    def now(self) -> float:
        """The current virtual time (seconds)."""
        return self._now

    def on_advance(self, listener: Callable[[float], object]) -> None:
        """Call ``listener(seconds)`` each time the clock moves forward by ``seconds``.

        The resilience harness hands the emulator's ``clock.advance`` here, so the emulator's
        rate-limit window and token lifetimes follow the same virtual time as the client.
        """
        if listener not in self._listeners:  # tying the same clock twice must not double it
            self._listeners.append(listener)

    def advance(self, seconds: float) -> None:
        if seconds <= 0:
            return
        self._now += seconds
        for listener in self._listeners:
            listener(seconds)


class _IdleJumpSelector(selectors.BaseSelector):
    """The loop's selector: polls without blocking, and jumps the clock when nothing is ready."""

    def __init__(self, clock: VirtualClock, threads_working: Callable[[], bool]) -> None:
        self._selector = selectors.DefaultSelector()
        self._clock = clock
        self._threads_working = threads_working

    def register(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        return self._selector.register(fileobj, events, data)

    def unregister(self, fileobj: Any) -> selectors.SelectorKey:
        return self._selector.unregister(fileobj)

    def modify(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        return self._selector.modify(fileobj, events, data)

    def get_map(self) -> Mapping[Any, selectors.SelectorKey]:
        return self._selector.get_map()

    def close(self) -> None:
        self._selector.close()

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        # ``timeout`` is the loop's: 0 when callbacks are ready, the virtual time left until the
        # earliest timer, or None when no timer is set.
        events = self._selector.select(0)
        if events or timeout == 0:
            return events
        if self._threads_working():
            # A thread wakes the loop (its self-pipe) when it is done: wait for that, really,
            # and keep the clock still meanwhile.
            return self._selector.select(None)
        if self._connecting():
            # The kernel retransmits a dropped SYN on its own, real, timer: not idle yet.
            return self._selector.select(_CONNECT_POLL)
        if timeout is None:
            raise VirtualTimeDeadlock(
                "every task is waiting, no timer is set and nothing can wake the loop:\n"
                + _task_stacks()
            )
        self._clock.advance(timeout)
        return []

    def _connecting(self) -> bool:
        """Whether a socket waits for its TCP handshake (the only loopback I/O not done at once)."""
        for key in self._selector.get_map().values():
            if key.events & selectors.EVENT_WRITE and _in_syn_sent(key.fd):
                return True
        return False


def _in_syn_sent(fd: int) -> bool:
    try:
        with socket.fromfd(fd, socket.AF_INET, socket.SOCK_STREAM) as sock:
            info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 1)
    except OSError:  # not a TCP socket (a pipe)
        return False
    return info[0] == _TCP_SYN_SENT


def _task_stacks() -> str:
    """The stack of every pending task of the running loop, for a deadlock's message."""
    out = io.StringIO()
    try:
        tasks = asyncio.all_tasks()
    except RuntimeError:  # pragma: no cover - called outside a running loop
        return "(no running loop)"
    for task in sorted(tasks, key=lambda task: task.get_name()):
        task.print_stack(limit=12, file=out)
    return out.getvalue()


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    """A selector event loop on :class:`VirtualClock` time (see the module docstring)."""

    def __init__(self) -> None:
        self.virtual_clock = VirtualClock()
        self._thread_jobs = 0
        super().__init__(_IdleJumpSelector(self.virtual_clock, lambda: self._thread_jobs > 0))

    def time(self) -> float:
        return self.virtual_clock.now()

    def run_in_executor(
        self, executor: Executor | None, func: Callable[[Unpack[_Ts]], _T], *args: *_Ts
    ) -> asyncio.Future[_T]:
        future = super().run_in_executor(executor, func, *args)
        self._thread_jobs += 1
        future.add_done_callback(self._thread_job_done)
        return future

    def _thread_job_done(self, _: asyncio.Future[Any]) -> None:
        self._thread_jobs -= 1

    async def shutdown_default_executor(self, *args: Any) -> None:
        # Joins the executor from a helper thread that wakes the loop when it is done.
        self._thread_jobs += 1
        try:
            await super().shutdown_default_executor(*args)
        finally:
            self._thread_jobs -= 1


def running_virtual_loop() -> VirtualTimeLoop:
    """The running loop, which must be a :class:`VirtualTimeLoop` (a clear error otherwise)."""
    loop = asyncio.get_running_loop()
    if not isinstance(loop, VirtualTimeLoop):
        raise RuntimeError(
            "this test needs virtual time: mark it @pytest.mark.virtual_time "
            f"(it runs on {type(loop).__name__})"
        )
    return loop
