"""The Redis client the store and the gate talk through, made to fail fast.

redis-py retries a failed command with backoff by default (seconds, per command); a store or a
gate that degrades to this process while Redis is away wants to know at once instead.
"""

from __future__ import annotations

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from async_spotify.spotify_errors import InvalidInputError


def connect(url: str | aioredis.Redis, socket_timeout: float) -> tuple[aioredis.Redis, bool]:
    """The client for ``url`` (and True: ours to close), or the caller's client (and False)."""
    if isinstance(url, aioredis.Redis):
        return url, False
    if not isinstance(url, str):
        raise InvalidInputError(
            f"url must be a Redis URL or a redis.asyncio.Redis, not {type(url).__name__}"
        )
    client = aioredis.Redis.from_url(
        url,
        socket_timeout=socket_timeout,
        socket_connect_timeout=socket_timeout,
        retry=Retry(NoBackoff(), 0),
    )
    return client, True
