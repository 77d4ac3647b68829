"""The token lifecycle with ``hold_authentication=True``, proven by what the emulator served.

Refresh shortly before expiry, and once on a 401 then replay; however many requests need a new
token at once, exactly one is asked for; client-credentials tokens are asked for again; a dead
refresh token is ``ReauthorizationRequired``; token stores are loaded and saved.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import orjson
import pytest

from async_spotify import (
    ReauthorizationRequired,
    SpotifyAuthorisationToken,
    TokenExpired,
    TokenRenewClass,
)
from async_spotify.auth.stores import FileTokenStore, MemoryTokenStore
from async_spotify.emulator import Emulator, EmulatorConfig, FaultRule
from tests.resilience.harness import (
    EmulatedTime,
    client_credentials_flow,
    grants,
    issued_token,
    pkce_flow,
    served,
    user_client,
)

pytestmark = pytest.mark.virtual_time


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator(EmulatorConfig()) as running:
        yield running


async def me_many(client: object, count: int) -> list[dict[str, object]]:
    handler = client.api_request_handler  # type: ignore[attr-defined]
    return list(await asyncio.gather(*(handler.request("GET", "/me") for _ in range(count))))


async def test_500_requests_on_an_expired_token_make_one_refresh(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    expired = issued_token(emulator, age=3700)  # the client knows it expired
    async with user_client(emulator, time.policy(), expired) as client:
        answers = await me_many(client, 500)
    assert {answer["id"] for answer in answers} == {emulator.user_id}
    assert grants(emulator) == {"refresh_token": 1}
    assert served(emulator, "POST /api/token") == {"200": 1}
    assert served(emulator, "GET /v1/me") == {"200": 500}  # no request left with the old token


async def test_500_requests_told_401_make_one_refresh_and_replay(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    token = issued_token(emulator)
    emulator.clock.advance(3601)  # Spotify says it expired; the client does not know yet
    async with user_client(emulator, time.policy(), token.copy()) as client:
        answers = await me_many(client, 500)
        assert client.spotify_authorization_token.access_token != token.access_token
    assert len(answers) == 500
    assert grants(emulator) == {"refresh_token": 1}
    assert served(emulator, "GET /v1/me") == {"401": 500, "200": 500}
    assert time.sleeps == []  # a 401 is renewed and replayed at once, not retried


async def test_refresh_shortly_before_expiry(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    almost = issued_token(emulator, age=3450)  # inside the last 200 s of its hour
    async with user_client(emulator, time.policy(), almost) as client:
        await me_many(client, 3)
        fresh = client.spotify_authorization_token
        assert fresh.refresh_token == almost.refresh_token  # not rotated without PKCE
        assert not fresh.is_expired()
    assert grants(emulator) == {"refresh_token": 1}
    assert served(emulator, "GET /v1/me") == {"200": 3}


async def test_pkce_rotation_keeps_the_new_refresh_token(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    token = issued_token(emulator, pkce=True)
    emulator.clock.advance(3601)
    client = user_client(emulator, time.policy(), token.copy(), flow=pkce_flow(emulator))
    async with client:
        await me_many(client, 20)
        rotated = client.spotify_authorization_token.refresh_token
        assert rotated != token.refresh_token
        emulator.clock.advance(3601)
        await me_many(client, 20)  # works only with the rotated one: PKCE tokens are single use
        assert client.spotify_authorization_token.refresh_token not in (rotated, None)
    assert grants(emulator) == {"refresh_token": 2}


async def test_client_credentials_are_asked_for_again(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    client = user_client(
        emulator, time.policy(), SpotifyAuthorisationToken(), flow=client_credentials_flow(emulator)
    )
    async with client:
        tracks = await asyncio.gather(
            *(client.api_request_handler.request("GET", "/markets") for _ in range(50))
        )
        emulator.clock.advance(3601)
        await asyncio.gather(
            *(client.api_request_handler.request("GET", "/markets") for _ in range(50))
        )
    assert len(tracks) == 50
    assert grants(emulator) == {"client_credentials": 2}
    assert served(emulator, "GET /v1/markets") == {"200": 100, "401": 50}


async def test_dead_refresh_token_asks_to_authorize_again(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    expired = issued_token(emulator, age=3700)
    emulator.revoke_refresh_tokens()
    async with user_client(emulator, time.policy(), expired) as client:
        results = await asyncio.gather(
            *(client.api_request_handler.request("GET", "/me") for _ in range(50)),
            return_exceptions=True,
        )
    assert {type(result) for result in results} == {ReauthorizationRequired}
    error = results[0]
    assert isinstance(error, ReauthorizationRequired)
    assert error.error == "invalid_grant"
    assert "send the user through build_authorization_url() again" in error.text
    assert served(emulator, "POST /api/token") == {"400": 1}  # one attempt for all 50
    assert served(emulator, "GET /v1/me") == {}


async def test_renew_hook_keeps_working(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    token = issued_token(emulator)
    emulator.clock.advance(3601)
    client = user_client(emulator, time.policy(), token, token_renew_instance=TokenRenewClass())
    async with client:
        answers = await me_many(client, 30)
    assert len(answers) == 30
    assert grants(emulator) == {"refresh_token": 1}


async def test_a_second_401_is_raised_not_renewed_again(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    token = issued_token(emulator)
    emulator.clock.advance(3601)

    class StaleRenew:
        """A hook that hands back the same dead token."""

        calls = 0

        async def __call__(self, client: object) -> SpotifyAuthorisationToken:
            self.calls += 1
            return token.copy()

    hook = StaleRenew()
    async with user_client(emulator, time.policy(), token, token_renew_instance=hook) as client:
        with pytest.raises(TokenExpired) as caught:
            await client.api_request_handler.request("GET", "/me")
    assert caught.value.text == "The access token expired"
    assert hook.calls == 1
    assert served(emulator, "GET /v1/me") == {"401": 2}


async def test_token_store_is_loaded_and_saved(emulator: Emulator, tmp_path: Path) -> None:
    time = EmulatedTime(emulator)
    path = tmp_path / "token.json"
    saved = issued_token(emulator)
    await FileTokenStore(path).save(saved)
    # a blank client picks the token up from the store when it opens
    client = user_client(
        emulator, time.policy(), SpotifyAuthorisationToken(), token_store=FileTokenStore(path)
    )
    async with client:
        assert client.spotify_authorization_token == saved
        emulator.clock.advance(3601)
        await me_many(client, 5)
        refreshed = client.spotify_authorization_token.copy()
    assert refreshed.access_token != saved.access_token
    stored = orjson.loads(await asyncio.to_thread(path.read_bytes))
    assert stored == refreshed.to_dict()  # saved as soon as it changed
    assert grants(emulator) == {"refresh_token": 1}


async def test_an_assigned_token_is_saved_before_the_next_request(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    store = MemoryTokenStore()
    first = issued_token(emulator)
    async with user_client(emulator, time.policy(), first, token_store=store) as client:
        assert await store.load() == first  # the constructor's token, saved on opening
        second = issued_token(emulator)
        client.spotify_authorization_token = second
        await me_many(client, 1)
        assert await store.load() == second


async def test_processes_sharing_a_file_refresh_once(emulator: Emulator, tmp_path: Path) -> None:
    # two clients stand for two processes: each has its own FileTokenStore on the same file
    time = EmulatedTime(emulator)
    path = tmp_path / "shared.json"
    token = issued_token(emulator, pkce=True)
    await FileTokenStore(path).save(token)
    emulator.clock.advance(3601)
    first = user_client(
        emulator,
        time.policy(),
        token.copy(),
        flow=pkce_flow(emulator),
        token_store=FileTokenStore(path),
    )
    second = user_client(
        emulator,
        time.policy(),
        token.copy(),
        flow=pkce_flow(emulator),
        token_store=FileTokenStore(path),
    )
    async with first, second:
        answers = await asyncio.gather(me_many(first, 20), me_many(second, 20))
        # the PKCE refresh token is single use: a second refresh would have been invalid_grant
        assert (
            first.spotify_authorization_token.refresh_token
            == second.spotify_authorization_token.refresh_token
            != token.refresh_token
        )
    assert [len(batch) for batch in answers] == [20, 20]
    assert grants(emulator) == {"refresh_token": 1}
    assert served(emulator, "POST /api/token") == {"200": 1}
    assert (await FileTokenStore(path).load()) == first.spotify_authorization_token
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"


TOKEN_ROUTE = "POST /api/token"


async def test_a_client_credentials_request_is_retried(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    emulator.faults.script(
        [
            FaultRule("status", route=TOKEN_ROUTE, status=503),
            FaultRule("reset", route=TOKEN_ROUTE),
            FaultRule("rate_limit", route=TOKEN_ROUTE, retry_after=3),
        ]
    )
    client = user_client(
        emulator, time.policy(), SpotifyAuthorisationToken(), flow=client_credentials_flow(emulator)
    )
    async with client:
        token = await client.get_auth_token_with_client_credentials()
    assert token.access_token
    assert time.sleeps == [0.25, 0.5, 3.0]
    assert served(emulator, TOKEN_ROUTE) == {"503": 1, "reset": 1, "429": 1, "200": 1}


async def test_a_refresh_answer_lost_after_it_was_applied(emulator: Emulator) -> None:
    # the lost answer carried the only copy of the rotated refresh token: the retry is refused,
    # and the user is told to authorize again (not retrying would end the same way, later)
    time = EmulatedTime(emulator)
    token = issued_token(emulator, pkce=True)
    emulator.faults.script([FaultRule("applied_then_failed", route=TOKEN_ROUTE)])
    client = user_client(emulator, time.policy(), token.copy(), flow=pkce_flow(emulator))
    async with client:
        with pytest.raises(ReauthorizationRequired):
            await client.refresh_token()
    assert served(emulator, TOKEN_ROUTE) == {"502": 1, "400": 1}


async def test_a_refresh_that_failed_before_it_was_applied_is_retried(
    emulator: Emulator,
) -> None:
    time = EmulatedTime(emulator)
    token = issued_token(emulator, pkce=True)
    emulator.faults.script([FaultRule("status", route=TOKEN_ROUTE, status=502, html=True)])
    client = user_client(emulator, time.policy(), token.copy(), flow=pkce_flow(emulator))
    async with client:
        fresh = await client.refresh_token()
    assert fresh.refresh_token not in (None, token.refresh_token)
    assert served(emulator, TOKEN_ROUTE) == {"502": 1, "200": 1}
    assert grants(emulator) == {"refresh_token": 1}


async def test_clients_sharing_a_memory_store_refresh_once(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    token = issued_token(emulator, pkce=True)
    emulator.clock.advance(3601)
    store = MemoryTokenStore(token)
    clients = [
        user_client(
            emulator, time.policy(), token.copy(), flow=pkce_flow(emulator), token_store=store
        )
        for _ in range(3)
    ]
    async with clients[0], clients[1], clients[2]:
        await asyncio.gather(*(me_many(client, 10) for client in clients))
        rotated = {client.spotify_authorization_token.refresh_token for client in clients}
    assert len(rotated) == 1
    assert rotated != {token.refresh_token}
    assert grants(emulator) == {"refresh_token": 1}
