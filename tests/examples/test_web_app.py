"""examples/web_app.py, run as its reader runs it, visited by two people through the emulator."""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import AsyncIterator
from html import escape
from pathlib import Path

import aiohttp
import pytest

from async_spotify import SpotifyApiClient
from async_spotify.emulator import Emulator
from tests.docs.programs import consent, program_env
from tests.ports import free_port

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "web_app.py"


@pytest.fixture
async def web_app(spotify_emulator: Emulator, tmp_path: Path) -> AsyncIterator[str]:
    """The example app serving on a free loopback port; its URL."""
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(EXAMPLE),
        cwd=tmp_path,
        env=program_env(spotify_emulator, port),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert process.stdout is not None
    try:
        async with asyncio.timeout(120):  # a safety net: the app starts in about a second
            async for line in process.stdout:
                if b"Running on http://127.0.0.1:" in line:
                    break
            else:
                pytest.fail("the web app exited before serving")
        # Keep reading what it prints (a full pipe would block it), to show it on a failure.
        output = asyncio.create_task(process.stdout.read())
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        await process.wait()
    print((await output).decode(errors="replace"))


async def log_in(web: aiohttp.ClientSession, app: str, emulator: Emulator) -> str:
    """Walk a browser through /login, the consent page and /callback; the session cookie."""
    async with web.get(f"{app}/login", allow_redirects=False) as answer:
        assert answer.status == 302
        authorize = answer.headers["Location"]
    assert authorize.startswith(f"{emulator.accounts_url}/authorize?")
    back = await consent(emulator, authorize)
    assert back.startswith(f"{app}/callback?code=")
    async with web.get(back, allow_redirects=False) as answer:
        assert answer.status == 302
        assert answer.headers["Location"] == "/"
        session = answer.cookies["session"]
    assert session["httponly"]
    return session.value


async def test_a_visitor_logs_in_and_sees_their_top_tracks(
    web_app: str, spotify_emulator: Emulator, spotify_client: SpotifyApiClient
) -> None:
    top = await spotify_client.personalization.get_top_tracks(limit=5)
    me = await spotify_client.user.me()
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as web:
        async with web.get(web_app) as answer:
            assert answer.status == 200
            assert '<a href="/login">Log in with Spotify</a>' in await answer.text()
        session = await log_in(web, web_app, spotify_emulator)
        headers = {"Cookie": f"session={session}"}
        async with web.get(web_app, headers=headers) as answer:
            text = await answer.text()
        assert f"<h1>Top tracks of {escape(me['display_name'])}</h1>" in text
        shown = re.findall(r"<li>(.*?)</li>", text)
        assert shown == [escape(track["name"]) for track in top["items"]]

        spotify_emulator.clock.advance(3600)  # the visitor's token expires: the app refreshes it
        async with web.get(web_app, headers=headers) as answer:
            assert re.findall(r"<li>(.*?)</li>", await answer.text()) == shown
        async with web.get(f"{web_app}/logout", headers=headers, allow_redirects=False) as answer:
            assert answer.status == 302
        async with web.get(web_app, headers=headers) as answer:
            assert "Log in with Spotify" in await answer.text()
    tokens = spotify_emulator.stats()["tokens"]
    assert (tokens["authorization_code"], tokens["refresh_token"]) == (1, 1)


async def test_a_forged_callback_is_refused(web_app: str, spotify_emulator: Emulator) -> None:
    forged = f"{web_app}/callback?code=stolen&state=forged"
    async with (
        aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as web,
        web.get(forged) as answer,
    ):
        assert answer.status == 400
        assert "<h1>Login failed</h1>" in await answer.text()
        assert "session" not in answer.cookies
    assert spotify_emulator.stats()["tokens"].get("authorization_code", 0) == 0
