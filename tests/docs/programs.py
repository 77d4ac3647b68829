"""Run a documented program as its reader would, against a running emulator.

The program is started as a subprocess with the environment a reader sets for it
(``SPOTIFY_CLIENT_ID``, ``SPOTIFY_CLIENT_SECRET``, ``SPOTIFY_REDIRECT_URI``) and the two
variables that point any ``SpotifyApiClient`` at the emulator (``SPOTIFY_BASE_URL``,
``SPOTIFY_ACCOUNTS_URL``). When it prints an authorization URL, this module plays the person at
the browser: it opens the URL with the emulator's login cookies, clicks "Agree" on the consent
page, and follows the redirect to the program's callback server (``client.login()``), or, when
nothing listens there, pastes the redirected URL on the program's standard input (an ``input()``
prompt). ``BROWSER=true`` makes :mod:`webbrowser` "open" pages with a command that does nothing,
so that a program calling ``login()`` never starts a real browser.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp

from async_spotify.emulator import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, Emulator

#: The limit of one program's run: a safety net against a hang, not a measure of speed.
RUN_LIMIT = 180.0


@dataclass(frozen=True)
class Finished:
    """What a program did: its exit status, what it printed, and how often it asked to log in."""

    returncode: int
    stdout: str
    stderr: str
    logins: int


def program_env(emulator: Emulator, redirect_port: int) -> dict[str, str]:
    """The environment of a reader who runs the documented programs against ``emulator``."""
    return {
        **os.environ,
        "SPOTIFY_CLIENT_ID": DEFAULT_CLIENT_ID,
        "SPOTIFY_CLIENT_SECRET": DEFAULT_CLIENT_SECRET,
        "SPOTIFY_REDIRECT_URI": f"http://127.0.0.1:{redirect_port}/callback",
        "SPOTIFY_BASE_URL": emulator.base_url,
        "SPOTIFY_ACCOUNTS_URL": emulator.accounts_url,
        "PYTHONUNBUFFERED": "1",
        "BROWSER": "true",
    }


async def consent(emulator: Emulator, authorize_url: str) -> str:
    """Open ``authorize_url`` as the emulator's logged-in user, agree, and return the redirect."""
    async with aiohttp.ClientSession(cookies=emulator.cookies) as session:
        async with session.get(authorize_url, allow_redirects=False) as answer:
            if answer.status in (302, 303):
                return answer.headers["Location"]
            page = await answer.text()
            assert answer.status == 200, page
        request_id = re.search(r'name="request_id" value="([^"]+)"', page)
        assert request_id is not None, page
        form = {"request_id": request_id.group(1), "username": emulator.user_id, "action": "accept"}
        consent_url = f"{emulator.accounts_url}/authorize/consent"
        async with session.post(consent_url, data=form, allow_redirects=False) as answer:
            assert answer.status in (302, 303), await answer.text()
            return answer.headers["Location"]


async def deliver(redirect: str, stdin: asyncio.StreamWriter) -> None:
    """Bring the browser back to ``redirect``: to the callback server, else pasted on stdin."""
    try:
        async with aiohttp.ClientSession() as session, session.get(redirect) as answer:
            assert answer.status == 200, await answer.text()
    except aiohttp.ClientConnectorError:  # no callback server: the program asks for the URL
        stdin.write(redirect.encode() + b"\n")
        await stdin.drain()


async def run_program(
    args: list[str], emulator: Emulator, *, cwd: Path, redirect_port: int
) -> Finished:
    """Run ``python args...`` in ``cwd`` against ``emulator``, logging in when it asks."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        *args,
        cwd=cwd,
        env=program_env(emulator, redirect_port),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    assert process.stderr is not None
    authorize = re.compile(re.escape(emulator.accounts_url) + r"/authorize\?\S+")
    logins = 0
    out: list[str] = []
    err: list[str] = []

    async def watch(stream: asyncio.StreamReader, lines: list[str]) -> None:
        nonlocal logins
        async for raw in stream:
            line = raw.decode(errors="replace")
            lines.append(line)
            found = authorize.search(line)
            if found is not None:
                logins += 1
                redirect = await consent(emulator, found.group(0))
                assert urlsplit(redirect).port == redirect_port, redirect
                assert process.stdin is not None
                await deliver(redirect, process.stdin)

    try:
        async with asyncio.timeout(RUN_LIMIT):
            await asyncio.gather(watch(process.stdout, out), watch(process.stderr, err))
            returncode = await process.wait()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    return Finished(returncode, "".join(out), "".join(err), logins)
