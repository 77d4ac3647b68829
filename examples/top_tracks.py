"""Log in and print your top tracks.

    export SPOTIFY_CLIENT_ID=... SPOTIFY_REDIRECT_URI=http://127.0.0.1:8888/callback
    python examples/top_tracks.py [short_term|medium_term|long_term]

The first run logs you in (PKCE: no client secret needed; your browser opens on Spotify's
consent page, or pass --no-browser to paste the redirected URL instead) and keeps the token in
``top-tracks-token.json``; later runs reuse and refresh it.
"""

from __future__ import annotations

import asyncio
import os
import sys

from async_spotify import FileTokenStore, PKCEFlow, SpotifyApiClient


async def main(time_range: str, open_browser: bool) -> None:
    flow = PKCEFlow(
        os.environ["SPOTIFY_CLIENT_ID"], ["user-top-read"], os.environ["SPOTIFY_REDIRECT_URI"]
    )
    store = FileTokenStore("top-tracks-token.json")
    async with SpotifyApiClient(flow, hold_authentication=True, token_store=store) as client:
        if not client.spotify_authorization_token.valid:
            await client.login(open_browser=open_browser)
        top = await client.personalization.get_top_tracks(limit=10, time_range=time_range)
        for rank, track in enumerate(top["items"], start=1):
            artists = ", ".join(artist["name"] for artist in track["artists"])
            print(f"{rank:2}. {track['name']} - {artists}")


if __name__ == "__main__":
    flags = {arg for arg in sys.argv[1:] if arg.startswith("--")}
    words = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    asyncio.run(main(words[0] if words else "medium_term", "--no-browser" not in flags))
