"""Tokens and one rate limit shared by every process of an app, through Redis.

Install with ``pip install 'async-spotify[redis]'`` (redis-py's asyncio client)::

    from async_spotify.redis import RedisRateLimitGate, RedisTokenStore

    store = RedisTokenStore("redis://127.0.0.1:6379/0")
    gate = RedisRateLimitGate("redis://127.0.0.1:6379/0", app=client_id)
    client = SpotifyApiClient(flow, hold_authentication=True, token_store=store,
                              rate_limit_gate=gate)

- :class:`RedisTokenStore`: per-user tokens (``client.for_user(user_id)``), renewed once across
  every process (a Redis lock with a TTL and a fencing number), saved by compare-and-set so a
  rotated refresh token is never lost;
- :class:`RedisRateLimitGate`: one 429 pause, one rolling budget (fixed or learned) per app.

Both degrade to this process alone, with a WARNING, while Redis is unreachable, and share again
once it is back.
"""

from __future__ import annotations

from async_spotify.redis.ratelimit import RedisRateLimitGate
from async_spotify.redis.tokens import RedisTokenStore

__all__ = ["RedisRateLimitGate", "RedisTokenStore"]
