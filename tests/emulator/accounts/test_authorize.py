"""GET /authorize and the consent page: validation order, consent, cookies, denial, PKCE params."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from async_spotify.emulator import (
    DEFAULT_CLIENT_ID,
    DEFAULT_REDIRECT_URI,
    Emulator,
    EmulatorConfig,
)

CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    async with Emulator() as emulator:
        yield emulator


def authorize_params(**overrides: str | None) -> dict[str, str]:
    params: dict[str, str | None] = {
        "client_id": DEFAULT_CLIENT_ID,
        "response_type": "code",
        "redirect_uri": DEFAULT_REDIRECT_URI,
        "scope": "user-read-private user-read-email",
        "state": "st-42",
    }
    params.update(overrides)
    return {key: value for key, value in params.items() if value is not None}


async def get_authorize(
    http: aiohttp.ClientSession,
    emu: Emulator,
    cookies: dict[str, str] | None = None,
    **overrides: str | None,
) -> aiohttp.ClientResponse:
    async with http.get(
        emu.accounts_url + "/authorize",
        params=authorize_params(**overrides),
        cookies=cookies,
        allow_redirects=False,
    ) as response:
        await response.read()
        return response


def redirect_query(response: aiohttp.ClientResponse) -> tuple[str, dict[str, list[str]]]:
    location = urlsplit(response.headers["Location"])
    base = f"{location.scheme}://{location.netloc}{location.path}"
    return base, parse_qs(location.query)


def request_id_of(page: str) -> str:
    match = re.search(r'name="request_id" value="([^"]+)"', page)
    assert match is not None, page
    return match.group(1)


async def consent_page(http: aiohttp.ClientSession, emu: Emulator, **overrides: str | None) -> str:
    async with http.get(
        emu.accounts_url + "/authorize", params=authorize_params(**overrides), allow_redirects=False
    ) as response:
        assert response.status == 200
        assert response.content_type == "text/html"
        return await response.text()


async def answer(
    http: aiohttp.ClientSession, emu: Emulator, request_id: str, action: str, username: str = ""
) -> aiohttp.ClientResponse:
    async with http.post(
        emu.accounts_url + "/authorize/consent",
        data={"request_id": request_id, "action": action, "username": username},
        allow_redirects=False,
    ) as response:
        await response.read()
        return response


async def test_consent_page_lists_the_scopes_and_accept_redirects_with_code_and_state(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    page = await consent_page(http, emu)
    assert "<code>user-read-private</code>" in page
    assert "<code>user-read-email</code>" in page
    assert f"<code>{DEFAULT_CLIENT_ID}</code>" in page
    assert f'value="{emu.user_id}"' in page  # not logged in: the default user is suggested

    response = await answer(http, emu, request_id_of(page), "accept", "alice")

    assert response.status == 302
    base, query = redirect_query(response)
    assert base == DEFAULT_REDIRECT_URI
    assert set(query) == {"code", "state"}
    assert query["state"] == ["st-42"]
    assert query["code"][0].startswith("AQ")
    assert {"sp_dc", "sp_key", "sp_t"} <= set(response.cookies)


async def test_accepting_logs_the_user_in_and_remembers_the_consent(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    page = await consent_page(http, emu, scope="user-top-read")
    accepted = await answer(http, emu, request_id_of(page), "accept", "bob")
    cookies = {name: morsel.value for name, morsel in accepted.cookies.items()}

    again = await get_authorize(http, emu, cookies, scope="user-top-read")
    assert again.status == 302
    assert set(redirect_query(again)[1]) == {"code", "state"}

    more = await get_authorize(http, emu, cookies, scope="user-top-read user-follow-read")
    assert more.status == 200
    assert "You are logged in as" in await more.text()


async def test_default_cookies_get_a_code_without_any_page(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    response = await get_authorize(
        http, emu, emu.cookies, scope="playlist-modify-private streaming", show_dialog="False"
    )
    assert response.status == 302
    base, query = redirect_query(response)
    assert base == DEFAULT_REDIRECT_URI
    assert query["state"] == ["st-42"]
    assert len(query["code"]) == 1


async def test_show_dialog_true_forces_the_page_even_with_consent(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    response = await get_authorize(http, emu, emu.cookies, show_dialog="true")
    assert response.status == 200
    assert "You are logged in as" in await response.text()


async def test_unknown_session_cookie_shows_the_login_page(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    response = await get_authorize(http, emu, {**emu.cookies, "sp_dc": "AQnot-a-session"})
    assert response.status == 200
    assert "Log in as" in await response.text()


async def test_deny_redirects_with_access_denied_and_state(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    page = await consent_page(http, emu)
    response = await answer(http, emu, request_id_of(page), "deny")
    assert response.status == 302
    base, query = redirect_query(response)
    assert base == DEFAULT_REDIRECT_URI
    assert query == {"error": ["access_denied"], "state": ["st-42"]}


async def test_a_consent_page_is_answered_once(http: aiohttp.ClientSession, emu: Emulator) -> None:
    request_id = request_id_of(await consent_page(http, emu))
    assert (await answer(http, emu, request_id, "accept")).status == 302
    second = await answer(http, emu, request_id, "accept")
    assert second.status == 400
    assert "INVALID_REQUEST: Unknown or expired authorization request" in await second.text()


async def test_a_consent_page_expires(http: aiohttp.ClientSession, emu: Emulator) -> None:
    request_id = request_id_of(await consent_page(http, emu))
    emu.clock.advance(601)
    assert (await answer(http, emu, request_id, "accept")).status == 400


async def test_consent_needs_accept_or_deny(http: aiohttp.ClientSession, emu: Emulator) -> None:
    response = await answer(http, emu, request_id_of(await consent_page(http, emu)), "maybe")
    assert response.status == 400
    assert "action must be accept or deny" in await response.text()


async def test_bad_username_is_refused_and_echoed_escaped(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    request_id = request_id_of(await consent_page(http, emu))
    response = await answer(http, emu, request_id, "accept", "<script>alert(1)</script>")
    page = await response.text()
    assert response.status == 400
    assert "<script>" not in page
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in page
    # The page can still be answered.
    assert (await answer(http, emu, request_id, "accept", "carol")).status == 302


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"client_id": "0" * 32}, "INVALID_CLIENT: Invalid client"),
        ({"client_id": None}, "INVALID_CLIENT: Invalid client"),
        ({"redirect_uri": None}, "INVALID_CLIENT: Invalid redirect URI"),
        ({"redirect_uri": DEFAULT_REDIRECT_URI + "/"}, "INVALID_CLIENT: Invalid redirect URI"),
        (
            {"redirect_uri": "http://127.0.0.1:8888/CALLBACK"},
            "INVALID_CLIENT: Invalid redirect URI",
        ),
        ({"redirect_uri": "http://127.0.0.1:9999/other"}, "INVALID_CLIENT: Invalid redirect URI"),
        ({"redirect_uri": "http://[::1]:8888/callback"}, "INVALID_CLIENT: Invalid redirect URI"),
        (
            {"redirect_uri": "http://localhost:8888/callback"},
            "INVALID_CLIENT: Insecure redirect URI",
        ),
        ({"redirect_uri": "http://example.com/callback"}, "INVALID_CLIENT: Insecure redirect URI"),
        ({"response_type": None}, "INVALID_REQUEST: response_type must be code"),
        ({"response_type": "id_token"}, "INVALID_REQUEST: response_type must be code"),
    ],
)
async def test_error_pages(
    http: aiohttp.ClientSession, emu: Emulator, overrides: dict[str, str | None], message: str
) -> None:
    response = await get_authorize(http, emu, **overrides)  # type: ignore[arg-type]
    assert response.status == 400
    assert response.content_type == "text/html"
    assert f'<p class="error">{message}</p>' in await response.text()


async def test_loopback_port_may_differ_from_the_registered_one(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    redirect_uri = "http://127.0.0.1:51234/callback"
    page = await consent_page(http, emu, redirect_uri=redirect_uri)
    response = await answer(http, emu, request_id_of(page), "accept")
    assert redirect_query(response)[0] == redirect_uri


async def test_ipv6_loopback_and_custom_scheme_registrations(http: aiohttp.ClientSession) -> None:
    config = EmulatorConfig(redirect_uris=("http://[::1]:8080/cb", "myapp://auth"))
    async with Emulator(config) as emu:
        page = await consent_page(http, emu, redirect_uri="http://[::1]:40000/cb")
        response = await answer(http, emu, request_id_of(page), "accept")
        assert redirect_query(response)[0] == "http://[::1]:40000/cb"
        page = await consent_page(http, emu, redirect_uri="myapp://auth")
        response = await answer(http, emu, request_id_of(page), "deny")
        assert response.headers["Location"] == "myapp://auth?error=access_denied&state=st-42"


async def test_implicit_grant_is_refused_in_the_fragment(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    response = await get_authorize(http, emu, response_type="token")
    assert response.status == 302
    assert response.headers["Location"] == (
        DEFAULT_REDIRECT_URI + "#error=unsupported_response_type&state=st-42"
    )


async def test_unknown_scope_redirects_with_invalid_scope(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    response = await get_authorize(http, emu, scope="user-read-private user-read-mind")
    assert response.status == 302
    assert response.headers["Location"] == DEFAULT_REDIRECT_URI + "?error=invalid_scope&state=st-42"


async def test_no_state_means_no_state_in_the_redirect(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    response = await get_authorize(http, emu, state=None, scope="bogus")
    assert response.headers["Location"] == DEFAULT_REDIRECT_URI + "?error=invalid_scope"


async def test_no_scope_asks_for_public_data_only(
    http: aiohttp.ClientSession, emu: Emulator
) -> None:
    page = await consent_page(http, emu, scope=None)
    assert "Only your public data." in page


@pytest.mark.parametrize(
    ("challenge", "method", "description"),
    [
        (CHALLENGE, "plain", "code_challenge_method must be S256"),
        (CHALLENGE, None, "code_challenge_method must be S256"),
        (None, "S256", "code_challenge must be the 43-character base64url SHA-256 of the verifier"),
        (
            "short",
            "S256",
            "code_challenge must be the 43-character base64url SHA-256 of the verifier",
        ),
    ],
)
async def test_pkce_parameters_are_checked(
    http: aiohttp.ClientSession,
    emu: Emulator,
    challenge: str | None,
    method: str | None,
    description: str,
) -> None:
    response = await get_authorize(
        http, emu, code_challenge=challenge, code_challenge_method=method
    )
    assert response.status == 302
    base, query = redirect_query(response)
    assert base == DEFAULT_REDIRECT_URI
    assert query == {
        "error": ["invalid_request"],
        "error_description": [description],
        "state": ["st-42"],
    }
