"""``client.login()`` end to end against the emulator: its callback server, the pasted-URL path,
the checks it makes before starting, and its timeout (a sleep the test controls, never a timer)."""

from __future__ import annotations

import asyncio
import io
import os
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from async_spotify import (
    AuthorizationCodeFlow,
    AuthorizationError,
    ClientCredentialsFlow,
    FileTokenStore,
    InvalidInputError,
    LoginTimeoutError,
    MemoryTokenStore,
    PKCEFlow,
    SpotifyApiClient,
    SpotifyError,
)
from async_spotify.auth.login import DEFAULT_LOGIN_TIMEOUT, loopback_redirect, ssh_forward_command
from async_spotify.emulator import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, Emulator
from tests.auth.login_helpers import (
    WatchedOutput,
    answer_consent_form,
    printed_url,
    redirect_with_cookies,
)
from tests.ports import free_port

SCOPES = ["user-read-private", "playlist-read-private"]


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    async with Emulator() as emulator:
        yield emulator


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


def make_client(emu: Emulator, flow: Any, **options: Any) -> SpotifyApiClient:
    options.setdefault("hold_authentication", True)
    return SpotifyApiClient(flow, base_url=emu.base_url, accounts_url=emu.accounts_url, **options)


def pkce(port: int, path: str = "/callback") -> PKCEFlow:
    return PKCEFlow(DEFAULT_CLIENT_ID, SCOPES, f"http://127.0.0.1:{port}{path}")


class BrowserStandIn:
    """Receives the URL login() opens (in login's worker thread) on the test's loop."""

    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.urls: asyncio.Queue[str] = asyncio.Queue()

    def __call__(self, url: str) -> bool:
        self.loop.call_soon_threadsafe(self.urls.put_nowait, url)
        return True

    async def next_url(self) -> str:
        return await asyncio.wait_for(self.urls.get(), timeout=30)


def refused(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


async def test_pkce_login_through_the_callback_server(
    emu: Emulator, http: aiohttp.ClientSession
) -> None:
    port = free_port()
    store = MemoryTokenStore()
    client = make_client(emu, pkce(port), token_store=store)
    browser = BrowserStandIn()
    output = WatchedOutput()
    login = asyncio.create_task(client.login(open_browser=browser, output=output))
    url = await browser.next_url()
    query = parse_qs(urlsplit(url).query)
    assert url.startswith(f"{emu.accounts_url}/authorize?")
    assert query["client_id"] == [DEFAULT_CLIENT_ID]
    assert query["redirect_uri"] == [f"http://127.0.0.1:{port}/callback"]
    assert query["scope"] == ["user-read-private playlist-read-private"]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43
    assert query["show_dialog"] == ["false"]
    assert "client_secret" not in url
    assert printed_url(output.getvalue()) == url

    location = await redirect_with_cookies(http, emu, url)
    assert location.startswith(f"http://127.0.0.1:{port}/callback?code=")
    assert parse_qs(urlsplit(location).query)["state"] == query["state"]
    async with http.get(location) as response:
        page = await response.text()
        assert response.status == 200
        assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "You are logged in to Spotify. You can close this tab." in page
    assert "<script" not in page.lower()

    token = await login
    assert token.access_token and token.refresh_token
    assert token.scopes == frozenset(SCOPES)
    assert client.spotify_authorization_token == token
    assert await store.load() == token
    assert emu.stats()["tokens"] == {
        "authorization_code": 0, "pkce": 1, "client_credentials": 0, "refresh_token": 0
    }  # fmt: skip
    assert refused(port)  # the server is gone
    async with client:
        me = await client.user.me()
    assert me["id"] == emu.world.default_user_id


async def test_authorization_code_flow_login_sends_the_secret_and_no_challenge(
    emu: Emulator, http: aiohttp.ClientSession, tmp_path: Path
) -> None:
    port = free_port()
    flow = AuthorizationCodeFlow(
        DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, SCOPES, f"http://127.0.0.1:{port}/callback"
    )
    store = FileTokenStore(tmp_path / "token.json")
    client = make_client(emu, flow, token_store=store)
    browser = BrowserStandIn()
    login = asyncio.create_task(client.login(open_browser=browser, output=WatchedOutput()))
    url = await browser.next_url()
    assert "code_challenge" not in url
    assert "state=" in url
    async with http.get(await redirect_with_cookies(http, emu, url)) as response:
        assert response.status == 200
    token = await login
    assert emu.stats()["tokens"]["authorization_code"] == 1
    assert emu.stats()["tokens"]["pkce"] == 0
    assert await store.load() == token
    assert (tmp_path / "token.json").stat().st_mode & 0o777 == 0o600


async def test_pasted_url_completes_a_headless_login(
    emu: Emulator, http: aiohttp.ClientSession
) -> None:
    port = free_port()
    client = make_client(emu, pkce(port))
    read_end, write_end = os.pipe()
    output = WatchedOutput()
    with os.fdopen(read_end) as stdin, os.fdopen(write_end, "w") as paste:
        login = asyncio.create_task(client.login(open_browser=False, stdin=stdin, output=output))
        await output.wait_for("paste here")
        url = printed_url(output.getvalue())
        location = await redirect_with_cookies(http, emu, url)
        state = parse_qs(urlsplit(location).query)["state"][0]

        paste.write("not a url\n")
        paste.flush()
        await output.wait_for("has no code=")
        forged = location.replace(f"state={state}", "state=forged")
        paste.write(f"{forged}\n")
        paste.flush()
        await output.wait_for("state is not the one sent")
        assert not login.done()

        paste.write(f"  {location}  \n")
        paste.flush()
        token = await login
    assert client.spotify_authorization_token == token
    assert token.scopes == frozenset(SCOPES)
    printed = output.getvalue()
    assert "Opening your browser" not in printed
    assert "ssh -L" not in printed or os.environ.get("SSH_CONNECTION")
    assert refused(port)


async def test_over_ssh_the_forwarding_command_is_printed(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "192.0.2.7 53122 198.51.100.4 22")
    monkeypatch.setenv("USER", "ana")
    port = free_port()
    client = make_client(emu, pkce(port))
    output = WatchedOutput()
    read_end, write_end = os.pipe()
    with os.fdopen(read_end) as stdin, os.fdopen(write_end, "w"):

        async def no_wait(seconds: float) -> None:
            await output.wait_for("paste here")

        with pytest.raises(LoginTimeoutError):
            await client.login(open_browser=False, stdin=stdin, output=output, sleep=no_wait)
    assert f"  ssh -L {port}:127.0.0.1:{port} ana@198.51.100.4\n" in output.getvalue()


def test_ssh_command_for_another_ssh_port_and_ipv6() -> None:
    redirect = loopback_redirect("http://[::1]:9000/cb")
    command = ssh_forward_command(redirect, "2001:db8::2 50000 2001:db8::1 2222")
    assert command.startswith("ssh -L 9000:[::1]:9000 -p 2222 ")
    assert command.endswith("2001:db8::1")


async def test_timeout_closes_the_server_and_says_so(
    emu: Emulator, http: aiohttp.ClientSession
) -> None:
    port = free_port()
    client = make_client(emu, pkce(port))
    waits: list[float] = []
    listening: list[int] = []

    async def deadline_reached(seconds: float) -> None:
        waits.append(seconds)
        async with http.get(f"http://127.0.0.1:{port}/elsewhere") as response:
            listening.append(response.status)

    with pytest.raises(LoginTimeoutError) as caught:
        await client.login(
            open_browser=lambda url: True, output=WatchedOutput(), sleep=deadline_reached
        )
    assert waits == [DEFAULT_LOGIN_TIMEOUT]
    assert listening == [404]  # it was listening (on /callback only) while it waited
    assert isinstance(caught.value, SpotifyError) and isinstance(caught.value, TimeoutError)
    assert caught.value.text.startswith(
        "Nobody came back from the Spotify login within 5 minutes: the login timed out and "
        f"its server on http://127.0.0.1:{port}/callback is closed."
    )
    assert refused(port)
    assert not client.spotify_authorization_token.valid
    assert emu.stats()["tokens"]["pkce"] == 0


async def test_a_forged_callback_is_refused_and_the_login_goes_on(
    emu: Emulator, http: aiohttp.ClientSession
) -> None:
    port = free_port()
    client = make_client(emu, pkce(port))
    browser = BrowserStandIn()
    login = asyncio.create_task(client.login(open_browser=browser, output=WatchedOutput()))
    url = await browser.next_url()
    async with http.get(
        f"http://127.0.0.1:{port}/callback?code=stolen&state=forged<b>"
    ) as response:
        assert response.status == 400
        assert "its state is not the one sent" in await response.text()
    async with http.get(f"http://127.0.0.1:{port}/favicon.ico") as response:
        assert response.status == 404
    assert not login.done()
    async with http.get(await redirect_with_cookies(http, emu, url)) as response:
        assert response.status == 200
    assert (await login).valid
    assert emu.stats()["tokens"]["pkce"] == 1


async def test_cancel_on_the_consent_page_is_an_authorization_error(
    emu: Emulator, http: aiohttp.ClientSession
) -> None:
    port = free_port()
    client = make_client(emu, pkce(port))
    browser = BrowserStandIn()
    login = asyncio.create_task(client.login(open_browser=browser, output=WatchedOutput()))
    location = await answer_consent_form(http, await browser.next_url(), "deny")
    async with http.get(location) as response:
        assert response.status == 400
        page = await response.text()
    assert "access_denied" in page and "You can close this tab." in page
    with pytest.raises(AuthorizationError) as caught:
        await login
    assert caught.value.error == "access_denied"
    assert refused(port)


async def test_a_refused_code_exchange_is_shown_in_the_tab_and_raised(
    emu: Emulator, http: aiohttp.ClientSession
) -> None:
    port = free_port()
    client = make_client(emu, pkce(port))
    browser = BrowserStandIn()
    login = asyncio.create_task(client.login(open_browser=browser, output=WatchedOutput()))
    url = await browser.next_url()
    location = await redirect_with_cookies(http, emu, url)
    code = parse_qs(urlsplit(location).query)["code"][0]
    forged = location.replace(code, "not-the-code")
    async with http.get(forged) as response:
        assert response.status == 400
        page = await response.text()
    assert "The login failed: invalid_grant" in page and "You can close this tab." in page
    with pytest.raises(AuthorizationError) as caught:
        await login
    assert caught.value.error == "invalid_grant"


async def test_a_busy_port_is_a_clear_error(emu: Emulator) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        client = make_client(emu, pkce(port))
        with pytest.raises(SpotifyError, match=f"cannot listen on 127.0.0.1 port {port}"):
            await client.login(open_browser=False, output=WatchedOutput())


@pytest.mark.parametrize(
    ("redirect_uri", "expected"),
    [
        ("https://app.example.com/callback", "must be a loopback address"),
        ("myapp://callback", "must be a loopback address"),
        ("http://localhost:8888/callback", "uses 'localhost'"),
        ("http://192.0.2.1:8888/callback", "uses plain http"),
        ("http://app.test:8888/callback", "uses plain http"),  # a name, not an address
        ("http://127.0.0.1:0/callback", "needs a real port"),
        ("http://127.0.0.1:99999/callback", "has an invalid port"),
    ],
)
async def test_a_redirect_uri_login_cannot_serve_is_refused_before_anything_starts(
    emu: Emulator, redirect_uri: str, expected: str
) -> None:
    client = make_client(emu, PKCEFlow(DEFAULT_CLIENT_ID, SCOPES, redirect_uri))
    opened: list[str] = []
    with pytest.raises(InvalidInputError, match=expected) as caught:
        await client.login(open_browser=opened.append)
    assert redirect_uri in caught.value.text
    assert opened == []


async def test_login_needs_a_user_flow_and_a_client_that_keeps_the_token(emu: Emulator) -> None:
    app_only = make_client(emu, ClientCredentialsFlow(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET))
    with pytest.raises(SpotifyError, match="needs a PKCEFlow"):
        await app_only.login()
    not_holding = make_client(emu, pkce(free_port()), hold_authentication=False)
    with pytest.raises(SpotifyError, match="hold_authentication=True"):
        await not_holding.login()


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), "60", True])
async def test_bad_timeouts_are_refused(emu: Emulator, bad: Any) -> None:
    client = make_client(emu, pkce(free_port()))
    with pytest.raises(InvalidInputError, match="timeout must be a positive number"):
        await client.login(timeout=bad)


async def test_the_callback_page_escapes_what_it_echoes(
    emu: Emulator, http: aiohttp.ClientSession
) -> None:
    port = free_port()
    client = make_client(emu, pkce(port))
    browser = BrowserStandIn()
    login = asyncio.create_task(client.login(open_browser=browser, output=WatchedOutput()))
    state = parse_qs(urlsplit(await browser.next_url()).query)["state"][0]
    hostile = "<script>alert(1)</script>"
    async with http.get(
        f"http://127.0.0.1:{port}/callback", params={"state": state, "error": hostile}
    ) as response:
        page = await response.text()
        assert response.headers["Content-Type"].startswith("text/html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page
    with pytest.raises(AuthorizationError) as caught:
        await login
    assert caught.value.error == hostile


def test_a_redirect_names_itself_in_its_repr() -> None:
    redirect = loopback_redirect("http://127.0.0.1:8080/cb")
    assert repr(redirect) == "LoopbackRedirect('http://127.0.0.1:8080/cb')"
    assert (redirect.host, redirect.port, redirect.path) == ("127.0.0.1", 8080, "/cb")


async def test_an_open_browser_that_is_neither_a_bool_nor_a_function_is_refused(
    emu: Emulator,
) -> None:
    client = make_client(emu, pkce(free_port()))
    with pytest.raises(InvalidInputError) as caught:
        await client.login(open_browser="firefox")  # type: ignore[arg-type]
    assert caught.value.text == (
        "open_browser must be True, False or a function of the URL, not 'firefox'"
    )


async def test_a_browser_that_cannot_open_is_said_and_the_login_waits_on(emu: Emulator) -> None:
    client = make_client(emu, pkce(free_port()))
    output = WatchedOutput()

    async def until_said(seconds: float) -> None:
        await output.wait_for("Could not open a browser")

    with pytest.raises(LoginTimeoutError):
        await client.login(open_browser=lambda url: False, output=output, sleep=until_said)
    assert "Could not open a browser: open the URL above yourself.\n" in output.getvalue()


async def test_a_pasted_denial_ends_the_login_with_the_error(emu: Emulator) -> None:
    port = free_port()
    client = make_client(emu, pkce(port))
    output = WatchedOutput()
    read_end, write_end = os.pipe()
    with os.fdopen(read_end) as stdin, os.fdopen(write_end, "w") as paste:
        login = asyncio.create_task(client.login(open_browser=False, stdin=stdin, output=output))
        await output.wait_for("paste here")
        state = parse_qs(urlsplit(printed_url(output.getvalue())).query)["state"][0]
        paste.write("\n")  # an empty line is no answer
        paste.write(f"http://127.0.0.1:{port}/callback?error=access_denied&state={state}\n")
        paste.flush()
        with pytest.raises(AuthorizationError) as caught:
            await login
    assert caught.value.error == "access_denied"
    assert "did not authorize the app" in caught.value.text
    assert "That is not the address" not in output.getvalue()
    assert refused(port)
    assert emu.stats()["tokens"]["pkce"] == 0


async def test_a_stdin_without_a_file_descriptor_is_read_in_a_thread(emu: Emulator) -> None:
    client = make_client(emu, pkce(free_port()))
    output = WatchedOutput()

    async def until_answered(seconds: float) -> None:
        await output.wait_for("has no code=")

    with pytest.raises(LoginTimeoutError):
        await client.login(
            open_browser=False,
            stdin=io.StringIO("not the address\n"),
            output=output,
            sleep=until_answered,
        )
    assert "paste the whole address from the browser's address bar" in output.getvalue()
