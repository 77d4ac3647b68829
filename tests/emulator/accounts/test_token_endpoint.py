"""POST /api/token: every grant end to end over HTTP, and each error with Spotify's exact body."""

from __future__ import annotations

import base64
import re
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from async_spotify.emulator import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_REDIRECT_URI,
    Emulator,
    EmulatorConfig,
)

VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
BASIC = (
    "Basic " + base64.b64encode(f"{DEFAULT_CLIENT_ID}:{DEFAULT_CLIENT_SECRET}".encode()).decode()
)
SCOPES = "user-read-private playlist-modify-public"
USER_KEYS = {"access_token", "token_type", "expires_in", "scope", "refresh_token"}
SIX_MONTHS = 183 * 86400


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    async with Emulator() as emulator:
        yield emulator


async def consented_code(
    http: aiohttp.ClientSession, emu: Emulator, *, pkce: bool = False, username: str = "dana"
) -> str:
    """Walk the browser part: /authorize, the consent page, accept; the code from the redirect."""
    params = {
        "client_id": DEFAULT_CLIENT_ID,
        "response_type": "code",
        "redirect_uri": DEFAULT_REDIRECT_URI,
        "scope": SCOPES,
        "state": "s",
    }
    if pkce:
        params |= {"code_challenge": CHALLENGE, "code_challenge_method": "S256"}
    async with http.get(emu.accounts_url + "/authorize", params=params) as page:
        match = re.search(r'name="request_id" value="([^"]+)"', await page.text())
    assert match is not None
    async with http.post(
        emu.accounts_url + "/authorize/consent",
        data={"request_id": match.group(1), "action": "accept", "username": username},
        allow_redirects=False,
    ) as response:
        assert response.status == 302
        return parse_qs(urlsplit(response.headers["Location"]).query)["code"][0]


async def post_token(
    http: aiohttp.ClientSession,
    emu: Emulator,
    form: dict[str, str],
    *,
    basic: str | None = BASIC,
) -> tuple[int, dict[str, Any], aiohttp.ClientResponse]:
    headers = {} if basic is None else {"Authorization": basic}
    async with http.post(emu.accounts_url + "/api/token", data=form, headers=headers) as response:
        return response.status, await response.json(), response


async def me(http: aiohttp.ClientSession, emu: Emulator, access_token: str) -> tuple[int, Any]:
    headers = {"Authorization": f"Bearer {access_token}"}
    async with http.get(emu.base_url + "/me", headers=headers) as response:
        return response.status, await response.json()


def code_form(code: str, **extra: str) -> dict[str, str]:
    return {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": DEFAULT_REDIRECT_URI,
        **extra,
    }


async def test_authorization_code_flow_with_basic_then_refresh(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    code = await consented_code(http, emu)
    status, body, response = await post_token(http, emu, code_form(code))

    assert status == 200
    assert set(body) == USER_KEYS
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert body["scope"] == SCOPES
    assert body["access_token"].startswith("BQ")
    assert body["refresh_token"].startswith("AQ")
    assert response.headers["Cache-Control"] == "no-store"
    assert (await me(http, emu, body["access_token"]))[1]["id"] == "dana"

    status, refreshed, _ = await post_token(
        http, emu, {"grant_type": "refresh_token", "refresh_token": body["refresh_token"]}
    )
    assert status == 200
    # Not PKCE: no new refresh token, the old one stays valid.
    assert set(refreshed) == USER_KEYS - {"refresh_token"}
    assert refreshed["scope"] == SCOPES
    assert refreshed["access_token"] != body["access_token"]
    assert (await me(http, emu, refreshed["access_token"]))[0] == 200
    status, _, _ = await post_token(
        http, emu, {"grant_type": "refresh_token", "refresh_token": body["refresh_token"]}
    )
    assert status == 200
    assert emu.stats()["tokens"] == {
        "authorization_code": 1,
        "pkce": 0,
        "client_credentials": 0,
        "refresh_token": 2,
    }


async def test_client_credentials_in_the_body_work_like_basic(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    code = await consented_code(http, emu)
    credentials = {"client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET}
    status, body, _ = await post_token(http, emu, code_form(code, **credentials), basic=None)
    assert status == 200
    assert set(body) == USER_KEYS
    refresh = {"grant_type": "refresh_token", "refresh_token": body["refresh_token"]}
    status, refreshed, _ = await post_token(http, emu, refresh | credentials, basic=None)
    assert status == 200
    assert set(refreshed) == USER_KEYS - {"refresh_token"}
    assert (await me(http, emu, refreshed["access_token"]))[1]["id"] == "dana"


async def test_pkce_flow_with_the_rfc_7636_vector_and_rotating_refresh_tokens(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    code = await consented_code(http, emu, pkce=True, username="erin")
    form = code_form(code, client_id=DEFAULT_CLIENT_ID, code_verifier=VERIFIER)
    status, body, _ = await post_token(http, emu, form, basic=None)
    assert status == 200
    assert set(body) == USER_KEYS
    assert (await me(http, emu, body["access_token"]))[1]["id"] == "erin"

    refresh = {"grant_type": "refresh_token", "client_id": DEFAULT_CLIENT_ID}
    status, first, _ = await post_token(
        http, emu, refresh | {"refresh_token": body["refresh_token"]}, basic=None
    )
    assert status == 200
    assert set(first) == USER_KEYS
    assert first["refresh_token"] != body["refresh_token"]

    # The old refresh token was single use.
    status, error, _ = await post_token(
        http, emu, refresh | {"refresh_token": body["refresh_token"]}, basic=None
    )
    assert (status, error) == (
        400,
        {"error": "invalid_grant", "error_description": "Invalid refresh token"},
    )
    status, second, _ = await post_token(
        http, emu, refresh | {"refresh_token": first["refresh_token"]}, basic=None
    )
    assert status == 200
    assert (await me(http, emu, second["access_token"]))[0] == 200
    assert emu.stats()["tokens"]["pkce"] == 1
    assert emu.stats()["tokens"]["refresh_token"] == 2


async def test_pkce_code_with_a_wrong_verifier(http: aiohttp.ClientSession, emu: Emulator) -> None:
    code = await consented_code(http, emu, pkce=True)
    form = code_form(code, client_id=DEFAULT_CLIENT_ID, code_verifier="x" * 43)
    assert (await post_token(http, emu, form, basic=None))[:2] == (
        400,
        {"error": "invalid_grant", "error_description": "code_verifier was incorrect"},
    )


async def test_pkce_code_without_a_verifier(http: aiohttp.ClientSession, emu: Emulator) -> None:
    code = await consented_code(http, emu, pkce=True)
    form = code_form(code, client_id=DEFAULT_CLIENT_ID)
    assert (await post_token(http, emu, form, basic=None))[:2] == (
        400,
        {"error": "invalid_request", "error_description": "code_verifier required"},
    )


async def test_a_confidential_client_may_use_pkce_too(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    code = await consented_code(http, emu, pkce=True)
    status, body, _ = await post_token(http, emu, code_form(code, code_verifier=VERIFIER))
    assert status == 200
    assert set(body) == USER_KEYS


async def test_codes_are_single_use(http: aiohttp.ClientSession, emu: Emulator) -> None:
    code = await consented_code(http, emu)
    assert (await post_token(http, emu, code_form(code)))[0] == 200
    assert (await post_token(http, emu, code_form(code)))[:2] == (
        400,
        {"error": "invalid_grant", "error_description": "Invalid authorization code"},
    )


async def test_codes_live_ten_minutes(http: aiohttp.ClientSession, emu: Emulator) -> None:
    code = await consented_code(http, emu)
    emu.clock.advance(600)
    assert (await post_token(http, emu, code_form(code)))[:2] == (
        400,
        {"error": "invalid_grant", "error_description": "Invalid authorization code"},
    )


async def test_code_exchange_needs_the_same_redirect_uri(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    code = await consented_code(http, emu)
    form = code_form(code) | {"redirect_uri": "http://127.0.0.1:9999/callback"}
    assert (await post_token(http, emu, form))[:2] == (
        400,
        {"error": "invalid_grant", "error_description": "Invalid redirect URI"},
    )


async def test_a_non_pkce_code_needs_the_secret(http: aiohttp.ClientSession, emu: Emulator) -> None:
    code = await consented_code(http, emu)
    form = code_form(code, client_id=DEFAULT_CLIENT_ID)
    assert (await post_token(http, emu, form, basic=None))[:2] == (
        400,
        {"error": "invalid_client", "error_description": "Invalid client secret"},
    )


async def test_unknown_code(http: aiohttp.ClientSession, emu: Emulator) -> None:
    assert (await post_token(http, emu, code_form("AQnope")))[:2] == (
        400,
        {"error": "invalid_grant", "error_description": "Invalid authorization code"},
    )


async def test_client_credentials_grant(http: aiohttp.ClientSession, emu: Emulator) -> None:
    status, body, _ = await post_token(http, emu, {"grant_type": "client_credentials"})
    assert status == 200
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert (body["token_type"], body["expires_in"]) == ("Bearer", 3600)
    assert emu.stats()["tokens"]["client_credentials"] == 1


def basic(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


@pytest.mark.parametrize(
    ("header", "form", "description"),
    [
        (basic(DEFAULT_CLIENT_ID, "0" * 32), {}, "Invalid client secret"),
        (basic("0" * 32, DEFAULT_CLIENT_SECRET), {}, "Invalid client"),
        ("Basic not-base64!", {}, "Invalid client"),
        ("Basic " + base64.b64encode(b"no-colon").decode(), {}, "Invalid client"),
        ("Bearer abc", {}, "Invalid client"),
        (None, {}, "Invalid client"),
        (None, {"client_id": DEFAULT_CLIENT_ID}, "Invalid client secret"),
        (None, {"client_id": "0" * 32}, "Invalid client"),
        (None, {"client_id": DEFAULT_CLIENT_ID, "client_secret": "nope"}, "Invalid client secret"),
    ],
)
async def test_client_authentication_errors(
    http: aiohttp.ClientSession,
    emu: Emulator,
    header: str | None,
    form: dict[str, str],
    description: str,
) -> None:
    result = await post_token(http, emu, {"grant_type": "client_credentials", **form}, basic=header)
    assert result[:2] == (400, {"error": "invalid_client", "error_description": description})


async def test_a_json_body_is_not_a_token_request(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    async with http.post(
        emu.accounts_url + "/api/token",
        json={"grant_type": "client_credentials"},
        headers={"Authorization": BASIC},
    ) as response:
        assert response.status == 400
        assert await response.json() == {
            "error": "unsupported_grant_type",
            "error_description": "grant_type parameter is missing",
        }


async def test_missing_and_unknown_grant_types(http: aiohttp.ClientSession, emu: Emulator) -> None:
    assert (await post_token(http, emu, {"code": "x"}))[:2] == (
        400,
        {"error": "unsupported_grant_type", "error_description": "grant_type parameter is missing"},
    )
    assert (await post_token(http, emu, {"grant_type": "password"}))[:2] == (
        400,
        {
            "error": "unsupported_grant_type",
            "error_description": (
                "grant_type must be client_credentials, authorization_code or refresh_token"
            ),
        },
    )


async def test_unknown_refresh_token(http: aiohttp.ClientSession, emu: Emulator) -> None:
    form = {"grant_type": "refresh_token", "refresh_token": "AQunknown"}
    assert (await post_token(http, emu, form))[:2] == (
        400,
        {"error": "invalid_grant", "error_description": "Invalid refresh token"},
    )


async def test_a_non_pkce_refresh_token_needs_the_secret(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    token = emu.issue_user_token()
    form = {
        "grant_type": "refresh_token",
        "refresh_token": token["refresh_token"],
        "client_id": DEFAULT_CLIENT_ID,
    }
    assert (await post_token(http, emu, form, basic=None))[:2] == (
        400,
        {"error": "invalid_client", "error_description": "Invalid client secret"},
    )


async def test_access_tokens_expire_on_the_emulator_clock(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    token = emu.issue_user_token()
    emu.clock.advance(3599)
    assert (await me(http, emu, token["access_token"]))[0] == 200
    emu.clock.advance(1)
    async with http.get(
        emu.base_url + "/me", headers={"Authorization": f"Bearer {token['access_token']}"}
    ) as response:
        assert response.status == 401
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="spotify"'
        assert await response.json() == {
            "error": {"status": 401, "message": "The access token expired"}
        }


async def test_refresh_tokens_die_six_months_after_the_authorization(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    token = emu.issue_user_token()
    form = {"grant_type": "refresh_token", "refresh_token": token["refresh_token"]}
    emu.clock.advance(SIX_MONTHS - 10)
    status, refreshed, _ = await post_token(http, emu, form)
    assert status == 200
    assert (await me(http, emu, refreshed["access_token"]))[0] == 200
    # Refreshing did not extend the refresh token's life.
    emu.clock.advance(10)
    assert (await post_token(http, emu, form))[:2] == (
        400,
        {"error": "invalid_grant", "error_description": "Refresh token revoked"},
    )


async def test_pkce_rotation_keeps_the_original_authorization_time(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    token = emu.issue_user_token(pkce=True)
    form = {"grant_type": "refresh_token", "client_id": DEFAULT_CLIENT_ID}
    emu.clock.advance(SIX_MONTHS - 1)
    status, rotated, _ = await post_token(
        http, emu, form | {"refresh_token": token["refresh_token"]}, basic=None
    )
    assert status == 200
    emu.clock.advance(1)
    assert (
        await post_token(http, emu, form | {"refresh_token": rotated["refresh_token"]}, basic=None)
    )[:2] == (400, {"error": "invalid_grant", "error_description": "Refresh token revoked"})


async def test_rotate_refresh_tokens_option(http: aiohttp.ClientSession) -> None:
    async with Emulator(EmulatorConfig(rotate_refresh_tokens=True)) as emu:
        token = emu.issue_user_token(["user-top-read"])
        form = {"grant_type": "refresh_token", "refresh_token": token["refresh_token"]}
        status, rotated, _ = await post_token(http, emu, form)
        assert status == 200
        assert set(rotated) == USER_KEYS
        assert rotated["scope"] == "user-top-read"
        assert (await post_token(http, emu, form))[:2] == (
            400,
            {"error": "invalid_grant", "error_description": "Invalid refresh token"},
        )


async def test_revoke_refresh_tokens(http: aiohttp.ClientSession, emu: Emulator) -> None:
    token = emu.issue_user_token()
    emu.revoke_refresh_tokens()
    form = {"grant_type": "refresh_token", "refresh_token": token["refresh_token"]}
    assert (await post_token(http, emu, form))[:2] == (
        400,
        {"error": "invalid_grant", "error_description": "Refresh token revoked"},
    )
    # New authorizations still work.
    fresh = emu.issue_user_token()
    form["refresh_token"] = fresh["refresh_token"]
    assert (await post_token(http, emu, form))[0] == 200


async def test_configured_ttls(http: aiohttp.ClientSession) -> None:
    config = EmulatorConfig(access_token_ttl=60, refresh_token_ttl=120)
    async with Emulator(config) as emu:
        _status, body, _ = await post_token(http, emu, {"grant_type": "client_credentials"})
        assert body["expires_in"] == 60
        token = emu.issue_user_token()
        assert token["expires_in"] == 60
        emu.clock.advance(60)
        assert (await me(http, emu, token["access_token"]))[0] == 401
        emu.clock.advance(60)
        form = {"grant_type": "refresh_token", "refresh_token": token["refresh_token"]}
        assert (await post_token(http, emu, form))[1]["error_description"] == (
            "Refresh token revoked"
        )


def test_issue_user_token_refuses_unknown_scopes() -> None:
    emu = Emulator()
    with pytest.raises(ValueError, match=r"unknown scopes \['user-read-mind'\]"):
        emu.issue_user_token(["user-read-private", "user-read-mind"])


def test_issued_tokens_are_not_counted_and_carry_the_requested_scopes() -> None:
    emu = Emulator()
    token = emu.issue_user_token(["streaming", "user-top-read", "streaming"])
    assert token["scope"] == "streaming user-top-read"
    assert set(emu.issue_client_token()) == {"access_token", "token_type", "expires_in"}
    assert emu.stats()["tokens"] == dict.fromkeys(
        ("authorization_code", "pkce", "client_credentials", "refresh_token"), 0
    )
