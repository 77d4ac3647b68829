"""``RedisTokenStore``: every user's token in Redis, renewed once across every process.

A web app's workers share one store: ``client.for_user(user_id)`` in any worker finds the user's
token, and when it expires exactly one worker refreshes it:

- the renewal lock is a Redis key taken with ``SET NX PX`` (a TTL: a worker killed while
  holding it blocks the others for ``lock_ttl`` seconds at most); taking it hands out a
  *fencing number* (an ``INCR``);
- a token is saved by one Lua script that compares and sets: a renewal's token is written only
  if no later renewal has taken the lock since (its fencing number is still the latest), any
  other token only if the stored one was not issued later. A refresh token rotated by a
  renewal is therefore never overwritten by the older token it replaced, whichever worker
  saves last, and whatever the workers' clocks say.

When Redis cannot be reached the store logs a WARNING and carries on with what this process
last saw: loads answer from it, saves are kept and written (through the same compare-and-set)
once Redis answers again, renewals are single flight within the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from types import TracebackType

import orjson
import redis.asyncio as aioredis
from redis.exceptions import RedisError

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.redis.connection import connect
from async_spotify.redis.scripts import ACQUIRE_LOCK, RELEASE_LOCK, SAVE_TOKEN
from async_spotify.spotify_errors import InvalidInputError, SpotifyError
from async_spotify.transport.ratelimit import check_window

__all__ = ["RedisTokenStore"]

logger = logging.getLogger("async_spotify")

#: Where the store's keys live unless ``prefix=`` says otherwise.
DEFAULT_PREFIX = "async_spotify:tokens"
# The slot of the client's own token (load/save without a user); no user id has a colon-free
# name clash with it, since user keys carry the ``user:`` segment.
_APP_SLOT = "app"


class _Slot:
    """The three keys of one token: the token hash, its renewal lock, its fencing counter."""

    __slots__ = ("fence", "lock", "name", "token")

    def __init__(self, prefix: str, name: str, tag: str) -> None:
        self.name = name
        base = f"{prefix}:{name}:{{{tag}}}"  # the hash tag keeps the three in one cluster slot
        self.token = base + ":token"
        self.lock = base + ":lock"
        self.fence = base + ":fence"


class RedisTokenStore:
    """Tokens in Redis, per user (``load_user`` / ``save_user``) and for the client itself.

    ``url`` is a Redis URL or a ``redis.asyncio.Redis`` client; ``prefix`` namespaces the keys
    (one prefix per app). ``lock_ttl`` bounds how long a renewal may hold a user's lock.
    Use it as ``token_store=`` of a client with ``hold_authentication=True``; close it with
    ``await store.aclose()`` (or ``async with``).
    """

    def __init__(
        self,
        url: str | aioredis.Redis,
        *,
        prefix: str = DEFAULT_PREFIX,
        lock_ttl: float = 20.0,
        socket_timeout: float = 1.0,
    ) -> None:
        if not isinstance(prefix, str) or not prefix:
            raise InvalidInputError(f"prefix must be a non-empty str, not {prefix!r}")
        self._lock_ttl_ms = max(1, round(check_window(lock_ttl) * 1000))
        self._redis, self._owns_redis = connect(url, socket_timeout)
        self._prefix = prefix
        self._acquire = self._redis.register_script(ACQUIRE_LOCK)
        self._release = self._redis.register_script(RELEASE_LOCK)
        self._save = self._redis.register_script(SAVE_TOKEN)
        self._owner = f"{os.getpid()}-{uuid.uuid4().hex}"
        # the fencing number of each renewal this task holds, by token key
        self._fences: contextvars.ContextVar[dict[str, int] | None] = contextvars.ContextVar(
            f"fences-{id(self)}", default=None
        )
        self._local_locks: dict[str, asyncio.Lock] = {}
        self._seen: dict[str, SpotifyAuthorisationToken] = {}
        self._unsaved: dict[str, SpotifyAuthorisationToken] = {}
        self._unsaved_fences: dict[str, str] = {}
        self._degraded = False

    @property
    def prefix(self) -> str:
        """The namespace of the store's keys."""
        return self._prefix

    @property
    def degraded(self) -> bool:
        """True while Redis is unreachable and the store answers from this process's memory."""
        return self._degraded

    # -- the client's own token (TokenStore, SharedTokenStore) --------------------------------

    async def load(self) -> SpotifyAuthorisationToken | None:
        """The client's own saved token, or None."""
        return await self._load(self._app_slot())

    async def save(self, token: SpotifyAuthorisationToken) -> None:
        """Keep the client's own token (never over one issued later or renewed since)."""
        await self._store(self._app_slot(), token)

    def renewal_lock(self) -> AbstractAsyncContextManager[None]:
        """Held while one process renews the client's own token."""
        return self._locked(self._app_slot())

    # -- per-user tokens (UserTokenStore) ----------------------------------------------------

    async def load_user(self, user_id: str) -> SpotifyAuthorisationToken | None:
        """User ``user_id``'s saved token, or None."""
        return await self._load(self._user_slot(user_id))

    async def save_user(self, user_id: str, token: SpotifyAuthorisationToken) -> None:
        """Keep user ``user_id``'s token (never over one issued later or renewed since)."""
        await self._store(self._user_slot(user_id), token)

    def user_renewal_lock(self, user_id: str) -> AbstractAsyncContextManager[None]:
        """Held while one process renews user ``user_id``'s token; others wait (TTL-bounded)."""
        return self._locked(self._user_slot(user_id))

    async def delete_user(self, user_id: str) -> None:
        """Forget user ``user_id``'s token (a user who logs out or revokes the app)."""
        slot = self._user_slot(user_id)
        self._seen.pop(slot.token, None)
        self._unsaved.pop(slot.token, None)
        await self._redis.delete(slot.token)

    # -- lifecycle -----------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Close the Redis connections (a client passed in is left open)."""
        if self._owns_redis:
            await self._redis.aclose()

    async def __aenter__(self) -> RedisTokenStore:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"RedisTokenStore(prefix={self._prefix!r}, degraded={self._degraded})"

    # -- internals -----------------------------------------------------------------------------

    def _app_slot(self) -> _Slot:
        return _Slot(self._prefix, _APP_SLOT, _APP_SLOT)

    def _user_slot(self, user_id: str) -> _Slot:
        if not isinstance(user_id, str) or not user_id:
            raise InvalidInputError(f"user_id must be a non-empty str, not {user_id!r}")
        return _Slot(self._prefix, "user", user_id)

    async def _load(self, slot: _Slot) -> SpotifyAuthorisationToken | None:
        try:
            await self._flush_unsaved()
            data = await self._redis.hget(slot.token, "token")
        except (RedisError, OSError) as error:
            self._degrade(error)
            kept = self._seen.get(slot.token)
            return kept.copy() if kept is not None else None
        self._recovered()
        if data is None:
            return None
        try:
            fields = orjson.loads(data)
        except orjson.JSONDecodeError:
            fields = None
        if not isinstance(fields, dict):
            raise SpotifyError(
                f"The Redis key {slot.token!r} does not hold a token; delete it to authorize again"
            )
        token = SpotifyAuthorisationToken.from_dict(fields)
        self._seen[slot.token] = token.copy()
        return token

    async def _store(self, slot: _Slot, token: SpotifyAuthorisationToken) -> None:
        fences = self._fences.get()
        fence = fences.get(slot.token, 0) if fences is not None else 0
        try:
            await self._flush_unsaved()
            await self._write(slot.token, slot.fence, token, fence)
        except (RedisError, OSError) as error:
            self._degrade(error)
            self._unsaved[slot.token] = token.copy()
            self._unsaved_fences[slot.token] = slot.fence
        else:
            self._recovered()
        self._seen[slot.token] = token.copy()

    async def _write(
        self, token_key: str, fence_key: str, token: SpotifyAuthorisationToken, fence: int
    ) -> bool:
        written = await self._save(
            keys=[token_key, fence_key],
            args=[orjson.dumps(token.to_dict()), token.activation_time or 0, fence],
        )
        return bool(written)

    async def _flush_unsaved(self) -> None:
        """Write what was saved while Redis was away (never over anything newer)."""
        while self._unsaved:
            key, token = next(iter(self._unsaved.items()))
            await self._write(key, self._unsaved_fences[key], token, 0)
            del self._unsaved[key]

    @contextlib.asynccontextmanager
    async def _locked(self, slot: _Slot) -> AsyncIterator[None]:
        local = self._local_locks.setdefault(slot.token, asyncio.Lock())
        async with local:  # one renewal per slot in this process; Redis keeps the others out
            fence = await self._take(slot)
            fences = dict(self._fences.get() or {})
            fences[slot.token] = fence
            reset = self._fences.set(fences)
            try:
                yield
            finally:
                self._fences.reset(reset)
                if fence:
                    with contextlib.suppress(RedisError, OSError):
                        await self._release(keys=[slot.lock], args=[self._owner])

    async def _take(self, slot: _Slot) -> int:
        """Take the slot's Redis lock (its fencing number), or 0 if Redis is away."""
        pause = 0.01
        while True:
            try:
                answer = int(
                    await self._acquire(
                        keys=[slot.lock, slot.fence], args=[self._owner, self._lock_ttl_ms]
                    )
                )
            except (RedisError, OSError) as error:
                self._degrade(error)
                return 0
            self._recovered()
            if answer > 0:
                return answer
            # held elsewhere: look again soon, never later than the holder's TTL runs out
            await asyncio.sleep(min(pause, -answer / 1000))
            pause = min(pause * 2, 0.2)

    def _degrade(self, error: BaseException) -> None:
        if not self._degraded:
            self._degraded = True
            logger.warning(
                "Redis unreachable (%s): token store %r answers from this process until it is back",
                type(error).__name__,
                self._prefix,
            )

    def _recovered(self) -> None:
        if self._degraded:
            self._degraded = False
            logger.warning("Redis reachable again: token store %r shared", self._prefix)
