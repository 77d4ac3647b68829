"""RedisRateLimitGate against a real redis-server: two gates stand for two processes of one app.

Waits are computed on Redis's clock; the gates' sleep records each wait and stops the test at
the first one (nothing really waits).
"""

from __future__ import annotations

import logging

import pytest
import redis.asyncio as aioredis

from async_spotify import InvalidInputError
from async_spotify.redis import RedisRateLimitGate
from async_spotify.transport.ratelimit import Gate
from tests.redis.server import RedisServer


class WouldWait(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


async def stop_at_wait(seconds: float) -> None:
    raise WouldWait(seconds)


def gate(url: str, **options: object) -> RedisRateLimitGate:
    options.setdefault("window", 10.0)
    return RedisRateLimitGate(url, app="app", sleep=stop_at_wait, **options)  # type: ignore[arg-type]


async def test_the_budget_is_shared_by_every_process(redis_url: str) -> None:
    async with gate(redis_url, budget=3) as first, gate(redis_url, budget=3) as second:
        assert isinstance(first, Gate)
        for _ in range(2):
            first.answered(await first.admit())
        second.answered(await second.admit())
        with pytest.raises(WouldWait) as waited:
            await second.admit()  # the app's 3 are spent, 2 of them by the other process
        assert 9.0 < waited.value.seconds <= 10.0
        async with gate(redis_url, budget=3) as third:  # a process that starts later
            with pytest.raises(WouldWait):
                await third.admit()


async def test_another_app_has_its_own_budget(redis_url: str) -> None:
    async with gate(redis_url, budget=1) as first:
        await first.admit()
        other = RedisRateLimitGate(redis_url, app="other", budget=1, sleep=stop_at_wait)
        async with other:
            await other.admit()


async def test_one_429_pauses_every_process(redis_url: str) -> None:
    async with gate(redis_url) as first, gate(redis_url) as second:
        refused = await first.admit()
        late = await second.admit()  # sent in the same wave
        with pytest.raises(WouldWait) as paused:
            await first.pause(4.0, refused)
        assert paused.value.seconds == pytest.approx(4.0, abs=0.1)
        with pytest.raises(WouldWait) as joined:
            await second.pause(4.0, late)  # joins the pause, does not start another
        assert joined.value.seconds <= paused.value.seconds
        with pytest.raises(WouldWait) as held:
            await second.admit()  # a new request of the other process waits too
        assert 3.0 < held.value.seconds <= 4.0


async def test_the_learned_limit_is_shared(redis_url: str) -> None:
    async with gate(redis_url) as first, gate(redis_url) as second:
        for _ in range(10):
            first.answered(await first.admit())
        for _ in range(10):
            second.answered(await second.admit())
        await second.admit()  # answers reach Redis with a process's next call; this one in flight
        assert first.limit is None  # nothing learned before a 429
        with pytest.raises(WouldWait):
            await first.pause(1.0, await first.admit())
        assert first.limit == 19  # 95 % of the 20 Spotify accepted from both processes
        with pytest.raises(WouldWait):
            await second.admit()  # still paused; it learns the limit from Redis
        assert second.limit == 19


def test_options_are_checked() -> None:
    with pytest.raises(InvalidInputError, match="app must be a non-empty str"):
        RedisRateLimitGate("redis://127.0.0.1:1/0", app="")
    with pytest.raises(InvalidInputError, match="rate_limit_budget must be a positive int"):
        RedisRateLimitGate("redis://127.0.0.1:1/0", app="a", budget=0)
    with pytest.raises(InvalidInputError, match="url must be a Redis URL"):
        RedisRateLimitGate(6379, app="a")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="prefix must be a non-empty str, not ''"):
        RedisRateLimitGate("redis://127.0.0.1:1/0", app="a", prefix="")


async def test_a_gate_on_a_callers_client_leaves_it_open(redis_url: str) -> None:
    # A client that decodes answers to str: the gate reads the limit Redis sends either way.
    client = aioredis.Redis.from_url(redis_url, decode_responses=True)
    try:
        shared = RedisRateLimitGate(client, app="app", budget=3, window=10.0, sleep=stop_at_wait)
        assert (shared.app, shared.window, shared.budget) == ("app", 10.0, 3)
        assert repr(shared) == "RedisRateLimitGate(app='app', budget=3, window=10, degraded=False)"
        async with shared:
            shared.answered(await shared.admit())
            assert shared.limit == 3
        assert await client.ping() is True  # the caller's client is the caller's to close
        keys = await client.keys("async_spotify:ratelimit:{app}:*")
        assert "async_spotify:ratelimit:{app}:answered" in keys
    finally:
        await client.aclose()


async def test_without_redis_the_gate_paces_this_process_and_recovers(
    caplog: pytest.LogCaptureFixture,
    own_redis: RedisServer,
) -> None:
    async with RedisRateLimitGate(
        own_redis.url, app="app", budget=2, window=10.0, sleep=stop_at_wait, reconnect_after=1e-6
    ) as shared:
        shared.answered(await shared.admit())
        own_redis.stop()
        with caplog.at_level(logging.WARNING, logger="async_spotify"):
            degraded = await shared.admit()
            assert shared.degraded
            shared.answered(degraded)
            shared.answered(await shared.admit())
            with pytest.raises(WouldWait):
                await shared.admit()  # the local gate holds this process to the budget
        assert "rate-limit gate of app 'app' falls back to this process alone" in caplog.text
        own_redis.start()
        with caplog.at_level(logging.WARNING, logger="async_spotify"):
            admission = await shared.admit()
        assert not shared.degraded
        assert admission.key is not None  # counted in Redis again
        assert "Redis reachable again: rate-limit gate of app 'app' shared" in caplog.text


async def test_a_429_while_redis_is_away_pauses_this_process(
    caplog: pytest.LogCaptureFixture,
    own_redis: RedisServer,
) -> None:
    async with RedisRateLimitGate(
        own_redis.url, app="app", window=10.0, sleep=stop_at_wait, reconnect_after=60
    ) as shared:
        sent = await shared.admit()  # counted in Redis
        own_redis.stop()
        with (
            caplog.at_level(logging.WARNING, logger="async_spotify"),
            pytest.raises(WouldWait) as paused,
        ):
            await shared.pause(3.0, sent)  # Redis cannot be told: the process pauses
        assert paused.value.seconds == 3.0  # the local gate waits Retry-After, no clock read
        assert shared.degraded
        assert "falls back to this process alone" in caplog.text
        shared.set_budget(1)  # the budget is the local gate's now
        assert repr(shared).endswith("budget=1, window=10, degraded=True)")
        with pytest.raises(WouldWait) as again:
            await shared.pause(2.0, await shared.admit())  # a local admission: a local pause
        assert again.value.seconds == 2.0


async def test_a_failed_redis_attempt_admits_locally_however_soon_it_may_retry(
    own_redis: RedisServer,
) -> None:
    # reconnect_after below the clock's resolution: Redis may be tried again at once. An
    # admission whose Redis attempt failed must still be admitted locally, not try again (it
    # used to spin there while Redis stayed away, whenever 1 us passed between the two lines).
    async with RedisRateLimitGate(
        own_redis.url, app="app", budget=5, window=10.0, sleep=stop_at_wait, reconnect_after=1e-300
    ) as shared:
        own_redis.stop()
        first = await shared.admit()
        second = await shared.admit()
        assert shared.degraded
        assert (first.key, second.key) == (None, None)  # the process's own gate admitted both
