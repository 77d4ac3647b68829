"""What the login tests share: a free loopback port, an output that says when it was written to,
and a person answering the emulator's consent page (with its login cookies, or with the form)."""

from __future__ import annotations

import asyncio
import io
import re
from html import unescape
from urllib.parse import urlsplit

import aiohttp

from async_spotify.emulator import Emulator


class WatchedOutput(io.StringIO):
    """A text output whose writes wake up whoever waits for a line that matches."""

    def __init__(self) -> None:
        super().__init__()
        self._written = asyncio.Event()

    def write(self, text: str) -> int:
        self._written.set()
        return super().write(text)

    async def wait_for(self, pattern: str) -> re.Match[str]:
        while True:
            match = re.search(pattern, self.getvalue())
            if match is not None:
                return match
            self._written.clear()
            await asyncio.wait_for(self._written.wait(), timeout=30)


def printed_url(output: str) -> str:
    """The authorization URL login() printed."""
    match = re.search(r"^  (http://\S+/authorize\?\S+)$", output, re.MULTILINE)
    assert match is not None, output
    return match.group(1)


async def redirect_with_cookies(http: aiohttp.ClientSession, emulator: Emulator, url: str) -> str:
    """Where the emulator sends a browser holding the default user's login cookies."""
    cookie = "; ".join(f"{name}={value}" for name, value in emulator.cookies.items())
    async with http.get(url, headers={"Cookie": cookie}, allow_redirects=False) as response:
        assert response.status == 302, await response.text()
        return response.headers["Location"]


async def answer_consent_form(
    http: aiohttp.ClientSession, url: str, action: str, username: str = ""
) -> str:
    """Open the consent page as a logged-out browser, press ``action``; the redirect's target."""
    async with http.get(url, allow_redirects=False) as response:
        assert response.status == 200
        page = await response.text()
    request_id = re.search(r'name="request_id" value="([^"]+)"', page)
    assert request_id is not None, page
    parts = urlsplit(url)
    consent = f"{parts.scheme}://{parts.netloc}/authorize/consent"
    form = {"request_id": unescape(request_id.group(1)), "action": action, "username": username}
    async with http.post(consent, data=form, allow_redirects=False) as response:
        assert response.status == 302, await response.text()
        return response.headers["Location"]
