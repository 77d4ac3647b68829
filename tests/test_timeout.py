"""No test waits forever: past the global limit it fails, showing where every task waits."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent

HANGING_SUITE = """
import asyncio


async def test_hangs():
    await asyncio.Event().wait()  # nothing ever sets it


def test_after_it_runs():
    pass
"""


def test_a_hung_test_fails_with_every_tasks_stack(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeconftest("from tests.conftest import *  # noqa: F403\n")
    pytester.makepyfile(test_hang=HANGING_SUITE)
    result = pytester.runpytest_subprocess(
        "-p", "asyncio", "-p", "no:cacheprovider", "-o", "asyncio_mode=auto", "--timeout=1"
    )
    result.assert_outcomes(passed=1, failed=1)
    output = result.outlines + result.errlines
    assert any("Timeout (>1.0s) from pytest-timeout" in line for line in output)
    # the task's own stack, not only the loop's thread sitting in select()
    assert any("test_hangs" in line and "coro=" in line for line in output), output
    assert any("await asyncio.Event().wait()" in line for line in output)
