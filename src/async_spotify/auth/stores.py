"""Where a client keeps its token between runs: token stores.

A client that holds its authentication (``hold_authentication=True``) loads its token from its
store when it opens (``create_new_client``) or on first use, and saves it on every change: a new
authorization, a refresh, a renewal after a 401, an assignment. Anything with the two methods of
:class:`TokenStore` is a store (a database row, a secrets manager); two ship with the library:

- :class:`MemoryTokenStore`, the default: the token lives as long as the process. Clients that
  share one instance share their token, and renew it once between them.
- :class:`FileTokenStore`: a JSON file, readable by its owner only (mode 0600), replaced
  atomically (a temporary file, then ``os.replace``), so a crash never leaves half a token.
  Several processes on one machine can share the file safely:

  * every read and write holds a lock on a lock file beside it (``fcntl.flock``);
  * :meth:`FileTokenStore.save` re-reads the file under the lock and does not overwrite a token
    of the same authorization issued later than the one being saved: a rotated refresh token
    (PKCE refresh tokens are single use) is never replaced by the older one it superseded. A
    token of another authorization (the user logged in again) always replaces the stored one,
    even when the stored one claims a later ``activation_time`` (a clock stepped back);
  * :meth:`FileTokenStore.renewal_lock` lets one process at a time renew the token; the others
    then find the renewed token in the file instead of spending the refresh token again.

The file holds secrets (the access and refresh tokens); the store never logs or shows them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Protocol, runtime_checkable
from urllib.parse import quote

import orjson

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.spotify_errors import InvalidInputError

if sys.platform == "win32":  # pragma: no cover - the library's CI runs on POSIX
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:
                continue

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)


__all__ = [
    "FileTokenStore",
    "MemoryTokenStore",
    "SharedTokenStore",
    "TokenStore",
    "UserTokenStore",
    "UserTokenView",
    "renewal_lock",
]


@runtime_checkable
class TokenStore(Protocol):
    """Anything that can load and save a client's token."""

    async def load(self) -> SpotifyAuthorisationToken | None:
        """The saved token, or None when nothing is saved."""
        ...

    async def save(self, token: SpotifyAuthorisationToken) -> None:
        """Keep ``token`` (the client passes its own copy)."""
        ...


@runtime_checkable
class SharedTokenStore(TokenStore, Protocol):
    """A store shared between processes: it can keep the others out while one renews."""

    def renewal_lock(self) -> AbstractAsyncContextManager[None]:
        """Held while one process renews the token (load, refresh, save)."""
        ...


@runtime_checkable
class UserTokenStore(TokenStore, Protocol):
    """A store that keeps one token per user too (``client.for_user(user_id)`` needs one).

    ``user_renewal_lock(user_id)`` is held while one client renews that user's token; users
    renew independently of each other.
    """

    async def load_user(self, user_id: str) -> SpotifyAuthorisationToken | None:
        """User ``user_id``'s saved token, or None."""
        ...

    async def save_user(self, user_id: str, token: SpotifyAuthorisationToken) -> None:
        """Keep ``token`` as user ``user_id``'s (never over one issued later)."""
        ...

    def user_renewal_lock(self, user_id: str) -> AbstractAsyncContextManager[None]:
        """Held while one client renews user ``user_id``'s token."""
        ...


class UserTokenView:
    """One user's slot of a :class:`UserTokenStore`, seen as a plain (shared) token store."""

    __slots__ = ("_store", "user_id")

    def __init__(self, store: UserTokenStore, user_id: str) -> None:
        self._store = store
        self.user_id = user_id

    @property
    def store(self) -> UserTokenStore:
        """The store holding every user's token."""
        return self._store

    async def load(self) -> SpotifyAuthorisationToken | None:
        """The user's saved token, or None."""
        return await self._store.load_user(self.user_id)

    async def save(self, token: SpotifyAuthorisationToken) -> None:
        """Keep the user's token."""
        await self._store.save_user(self.user_id, token)

    def renewal_lock(self) -> AbstractAsyncContextManager[None]:
        """The user's renewal lock."""
        return self._store.user_renewal_lock(self.user_id)

    def __repr__(self) -> str:
        return f"UserTokenView({self._store!r}, user_id={self.user_id!r})"


def renewal_lock(store: TokenStore) -> AbstractAsyncContextManager[None]:
    """The store's renewal lock, or a lock that holds nothing for a store with none."""
    if isinstance(store, SharedTokenStore):
        return store.renewal_lock()
    return contextlib.nullcontext()


class MemoryTokenStore:
    """Keeps the token in memory (the default store)."""

    __slots__ = ("_renewing", "_token", "_user_locks", "_users")

    def __init__(self, token: SpotifyAuthorisationToken | None = None) -> None:
        self._token = token.copy() if token is not None else None
        self._renewing = asyncio.Lock()
        self._users: dict[str, SpotifyAuthorisationToken] = {}
        self._user_locks: dict[str, asyncio.Lock] = {}

    async def load_user(self, user_id: str) -> SpotifyAuthorisationToken | None:
        """A copy of user ``user_id``'s token, or None."""
        token = self._users.get(user_id)
        return token.copy() if token is not None else None

    async def save_user(self, user_id: str, token: SpotifyAuthorisationToken) -> None:
        """Keep a copy of ``token`` as user ``user_id``'s, unless the kept one is newer."""
        kept = self._users.get(user_id)
        if kept is None or (kept.activation_time or 0) <= (token.activation_time or 0):
            self._users[user_id] = token.copy()

    def user_renewal_lock(self, user_id: str) -> AbstractAsyncContextManager[None]:
        """Held while one of the clients sharing this store renews user ``user_id``'s token."""
        return self._user_locks.setdefault(user_id, asyncio.Lock())

    def renewal_lock(self) -> AbstractAsyncContextManager[None]:
        """Held while one of the clients sharing this store renews the token."""
        return self._renewing

    async def load(self) -> SpotifyAuthorisationToken | None:
        """A copy of the kept token, or None."""
        return self._token.copy() if self._token is not None else None

    async def save(self, token: SpotifyAuthorisationToken) -> None:
        """Keep a copy of ``token``."""
        self._token = token.copy()

    def __repr__(self) -> str:
        return f"MemoryTokenStore(holds_token={self._token is not None})"


class FileTokenStore:
    """Keeps the token in a JSON file that several processes on one machine may share."""

    __slots__ = ("_lock_path", "_path", "_renewal_path")

    def __init__(self, path: str | os.PathLike[str]) -> None:
        if not isinstance(path, str | os.PathLike):
            raise InvalidInputError(f"path must be a file path, not {type(path).__name__}")
        self._path = Path(path)
        if self._path.is_dir():
            raise InvalidInputError(
                f"path {str(self._path)!r} is a directory: a token store needs a file path, "
                f"such as {str(self._path / 'token.json')!r}"
            )
        self._lock_path = self._path.with_name(self._path.name + ".lock")
        self._renewal_path = self._path.with_name(self._path.name + ".renewal.lock")

    @property
    def path(self) -> Path:
        """The token file (users' tokens live in the folder ``<path>.users`` beside it)."""
        return self._path

    def user_store(self, user_id: str) -> FileTokenStore:
        """The store of user ``user_id``'s own file (its name is the user id, %-escaped)."""
        if not isinstance(user_id, str) or not user_id:
            raise InvalidInputError(f"user_id must be a non-empty str, not {user_id!r}")
        folder = self._path.with_name(self._path.name + ".users")
        return FileTokenStore(folder / (quote(user_id, safe="") + ".json"))

    async def load_user(self, user_id: str) -> SpotifyAuthorisationToken | None:
        """User ``user_id``'s token, or None when it has no file yet."""
        return await self.user_store(user_id).load()

    async def save_user(self, user_id: str, token: SpotifyAuthorisationToken) -> None:
        """Write user ``user_id``'s token unless its file holds one issued later."""
        await self.user_store(user_id).save(token)

    def user_renewal_lock(self, user_id: str) -> AbstractAsyncContextManager[None]:
        """Hold user ``user_id``'s renewal lock (other processes wait for that user only)."""
        return self.user_store(user_id).renewal_lock()

    async def load(self) -> SpotifyAuthorisationToken | None:
        """The token in the file, or None when there is no file yet."""
        return await asyncio.to_thread(self._load)

    async def save(self, token: SpotifyAuthorisationToken) -> None:
        """Write ``token`` unless the file already holds one issued later."""
        await asyncio.to_thread(self._save, token.to_dict())

    @contextlib.asynccontextmanager
    async def renewal_lock(self) -> AsyncIterator[None]:
        """Hold the file's renewal lock (other processes wait until it is released)."""
        # a store not yet loaded or saved may have no folder yet (a user's, on first renewal)
        self._path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self._renewal_path, os.O_RDWR | os.O_CREAT, 0o600)
        acquiring = asyncio.ensure_future(asyncio.to_thread(_lock, fd))
        try:
            await asyncio.shield(acquiring)
        except BaseException:
            # Cancelled while another process holds the lock: the thread still waits for it;
            # closing the descriptor once it has it releases it again.
            acquiring.add_done_callback(lambda _: os.close(fd))
            raise
        try:
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the lock

    def _load(self) -> SpotifyAuthorisationToken | None:
        with self._locked():
            return self._read()

    def _save(self, fields: dict[str, object]) -> None:
        with self._locked():
            current = self._read()
            if current is not None and _supersedes(current, fields):
                return
            data = orjson.dumps(fields, option=orjson.OPT_INDENT_2)
            directory = self._path.parent
            fd, temporary = tempfile.mkstemp(
                prefix=f".{self._path.name}.", suffix=".tmp", dir=directory
            )
            try:  # mkstemp creates the file readable and writable by its owner only (0600)
                with os.fdopen(fd, "wb") as file:
                    file.write(data)
                    file.flush()
                    os.fsync(file.fileno())
                os.replace(temporary, self._path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise

    def _read(self) -> SpotifyAuthorisationToken | None:
        try:
            data = self._path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise InvalidInputError(
                f"The token file {str(self._path)!r} is a directory: a token store needs a file"
            ) from None
        try:
            fields = orjson.loads(data)
        except orjson.JSONDecodeError:
            fields = None
        if not isinstance(fields, dict):
            raise InvalidInputError(
                f"The token file {str(self._path)!r} does not hold a token (a JSON object); "
                "delete it to authorize again"
            )
        try:
            return SpotifyAuthorisationToken.from_dict(fields)
        except InvalidInputError as error:
            raise InvalidInputError(
                f"The token file {str(self._path)!r} does not hold a valid token: {error.text}; "
                "delete it to authorize again"
            ) from None

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self._path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
            yield
        finally:
            os.close(fd)

    def __repr__(self) -> str:
        return f"FileTokenStore({str(self._path)!r})"


def _issued_at(fields: dict[str, object]) -> int:
    value = fields.get("activation_time")
    return value if isinstance(value, int) else 0


def _supersedes(current: SpotifyAuthorisationToken, fields: dict[str, object]) -> bool:
    """Whether the stored token must be kept over the one being saved: it belongs to the same
    authorization (or either says nothing of its authorization) and was issued later."""
    saved_for = fields.get("authorization_id")
    if saved_for is not None and current.authorization_id not in (None, saved_for):
        return False  # a new authorization replaces whatever the store held
    return (current.activation_time or 0) > _issued_at(fields)
