"""Test infrastructure shared by every test: the event loop each asyncio test runs on, the
cancellation of every task a test leaves running, and a dump of every task's stack when a test
outlives the global timeout (``timeout`` in ``pyproject.toml``)."""

from __future__ import annotations

import asyncio
import inspect
import signal
import sys
from collections.abc import AsyncIterator, Callable, Generator, Mapping
from typing import Any

import pytest
import pytest_asyncio

from tests.virtual_time import VirtualTimeLoop

VIRTUAL_TIME = "virtual_time"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{VIRTUAL_TIME}: run the test on tests.virtual_time.VirtualTimeLoop, whose clock jumps "
        "to the next deadline whenever every task waits (no real waiting, no real timer racing "
        "real work)",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if isinstance(item, pytest.Function) and inspect.iscoroutinefunction(item.obj):
            item.add_marker(pytest.mark.usefixtures(_cancel_leftover_tasks.__name__))


@pytest_asyncio.fixture
async def _cancel_leftover_tasks() -> AsyncIterator[None]:
    """Cancel, and wait for, every task the test started and left running (a background task
    of a failed test, say), after the test's other fixtures are torn down."""
    before = asyncio.all_tasks()
    yield
    current = asyncio.current_task()
    leftovers = [task for task in asyncio.all_tasks() - before if task is not current]
    for task in leftovers:
        task.cancel()
    await asyncio.gather(*leftovers, return_exceptions=True)


@pytest.hookimpl(optionalhook=True)  # pytest-asyncio >= 1.5 (the dev extra's pin) calls it
def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    if item.get_closest_marker(VIRTUAL_TIME) is not None:
        return {VIRTUAL_TIME: VirtualTimeLoop}
    return {"asyncio": asyncio.new_event_loop}


@pytest.hookimpl(wrapper=True, optionalhook=True)  # a hook of pytest-timeout, when installed
def pytest_timeout_set_timer(item: pytest.Item, settings: Any) -> Generator[None, Any, Any]:
    """Before pytest-timeout fails a hung asyncio test, print where each task is waiting (its
    own dump shows only threads, and the loop's thread is always in ``select``)."""
    result = yield
    fail = signal.getsignal(signal.SIGALRM)
    if settings.method == "signal" and callable(fail):

        def dump_tasks_then_fail(signum: int, frame: Any) -> None:
            __tracebackhide__ = True
            try:
                tasks = asyncio.all_tasks()
            except RuntimeError:  # no loop running: a synchronous test
                tasks = set()
            for task in sorted(tasks, key=lambda task: task.get_name()):
                task.print_stack(limit=20, file=sys.stderr)
            fail(signum, frame)

        signal.signal(signal.SIGALRM, dump_tasks_then_fail)
    return result
