"""One real redis-server per test session (the OS package; CI installs it), emptied per test;
and one of a test's own, for the tests that stop and start it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.redis.server import RedisServer


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    redis_server.flush()
    return redis_server.url


@pytest.fixture
def own_redis() -> Iterator[RedisServer]:
    """A redis-server of this test alone, started, which the test may stop and start again;
    closed at teardown."""
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.close()
