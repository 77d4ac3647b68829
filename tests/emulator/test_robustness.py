"""The running emulator under hostile or careless input: it answers in Spotify's shapes, never 500.

Raw sockets send what no HTTP client library would (an 9 KB request line, bytes that are not
UTF-8); everything else goes through aiohttp against a started :class:`Emulator`.
"""

from __future__ import annotations

import asyncio
import io
import re
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import orjson
import pytest

from async_spotify.emulator import DEFAULT_REDIRECT_URI, Emulator, EmulatorConfig
from async_spotify.emulator.accounts.service import MAX_PENDING, PENDING_TTL, AuthorizationRequest
from async_spotify.emulator.control.admin import MAX_ADVANCE

FORM = "application/x-www-form-urlencoded"
ADMIN_TOKEN = "an-admin-token-for-tests"


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator() as started:
        yield started


async def raw_exchange(emulator: Emulator, request: bytes) -> tuple[int, dict[str, str], Any]:
    """Send ``request`` as bytes; the status, headers and JSON body of the answer."""
    address = urlsplit(emulator.url)
    assert address.hostname is not None and address.port is not None
    reader, writer = await asyncio.open_connection(address.hostname, address.port)
    try:
        writer.write(request)
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(), timeout=20)
    finally:
        writer.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, orjson.loads(body)


def http_request(
    method: str, target: str, headers: dict[str, str] | None = None, body: bytes = b""
) -> bytes:
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


# -- item 14: the Accounts service never answers 500; every error in its service's shape --------


@pytest.mark.parametrize(
    ("content_type", "body", "description"),
    [
        (FORM, b"grant_type=client_credentials&x=\xff\xfe", "not valid UTF-8 form data"),
        (f"{FORM}; charset=latin-9000", b"grant_type=client_credentials", "Unsupported charset"),
    ],
)
@pytest.mark.parametrize("path", ["/api/token", "/authorize/consent"])
async def test_unreadable_form_bodies_are_invalid_requests(
    emulator: Emulator, path: str, content_type: str, body: bytes, description: str
) -> None:
    status, headers, answer = await raw_exchange(
        emulator, http_request("POST", path, {"Content-Type": content_type}, body)
    )
    assert status == 400
    assert headers["content-type"].startswith("application/json")
    assert answer["error"] == "invalid_request"
    assert description in answer["error_description"]
    assert set(answer) == {"error", "error_description"}
    assert emulator.stats()["emulator_bugs"] == 0


async def test_accounts_http_errors_use_the_accounts_shape(emulator: Emulator) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(emulator.accounts_url + "/api/token") as response:
            assert response.status == 405
            assert await response.json() == {
                "error": "method_not_allowed",
                "error_description": "Method not allowed",
            }
            assert response.headers["Allow"] == "POST"
        async with http.get(emulator.accounts_url + "/no/such/page") as response:
            assert response.status == 404
            assert await response.json() == {
                "error": "not_found",
                "error_description": "Service not found",
            }
        oversized = b"grant_type=client_credentials&pad=" + b"x" * (5 * 1024 * 1024)
        async with http.post(
            emulator.accounts_url + "/api/token",
            data=io.BytesIO(oversized),
            headers={"Content-Type": FORM},
        ) as response:
            assert response.status == 413
            body = await response.json()
            assert body["error"] == "request_too_large"
            assert set(body) == {"error", "error_description"}
        # The Web API keeps its own shape for the same refusals.
        token = emulator.issue_user_token()["access_token"]
        bearer = {"Authorization": f"Bearer {token}"}
        async with http.post(emulator.base_url + "/me", headers=bearer) as response:
            assert response.status == 405
            assert await response.json() == {
                "error": {"status": 405, "message": "Method not allowed"}
            }


@pytest.mark.parametrize(
    ("request_bytes", "shape"),
    [
        (http_request("GET", "/v1/me?q=" + "x" * 9000), "web_api"),
        (http_request("GET", "/v1/me", {"X-Padding": "y" * 9000}), "web_api"),
        (http_request("GET", "/authorize?state=" + "x" * 9000), "accounts"),
        (http_request("POST", "/api/token", {"X-Padding": "y" * 9000}), "accounts"),
        (http_request("GET", "/_emulator/stats?" + "x" * 9000), "web_api"),
    ],
)
async def test_oversized_request_lines_and_headers_are_json_errors(
    emulator: Emulator, request_bytes: bytes, shape: str
) -> None:
    status, headers, answer = await raw_exchange(emulator, request_bytes)
    assert status == 400
    assert headers["content-type"].startswith("application/json")
    if shape == "web_api":
        assert answer == {
            "error": {"status": 400, "message": "Got more than 8190 bytes when reading"}
        }
    else:
        assert answer == {
            "error": "invalid_request",
            "error_description": "Got more than 8190 bytes when reading",
        }


# -- item 15: absurd clock moves are refused; pending /authorize requests expire and go ---------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        # Numbers beyond a float (infinity) and NaN are not JSON to orjson: refused as such.
        (b'{"advance": 1e400}', "Malformed json"),
        (b'{"advance": NaN}', "Malformed json"),
        (
            orjson.dumps({"advance": MAX_ADVANCE + 1}),
            f"advance must be at most a year ({MAX_ADVANCE:.0f} seconds)",
        ),
        (b'{"advance": -1}', 'Expected {"advance": seconds}, seconds >= 0'),
        (b'{"advance": "1h"}', 'Expected {"advance": seconds}, seconds >= 0'),
    ],
)
async def test_absurd_clock_moves_are_refused(
    emulator: Emulator, body: bytes, message: str
) -> None:
    before = emulator.clock.monotonic()
    async with aiohttp.ClientSession() as http:
        async with http.post(emulator.url + "/_emulator/time", data=body) as response:
            assert response.status == 400
            error = (await response.json())["error"]
            assert error["status"] == 400
            assert error["message"].startswith(message)
        # A year is still fine.
        async with http.post(
            emulator.url + "/_emulator/time", json={"advance": MAX_ADVANCE}
        ) as response:
            assert response.status == 200
    assert emulator.clock.monotonic() - before >= MAX_ADVANCE


async def test_pending_authorize_requests_expire_and_are_purged(emulator: Emulator) -> None:
    params = {
        "client_id": emulator.config.client_id,
        "response_type": "code",
        "redirect_uri": DEFAULT_REDIRECT_URI,
        "scope": "user-read-private",
    }
    async with aiohttp.ClientSession() as http:

        async def park() -> str:
            # No login cookie: the answer is the consent page, and a request waits for it.
            async with http.get(emulator.accounts_url + "/authorize", params=params) as page:
                assert page.status == 200
                found = re.search(r'name="request_id" value="([^"]+)"', await page.text())
                assert found is not None
                return found.group(1)

        first = [await park() for _ in range(30)]
        assert emulator.accounts.pending_count == 30
        emulator.clock.advance(PENDING_TTL + 1)
        assert emulator.accounts.pending_count == 0  # expired ones are gone, not just refused
        await park()
        assert emulator.accounts.pending_count == 1
        async with http.post(
            emulator.accounts_url + "/authorize/consent",
            data={"request_id": first[0], "action": "accept", "username": "someone"},
        ) as response:
            assert "Unknown or expired authorization request" in await response.text()


def test_pending_requests_are_capped() -> None:
    emulator = Emulator()
    parked = AuthorizationRequest(DEFAULT_REDIRECT_URI, ("user-read-private",), None, None)
    ids = [emulator.accounts.park(parked) for _ in range(MAX_PENDING + 5)]
    assert emulator.accounts.pending_count == MAX_PENDING
    assert emulator.accounts.pending(ids[0]) is None  # the oldest went first
    assert emulator.accounts.pending(ids[-1]) == parked


# -- item 16: an admin token locks the admin routes ---------------------------------------------


async def test_an_admin_token_is_required_once_configured() -> None:
    config = EmulatorConfig(admin_token=ADMIN_TOKEN)
    async with Emulator(config) as emulator, aiohttp.ClientSession() as http:
        for headers in ({}, {"Authorization": "Bearer wrong-token"}):
            async with http.post(
                emulator.url + "/_emulator/user-token", headers=headers
            ) as response:
                assert response.status == 401
                assert response.headers["WWW-Authenticate"].startswith("Bearer")
                body = await response.json()
                assert body["error"]["status"] == 401
                assert ADMIN_TOKEN not in str(body)
        admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        async with http.post(emulator.url + "/_emulator/user-token", headers=admin) as token:
            assert token.status == 200
            access = (await token.json())["access_token"]
        # The Web API and the Accounts service are not behind the admin token.
        async with http.get(
            emulator.base_url + "/me", headers={"Authorization": f"Bearer {access}"}
        ) as me:
            assert me.status == 200
            assert (await me.json())["id"] == emulator.user_id
    assert ADMIN_TOKEN not in repr(emulator.config)


@pytest.mark.parametrize("bad", ["short", 12345678])
def test_an_admin_token_must_be_a_real_string(bad: Any) -> None:
    with pytest.raises((TypeError, ValueError), match="admin_token must be") as raised:
        EmulatorConfig(admin_token=bad)
    assert "short" not in str(raised.value)


# -- item 17: EmulatorConfig checks its fields' types --------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"seed": "7"}, "seed must be int, not '7'"),
        ({"seed": True}, "seed must be int, not True"),
        ({"seed": 7.5}, "seed must be int, not 7.5"),
        ({"mode": None}, "mode must be str, not None"),
        ({"access_token_ttl": "3600"}, "access_token_ttl must be int, not '3600'"),
        ({"rate_limit": 2.5}, "rate_limit must be int or None, not 2.5"),
        ({"latency_ms": "50"}, "latency_ms must be int or float, not '50'"),
        ({"rotate_refresh_tokens": 1}, "rotate_refresh_tokens must be bool, not 1"),
        ({"client_secret": 1234}, "client_secret must be str, not int"),
        ({"rate_window": "3s"}, "rate_window must be int or float, not '3s'"),
        ({"redirect_uris": (8888,)}, "redirect_uris must hold strings, not 8888"),
    ],
)
def test_config_fields_are_type_checked(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(TypeError) as raised:
        EmulatorConfig(**kwargs)
    assert str(raised.value) == message


async def test_careless_use_of_the_emulator_object_is_a_clear_error() -> None:
    emulator = Emulator()
    with pytest.raises(RuntimeError, match="not started: use 'async with' or start"):
        _ = emulator.url
    await emulator.start()
    try:
        with pytest.raises(RuntimeError, match="already started"):
            await emulator.start()
        with pytest.raises(ValueError, match="cannot move the clock backward: -1"):
            emulator.clock.advance(-1)
    finally:
        await emulator.close()
    await emulator.close()  # closing twice is harmless
