"""Property-based: schemathesis generates requests for every operation of the spec and sends them to
a running emulator; no answer may be a 5xx, and every documented answer must match its schema.

The emulator runs in a thread with its own event loop (schemathesis' calls are synchronous), on
loopback, in extended mode, with a token holding every scope. Generation covers valid requests
and invalid ones (schemathesis' negative mode: wrong types, out-of-range values, missing required
parameters), which must be refused with a 4xx, never a 500. Examples per operation are bounded so
the run stays well under two minutes on two cores. The spec is ``spec_validation``'s patched copy.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from async_spotify.emulator import Emulator
from tests.emulator import spec_validation as sv

schema = schemathesis.openapi.from_dict(sv.spec_dict())
EXAMPLES_PER_OPERATION = 8


class LiveEmulator:
    """An emulator serving from a background thread's event loop."""

    def __init__(self) -> None:
        self.emulator = Emulator()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def __enter__(self) -> LiveEmulator:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.emulator.start(), self._loop).result()
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.emulator.close(), self._loop).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()


@pytest.fixture(scope="module")
def live() -> Iterator[tuple[Emulator, dict[str, str]]]:
    with LiveEmulator() as running:
        emulator = running.emulator
        token = emulator.issue_user_token()["access_token"]
        yield emulator, {"Authorization": f"Bearer {token}"}
        stats = emulator.stats()
        statuses = [int(s) for counts in stats["requests"].values() for s in counts]
        assert stats["emulator_bugs"] == 0
        assert max(statuses) < 500
        # Negative generation reached the handlers' validation: plenty of 400s, not just 200s.
        assert sum(1 for status in statuses if status == 400) >= 20


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_error_and_no_schema_violation(
    case: Any, live: tuple[Emulator, dict[str, str]]
) -> None:
    emulator, headers = live
    response = case.call(base_url=emulator.base_url, headers=headers)
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:300])
    case.validate_response(
        response,
        checks=[checks.not_a_server_error, checks.response_schema_conformance],
    )
