"""A short, real program against the built-in emulator (what `make demo` runs).

It starts `python -m async_spotify.emulator` on a free loopback port, then uses only the public
API, as an AsyncSpotify user would: a client-credentials token, a search, an album with its
tracks; then a user's authorization (the cookie shortcut that AsyncSpotify's tests use), the
user's profile and a page of one of their playlists.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from async_spotify import (
    AuthorizationCodeFlow,
    ClientCredentialsFlow,
    SpotifyApiClient,
    SpotifyCookie,
)
from async_spotify.emulator import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_REDIRECT_URI


@contextmanager
def emulator() -> Iterator[tuple[str, dict[str, str]]]:
    """Run the emulator in a subprocess; yield its URL and the test user's cookies."""
    process = subprocess.Popen(
        [sys.executable, "-m", "async_spotify.emulator", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip().removeprefix("listening on ")
        cookies = json.loads(process.stdout.readline().strip().removeprefix("cookies "))
        yield url, cookies
    finally:
        process.terminate()
        process.wait(timeout=10)


def show(title: str, lines: list[str]) -> None:
    print(f"\n== {title}")
    for line in lines:
        print(f"   {line}")


def duration(track: dict[str, Any]) -> str:
    seconds = track["duration_ms"] // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


async def main(url: str, cookies: dict[str, str]) -> None:
    endpoints = {"base_url": f"{url}/v1", "accounts_url": url}

    app_flow = ClientCredentialsFlow(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET)
    async with SpotifyApiClient(app_flow, hold_authentication=True, **endpoints) as client:
        token = await client.get_auth_token_with_client_credentials()
        show("client-credentials token", [f"expires in {token.expires_in} s: {token!r}"])

        found = await client.search.start("midnight", ["track", "album"], limit=5)
        show(
            "search 'midnight' (tracks)",
            [
                f"{t['name']} - {', '.join(a['name'] for a in t['artists'])}"
                for t in found["tracks"]["items"]
            ],
        )

        album_id = found["albums"]["items"][0]["id"]
        album = await client.albums.get_one(album_id, market="US")
        tracks = await client.albums.get_tracks(album_id, limit=10)
        show(
            f"album {album['name']!r} ({album['release_date']}, {album['total_tracks']} tracks)",
            [f"{t['track_number']:>2}. {t['name']} [{duration(t)}]" for t in tracks["items"]],
        )

    user_flow = AuthorizationCodeFlow(
        DEFAULT_CLIENT_ID,
        DEFAULT_CLIENT_SECRET,
        ["user-read-private", "user-read-email", "playlist-read-private"],
        DEFAULT_REDIRECT_URI,
    )
    async with SpotifyApiClient(user_flow, hold_authentication=True, **endpoints) as client:
        code = await client.get_code_with_cookie(SpotifyCookie(**cookies))
        await client.get_auth_token_with_code(code)
        me = await client.user.me()
        show("the user", [f"{me['display_name']} ({me['id']}), {me['country']}, {me['product']}"])

        mine = [
            playlist
            async for playlist in client.paginate(await client.playlists.current_get_all())
            if playlist["owner"]["id"] == me["id"]
        ]
        biggest = max(mine, key=lambda playlist: playlist["items"]["total"])
        page = await client.playlists.get_items(biggest["id"], limit=5)
        show(
            f"{len(mine)} playlists of your own; the biggest, {biggest['name']!r}, "
            f"starts with (of {page['total']} items)",
            [
                f"{entry['item']['name']} - {entry['item']['artists'][0]['name']}"
                for entry in page["items"]
            ],
        )
        everything = await client.fetch_all(page)
        show(
            "the whole playlist, its remaining pages fetched concurrently",
            [f"{len(everything)} items, the last one {everything[-1]['item']['name']!r}"],
        )


if __name__ == "__main__":
    with emulator() as (emulator_url, test_cookies):
        print(f"emulator at {emulator_url}")
        asyncio.run(main(emulator_url, test_cookies))
    print("\ndone")
