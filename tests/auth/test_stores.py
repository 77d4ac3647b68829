"""Token stores: memory, and a file that several processes may share."""

from __future__ import annotations

import asyncio
import fcntl
import os
import stat
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from async_spotify import InvalidInputError, SpotifyAuthorisationToken, SpotifyError
from async_spotify.auth.stores import (
    FileTokenStore,
    MemoryTokenStore,
    SharedTokenStore,
    TokenStore,
    renewal_lock,
)

SRC = str(Path(__file__).resolve().parents[2] / "src")


def token(
    issued: int, access: str = "access-1", refresh: str | None = "refresh-1"
) -> SpotifyAuthorisationToken:
    return SpotifyAuthorisationToken(
        refresh, issued, access, expires_in=3600, scope="user-read-private", token_type="Bearer"
    )


async def test_memory_store_keeps_a_copy() -> None:
    store = MemoryTokenStore()
    assert isinstance(store, TokenStore)
    assert isinstance(store, SharedTokenStore)  # clients sharing it renew once
    assert await store.load() is None
    kept = token(100)
    await store.save(kept)
    kept.access_token = "changed-after-saving"
    loaded = await store.load()
    assert loaded == token(100)
    assert loaded is not await store.load()
    assert repr(store) == "MemoryTokenStore(holds_token=True)"


async def test_file_store_round_trip_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "tokens" / "spotify.json"  # the folder is made on first use
    store = FileTokenStore(path)
    assert isinstance(store, SharedTokenStore)
    assert await store.load() is None
    await store.save(token(100))
    assert await store.load() == token(100)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert orjson.loads(path.read_bytes()) == {
        "access_token": "access-1",
        "activation_time": 100,
        "authorization_id": None,
        "expires_in": 3600,
        "refresh_token": "refresh-1",
        "scope": "user-read-private",
        "token_type": "Bearer",
    }
    # only the token and its two lock files: no temporary file left behind
    assert sorted(p.name for p in path.parent.iterdir()) == ["spotify.json", "spotify.json.lock"]
    assert store.path == path
    assert repr(store) == f"FileTokenStore({str(path)!r})"


async def test_file_store_never_replaces_a_newer_token(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "t.json")
    await store.save(token(200, "access-new", "refresh-rotated"))
    await store.save(token(100, "access-old", "refresh-spent"))  # a stale process writes late
    assert await store.load() == token(200, "access-new", "refresh-rotated")
    await store.save(token(200, "access-same-second", "refresh-rotated"))  # not older: written
    assert (await store.load()) == token(200, "access-same-second", "refresh-rotated")
    await store.save(token(300, "access-newer", None))
    assert await store.load() == token(300, "access-newer", None)


async def test_file_store_refuses_a_file_that_is_not_a_token(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text("[1, 2")
    with pytest.raises(SpotifyError) as caught:
        await FileTokenStore(path).load()
    assert caught.value.text == (
        f"The token file {str(path)!r} does not hold a token (a JSON object); "
        "delete it to authorize again"
    )


async def test_renewal_lock_keeps_other_processes_out(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "t.json")
    lock_file = tmp_path / "t.json.renewal.lock"
    async with renewal_lock(store):
        fd = os.open(lock_file, os.O_RDWR)
        try:
            with pytest.raises(BlockingIOError):  # what another process sees meanwhile
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(fd)
    fd = os.open(lock_file, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released on exit
    finally:
        os.close(fd)


class DictStore:
    """A store of one's own, with no renewal lock."""

    def __init__(self) -> None:
        self.token: SpotifyAuthorisationToken | None = None

    async def load(self) -> SpotifyAuthorisationToken | None:
        return self.token

    async def save(self, token: SpotifyAuthorisationToken) -> None:
        self.token = token


async def test_a_store_without_a_renewal_lock_is_a_store() -> None:
    store = DictStore()
    assert isinstance(store, TokenStore)
    assert not isinstance(store, SharedTokenStore)
    async with renewal_lock(store):  # nothing to hold
        await store.save(token(1))
    assert await store.load() == token(1)


HOLD_LOCK = """
import asyncio, sys
from async_spotify.auth.stores import FileTokenStore
async def main():
    async with FileTokenStore(sys.argv[1]).renewal_lock():
        print("locked", flush=True)
        sys.stdin.readline()
asyncio.run(main())
"""


async def test_renewal_lock_waits_for_another_process(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    holder = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        HOLD_LOCK,
        str(path),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": SRC},
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert await holder.stdout.readline() == b"locked\n"
    order: list[str] = []

    async def take_lock() -> None:
        async with FileTokenStore(path).renewal_lock():
            order.append("acquired")

    taking = asyncio.ensure_future(take_lock())
    order.append("releasing")
    holder.stdin.write(b"done\n")
    await holder.stdin.drain()
    await taking
    assert await holder.wait() == 0
    assert order == ["releasing", "acquired"]


SAVE_MANY = """
import asyncio, sys
from async_spotify import SpotifyAuthorisationToken
from async_spotify.auth.stores import FileTokenStore
async def main():
    store, worker = FileTokenStore(sys.argv[1]), int(sys.argv[2])
    for issued in range(worker, 50, 2):
        await store.save(SpotifyAuthorisationToken(f"refresh-{issued}", issued, f"access-{issued}"))
        loaded = await store.load()
        assert loaded is not None and loaded.activation_time >= issued, loaded
asyncio.run(main())
"""


async def test_processes_sharing_a_file_keep_the_newest_token(tmp_path: Path) -> None:
    path = tmp_path / "shared.json"
    workers = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            SAVE_MANY,
            str(path),
            str(worker),
            env={**os.environ, "PYTHONPATH": SRC},
        )
        for worker in range(2)
    ]
    assert [await worker.wait() for worker in workers] == [0, 0]
    assert await FileTokenStore(path).load() == SpotifyAuthorisationToken(
        "refresh-49", 49, "access-49"
    )
    assert sorted(os.listdir(tmp_path)) == ["shared.json", "shared.json.lock"]


def authorized(issued: int, refresh: str, access: str) -> SpotifyAuthorisationToken:
    """A token as a new authorization (code exchange) gives it."""
    body = {"access_token": access, "refresh_token": refresh, "expires_in": 3600}
    return SpotifyAuthorisationToken.from_response(body, now=issued)


async def test_a_new_authorization_replaces_a_token_that_claims_to_be_later(
    tmp_path: Path,
) -> None:
    """The clock was stepped back: the stored token says it was issued later than the new
    authorization's. The new authorization still replaces it; a late refresh of the same
    authorization still does not."""
    store = FileTokenStore(tmp_path / "t.json")
    await store.save(authorized(5000, "refresh-of-the-old-login", "access-old"))
    fresh = authorized(1000, "refresh-of-the-new-login", "access-new")
    await store.save(fresh)
    assert await store.load() == fresh

    refreshed = SpotifyAuthorisationToken.from_response(
        {"access_token": "access-refreshed", "expires_in": 3600},
        previous_refresh_token=fresh.refresh_token,
        authorization_id=fresh.authorization_id,
        now=1500,
    )
    await store.save(refreshed)
    late = SpotifyAuthorisationToken.from_response(
        {"access_token": "access-late", "expires_in": 3600},
        previous_refresh_token=fresh.refresh_token,
        authorization_id=fresh.authorization_id,
        now=1200,
    )
    await store.save(late)  # a stale refresh of the same login written late: not taken
    assert await store.load() == refreshed
    assert refreshed.authorization_id == fresh.authorization_id
    assert "refresh" not in str(fresh.authorization_id)  # a digest, not the secret


async def test_a_token_file_with_fields_of_the_wrong_type_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('{"access_token": "a", "activation_time": "yesterday"}')
    with pytest.raises(InvalidInputError) as caught:
        await FileTokenStore(path).load()
    assert caught.value.text == (
        f"The token file {str(path)!r} does not hold a valid token: token field "
        "'activation_time' must be a number (seconds) or null, not a str; delete it to "
        "authorize again"
    )


def test_a_store_path_that_is_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="is a directory: a token store needs a file"):
        FileTokenStore(tmp_path)
    with pytest.raises(InvalidInputError, match="path must be a file path, not int"):
        FileTokenStore(5)  # type: ignore[arg-type]


async def test_the_renewal_locks_of_a_new_store_make_their_folders(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "new" / "token.json")
    async with store.renewal_lock():
        assert (tmp_path / "new" / "token.json.renewal.lock").exists()
    async with store.user_renewal_lock("team/alice"):  # before that user's first save
        assert (tmp_path / "new" / "token.json.users" / "team%2Falice.json.renewal.lock").exists()
    with pytest.raises(InvalidInputError, match="user_id must be a non-empty str, not ''"):
        store.user_store("")


async def test_each_users_slot_keeps_the_newest_token() -> None:
    store = MemoryTokenStore()
    await store.save_user("alice", token(200, access="newer"))
    await store.save_user("alice", token(100, access="older"))  # issued earlier: not kept
    assert await store.load_user("alice") == token(200, access="newer")
    assert await store.load_user("bob") is None
    assert await store.load() is None  # the app's own slot is another


async def test_a_token_file_replaced_by_a_directory_is_a_clear_error(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "token.json")
    await store.save(token(100))
    (tmp_path / "token.json").unlink()
    (tmp_path / "token.json").mkdir()
    with pytest.raises(InvalidInputError) as raised:
        await store.load()
    assert str(raised.value) == (
        f"The token file {str(tmp_path / 'token.json')!r} is a directory: a token store needs "
        "a file"
    )
