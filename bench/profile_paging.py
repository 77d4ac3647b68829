"""``python -m bench.profile_paging``: where the CPU of ``client.fetch_all`` goes (cProfile).

Reads the emulator's 10,000-item playlist (no latency) once to warm up, then once under
cProfile, and prints the functions with the most time of their own.
"""

from __future__ import annotations

import asyncio
import cProfile
import json
import pstats

from async_spotify import AuthorizationCodeFlow, SpotifyApiClient, SpotifyCookie
from async_spotify.emulator import (
    ALL_SCOPES,
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_REDIRECT_URI,
)
from bench.playlist_read import _the_big_playlist, read_all
from bench.servers import server_process


async def main() -> None:
    emulator = ["-m", "async_spotify.emulator", "--port", "0"]
    async with server_process(emulator) as (url, (cookie_line,)):
        cookies = SpotifyCookie(**json.loads(cookie_line.removeprefix("cookies ")))
        flow = AuthorizationCodeFlow(
            DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, list(ALL_SCOPES), DEFAULT_REDIRECT_URI
        )
        client = SpotifyApiClient(
            flow, hold_authentication=True, base_url=url + "/v1", accounts_url=url
        )
        async with client:
            await client.get_auth_token_with_code(await client.get_code_with_cookie(cookies))
            playlist_id = await _the_big_playlist(client)
            await read_all(client, playlist_id)
            profile = cProfile.Profile()
            profile.enable()
            items = await read_all(client, playlist_id)
            profile.disable()
            del items
    pstats.Stats(profile).sort_stats("tottime").print_stats(18)


asyncio.run(main())
