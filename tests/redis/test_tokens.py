"""RedisTokenStore against a real redis-server: per-user keys, the renewal lock and its fencing
number, compare-and-set saves, and the degraded mode while Redis is away."""

from __future__ import annotations

import asyncio
import logging

import pytest
import redis.asyncio as aioredis

from async_spotify import SpotifyAuthorisationToken
from async_spotify.auth.stores import UserTokenStore, UserTokenView
from async_spotify.redis import RedisTokenStore
from tests.redis.server import RedisServer


def token(access: str, refresh: str, issued: int) -> SpotifyAuthorisationToken:
    return SpotifyAuthorisationToken(refresh, issued, access, expires_in=3600, scope="a b")


async def test_users_have_their_own_keys(redis_url: str) -> None:
    async with RedisTokenStore(redis_url, prefix="app1") as store:
        assert isinstance(store, UserTokenStore)
        await store.save_user("alice", token("A", "rA", 100))
        await store.save_user("bob", token("B", "rB", 100))
        await store.save(token("APP", "rAPP", 100))
        assert (await store.load_user("alice")) == token("A", "rA", 100)
        assert (await store.load_user("bob")) == token("B", "rB", 100)
        assert (await store.load()) == token("APP", "rAPP", 100)
        assert await store.load_user("carol") is None
        await store.delete_user("bob")
        assert await store.load_user("bob") is None
    raw = aioredis.Redis.from_url(redis_url)
    try:
        keys = sorted(key.decode() for key in await raw.keys("*"))
    finally:
        await raw.aclose()
    assert keys == ["app1:app:{app}:token", "app1:user:{alice}:token"]


async def test_an_older_token_never_overwrites_a_newer_one(redis_url: str) -> None:
    async with RedisTokenStore(redis_url) as store:
        await store.save_user("u", token("new", "rotated", 200))
        await store.save_user("u", token("old", "superseded", 100))
        assert (await store.load_user("u")) == token("new", "rotated", 200)


async def test_a_renewal_overtaken_by_a_later_lock_holder_cannot_save(redis_url: str) -> None:
    """A worker whose lock ran out (killed, paused) saves late: its fencing number is stale."""
    async with RedisTokenStore(redis_url) as first, RedisTokenStore(redis_url) as second:
        await first.save_user("u", token("t0", "r0", 100))
        async with first.user_renewal_lock("u"):
            raw = aioredis.Redis.from_url(redis_url)
            try:  # the TTL of first's lock runs out
                assert await raw.delete("async_spotify:tokens:user:{u}:lock") == 1
            finally:
                await raw.aclose()
            async with second.user_renewal_lock("u"):
                # the later holder's clock may even be behind: its fencing number wins
                await second.save_user("u", token("t2", "r2", 150))
            await first.save_user("u", token("t1", "r1", 300))
        assert (await first.load_user("u")) == token("t2", "r2", 150)


async def test_the_renewal_lock_keeps_other_processes_out(redis_url: str) -> None:
    async with RedisTokenStore(redis_url) as first, RedisTokenStore(redis_url) as second:
        order: list[str] = []
        held = asyncio.Event()
        release = asyncio.Event()

        async def renew_first() -> None:
            async with first.user_renewal_lock("u"):
                order.append("first in")
                held.set()
                await release.wait()
                order.append("first out")

        async def renew_second() -> None:
            await held.wait()
            async with second.user_renewal_lock("u"):
                order.append("second in")

        async def other_user() -> None:
            await held.wait()
            async with second.user_renewal_lock("someone else"):
                order.append("other user in")
            release.set()

        await asyncio.gather(renew_first(), renew_second(), other_user())
        assert order == ["first in", "other user in", "first out", "second in"]


async def test_a_user_view_is_a_shared_token_store(redis_url: str) -> None:
    async with RedisTokenStore(redis_url) as store:
        view = UserTokenView(store, "alice")
        await view.save(token("A", "rA", 100))
        assert (await store.load_user("alice")) == token("A", "rA", 100)
        async with view.renewal_lock():
            assert (await view.load()) == token("A", "rA", 100)


async def test_while_redis_is_away_the_store_answers_from_memory(
    caplog: pytest.LogCaptureFixture,
    own_redis: RedisServer,
) -> None:
    async with RedisTokenStore(own_redis.url, socket_timeout=2.0) as store:
        await store.save_user("u", token("t0", "r0", 100))
        assert (await store.load_user("u")) == token("t0", "r0", 100)
        own_redis.stop()
        with caplog.at_level(logging.WARNING, logger="async_spotify"):
            assert (await store.load_user("u")) == token("t0", "r0", 100)
            async with store.user_renewal_lock("u"):  # single flight in this process
                await store.save_user("u", token("t1", "r1", 200))
            assert (await store.load_user("u")) == token("t1", "r1", 200)
        assert store.degraded
        assert [r.getMessage() for r in caplog.records].count(
            "Redis unreachable (ConnectionError): token store 'async_spotify:tokens' "
            "answers from this process until it is back"
        ) == 1
        own_redis.start()  # an empty Redis: what was saved meanwhile is written back
        assert (await store.load_user("u")) == token("t1", "r1", 200)
        assert not store.degraded
    async with RedisTokenStore(own_redis.url) as other:
        assert (await other.load_user("u")) == token("t1", "r1", 200)
    assert "r1" not in caplog.text and "t1" not in caplog.text.split("Redis")[0]
