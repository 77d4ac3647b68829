"""No secret leaves through a repr, a log record or an error message.

A full session runs with every logger at DEBUG: the authorization code flow through the login
cookies, PKCE, client credentials, refreshes (asked for and on a 401), a dead refresh token, a
refused client secret, API errors and faults. Then every log record, every repr and str of the
objects involved, and every error (message, payload, headers, cause) is searched for each
secret: the client secret, every access and refresh token, the PKCE code verifiers and the
cookies.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from async_spotify import (
    AuthorizationCodeFlow,
    SpotifyApiClient,
    SpotifyAuthorisationToken,
    SpotifyBaseError,
    SpotifyCookie,
)
from async_spotify.auth.stores import FileTokenStore, MemoryTokenStore
from async_spotify.emulator import ALL_SCOPES, Emulator, EmulatorConfig, FaultRule
from tests.resilience.harness import (
    EmulatedTime,
    client_credentials_flow,
    code_flow,
    pkce_flow,
    track_uris,
)

pytestmark = pytest.mark.virtual_time


def remember(token: SpotifyAuthorisationToken, secrets: set[str]) -> SpotifyAuthorisationToken:
    secrets.update(value for value in (token.access_token, token.refresh_token) if value)
    return token


async def test_a_full_session_leaks_no_secret(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: the library's, aiohttp's, the emulator's
    shown: list[object] = []  # objects whose repr and str are checked
    errors: list[SpotifyBaseError] = []
    secrets: set[str] = set()

    async def expect_error(call: Any) -> None:
        try:
            await call
        except SpotifyBaseError as error:
            errors.append(error)
        else:
            raise AssertionError("the call should have failed")

    async with Emulator(EmulatorConfig()) as emulator:
        time = EmulatedTime(emulator)
        secrets.add(emulator.config.client_secret)
        secrets.update(emulator.cookies.values())
        cookies = SpotifyCookie(**emulator.cookies)
        urls: dict[str, Any] = {
            "base_url": emulator.base_url,
            "accounts_url": emulator.accounts_url,
        }
        store = FileTokenStore(tmp_path / "token.json")

        # authorization code, through the login cookies, kept in a token file
        code_client = SpotifyApiClient(
            code_flow(emulator, ALL_SCOPES),
            hold_authentication=True,
            retry_policy=time.policy(),
            token_store=store,
            **urls,
        )
        async with code_client:
            code = await code_client.get_code_with_cookie(cookies)
            secrets.add(code)
            remember(await code_client.get_auth_token_with_code(code), secrets)
            await code_client.user.me()
            remember(await code_client.refresh_token(), secrets)
            emulator.clock.advance(3601)  # a 401, a renewal and a replay
            await code_client.user.me()
            remember(code_client.spotify_authorization_token, secrets)
            emulator.faults.script(
                [
                    FaultRule("status", status=502, html=True),
                    FaultRule("reset"),
                    FaultRule("rate_limit", retry_after=1),
                    FaultRule("invalid_json"),
                ]
            )
            await code_client.user.me()
            await expect_error(code_client.albums.get_one("0" * 22))  # 404
            emulator.faults.script([FaultRule("applied_then_failed", count=4)])  # every attempt
            await expect_error(code_client.library.add_items(["spotify:track:" + "1" * 22]))
            shown.extend([code_client, code_client.authorization_flow, store])
            shown.append(code_client.spotify_authorization_token)

        # PKCE: no secret, a code verifier instead; its refresh tokens rotate
        flow = pkce_flow(emulator, ALL_SCOPES)
        pkce_client = SpotifyApiClient(
            flow, hold_authentication=True, retry_policy=time.policy(), **urls
        )
        async with pkce_client:
            code = await pkce_client.get_code_with_cookie(cookies)
            secrets.update((code, flow.code_verifier))
            remember(await pkce_client.get_auth_token_with_code(code), secrets)
            remember(await pkce_client.refresh_token(), secrets)
            await pkce_client.user.me()
            emulator.revoke_refresh_tokens()
            await expect_error(pkce_client.refresh_token())  # ReauthorizationRequired
            shown.extend([pkce_client, flow, pkce_client.spotify_authorization_token])

        # client credentials; a wrong secret; a hold-less client with explicit tokens
        app_client = SpotifyApiClient(
            client_credentials_flow(emulator),
            hold_authentication=True,
            retry_policy=time.policy(),
            token_store=MemoryTokenStore(),
            **urls,
        )
        async with app_client:
            remember(await app_client.get_auth_token_with_client_credentials(), secrets)
            await app_client.track.get_one(track_uris(emulator, 1)[0])
            emulator.clock.advance(3601)
            await app_client.track.get_one(track_uris(emulator, 1)[0])
            remember(app_client.spotify_authorization_token, secrets)
            shown.extend([app_client, app_client.token_store, app_client.retry_policy])
        wrong_secret = "0" * 31 + "1"
        secrets.add(wrong_secret)
        refused = SpotifyApiClient(
            AuthorizationCodeFlow(
                emulator.config.client_id,
                wrong_secret,
                ["user-read-private"],
                emulator.config.redirect_uris[0],
            ),
            **urls,
        )
        async with refused:
            await expect_error(refused.get_auth_token_with_code("not-a-code"))
            shown.append(refused.authorization_flow)
        shown.append(cookies)

    assert [type(error).__name__ for error in errors] == [
        "NotFoundError",
        "ServerError",
        "ReauthorizationRequired",
        "AuthorizationError",
    ]
    assert len(secrets) >= 12
    texts = [text for item in shown for text in (repr(item), str(item))]
    for error in errors:
        texts += [repr(error), str(error), error.text, repr(error.get_json()), repr(error.headers)]
        texts += [repr(error.__cause__), str(error.__cause__)]
    for record in caplog.records:
        texts += [record.getMessage(), repr(record.args), record.exc_text or ""]
    assert any("GET /v1/me -> 200" in text for text in texts)  # the request lines were logged
    leaks = sorted(
        {(secret[:6] + "...", text[:80]) for text in texts for secret in secrets if secret in text}
    )
    assert leaks == []
