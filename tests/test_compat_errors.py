"""Whatever an ``except`` caught in AsyncSpotify 0.4.4 it still catches: one test per situation a
0.4.4 program met, end to end against the emulator.

Each test catches with the clause a 0.4.4 program wrote (``except SpotifyAPIError``, ``except
TokenExpired``, ...) and then checks what the error says and what reached the emulator.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from async_spotify import (
    ClientCredentialsFlow,
    InvalidInputError,
    InvalidRequestError,
    NotFoundError,
    RateLimitExceeded,
    ReauthorizationRequired,
    RetryPolicy,
    ServerError,
    SpotifyApiClient,
    SpotifyAPIError,
    SpotifyError,
    TokenExpired,
)
from async_spotify.emulator import Emulator, EmulatorConfig, FaultRule
from tests.resilience.harness import EmulatedTime, grants, issued_token, served, user_client

pytestmark = pytest.mark.virtual_time  # the retry policy's waits are on the emulator's clock


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator(EmulatorConfig()) as running:
        yield running


@pytest.fixture
async def client(emulator: Emulator) -> AsyncIterator[SpotifyApiClient]:
    """A 0.4.4-style client: client credentials, holding its token, the default retry policy
    on emulated time (a wait moves the emulator's clock, nothing sleeps)."""
    time = EmulatedTime(emulator)
    flow = ClientCredentialsFlow(emulator.config.client_id, emulator.config.client_secret)
    async with SpotifyApiClient(
        flow,
        hold_authentication=True,
        base_url=emulator.base_url,
        accounts_url=emulator.accounts_url,
        retry_policy=time.policy(),
    ) as opened:
        await opened.get_auth_token_with_client_credentials()
        yield opened


def album_id(emulator: Emulator) -> str:
    encoded: str = emulator.world.catalog.ids.encode("album", 0)
    return encoded


def requests_to(emulator: Emulator, prefix: str) -> int:
    return sum(
        sum(statuses.values())
        for route, statuses in emulator.stats()["requests"].items()
        if route.startswith(prefix)
    )


async def test_bad_id_is_a_spotify_api_error_400_as_in_0_4_4(
    client: SpotifyApiClient, emulator: Emulator
) -> None:
    with pytest.raises(SpotifyAPIError) as caught:
        await client.albums.get_one("somerandomstring")
    error = caught.value
    assert isinstance(error, InvalidInputError) and isinstance(error, ValueError)
    assert type(error) is InvalidRequestError
    assert error.status == 400
    assert error.get_json() == {
        "error": {
            "status": 400,
            "message": "'somerandomstring' is not a Spotify id: 16 characters, expected 22 "
            "base62 characters",
        }
    }
    assert requests_to(emulator, "GET /v1/albums") == 0  # refused before sending


async def test_bad_limit_is_a_spotify_api_error_400_as_in_0_4_4(
    client: SpotifyApiClient, emulator: Emulator
) -> None:
    with pytest.raises(SpotifyAPIError) as caught:
        await client.search.start("midnight", ["track"], limit=51)
    assert isinstance(caught.value, InvalidInputError)
    assert caught.value.status == 400
    message = caught.value.get_json()["error"]["message"]
    assert message.startswith("search: limit=51 is out of range; expected an integer from 1 to 50")
    assert requests_to(emulator, "GET /v1/search") == 0


async def test_expired_token_is_token_expired_as_in_0_4_4(
    client: SpotifyApiClient, emulator: Emulator
) -> None:
    expired = issued_token(emulator)
    expired.refresh_token = None
    emulator.clock.advance(3601)  # the emulator's tokens live 3600 s
    with pytest.raises(TokenExpired) as caught:
        await client.albums.get_one(album_id(emulator), auth_token=expired)
    assert caught.value.status == 401
    assert caught.value.get_json() == {
        "error": {"status": 401, "message": "The access token expired"}
    }
    assert str(caught.value) == (
        f"401 Unauthorized: GET /v1/albums/{album_id(emulator)}: The access token expired"
    )
    assert served(emulator, "GET /v1/albums/{id}") == {"401": 1}


async def test_dead_refresh_token_is_token_expired_as_in_0_4_4(emulator: Emulator) -> None:
    """An invalid access token with an invalid refresh token, hold_authentication=True."""
    token = issued_token(emulator)
    token.access_token = "an-access-token-spotify-no-longer-accepts"
    token.refresh_token = "a-refresh-token-spotify-revoked"
    async with user_client(emulator, RetryPolicy.none(), token) as user:
        with pytest.raises(TokenExpired) as caught:
            await user.user.me()
    error = caught.value
    assert isinstance(error, ReauthorizationRequired)
    assert isinstance(error, SpotifyError)
    assert error.error == "invalid_grant"
    assert served(emulator, "GET /v1/me") == {"401": 1}
    assert grants(emulator) == {}  # the refresh was refused: nothing was issued
    assert "a-refresh-token-spotify-revoked" not in str(error) + repr(error)


async def test_404_is_a_spotify_api_error_as_in_0_4_4(
    client: SpotifyApiClient, emulator: Emulator
) -> None:
    unknown = "0" * 22
    with pytest.raises(SpotifyAPIError) as caught:
        await client.albums.get_one(unknown)
    assert type(caught.value) is NotFoundError
    assert caught.value.get_json()["error"]["status"] == 404
    assert str(caught.value).startswith(f"404 Not Found: GET /v1/albums/{unknown}: ")
    assert served(emulator, "GET /v1/albums/{id}") == {"404": 1}


async def test_429_over_the_cap_is_rate_limit_exceeded_as_in_0_4_4(
    client: SpotifyApiClient, emulator: Emulator
) -> None:
    """A Retry-After longer than the policy's cap (60 s) is raised at once, not waited out."""
    emulator.faults.script([FaultRule("rate_limit", route="GET /v1/albums/*", retry_after=3600)])
    with pytest.raises(RateLimitExceeded) as caught:
        await client.albums.get_one(album_id(emulator))
    assert caught.value.retry_after == 3600.0
    assert caught.value.status == 429
    assert str(caught.value).startswith(
        f"429 Too Many Requests: GET /v1/albums/{album_id(emulator)}"
    )
    assert served(emulator, "GET /v1/albums/{id}") == {"429": 1}


async def test_5xx_is_a_spotify_api_error_as_in_0_4_4(
    client: SpotifyApiClient, emulator: Emulator
) -> None:
    """Retried as the policy allows (4 attempts), then raised with its status."""
    emulator.faults.add(FaultRule("status", route="GET /v1/albums/*", status=503))
    with pytest.raises(SpotifyAPIError) as caught:
        await client.albums.get_one(album_id(emulator))
    assert type(caught.value) is ServerError
    assert caught.value.status == 503
    assert str(caught.value).startswith(
        f"503 Service Unavailable: GET /v1/albums/{album_id(emulator)}"
    )
    assert served(emulator, "GET /v1/albums/{id}") == {"503": 4}
