"""Export every item of a playlist to a CSV file.

    export SPOTIFY_CLIENT_ID=... SPOTIFY_REDIRECT_URI=http://127.0.0.1:8888/callback
    python examples/export_playlist_csv.py PLAYLIST_ID_URI_OR_LINK playlist.csv

Reading a playlist's items takes a user's token (``playlist-read-private``): the first run logs
you in without a browser (it prints the URL; paste back the address you end on) and keeps the
token in ``export-token.json``. The pages after the first are fetched concurrently
(``client.fetch_all``), so even a 10,000-item playlist takes seconds. The file is written next
to its final name and renamed at the end: an interrupted export leaves no half-written file.
"""

from __future__ import annotations

import asyncio
import csv
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from async_spotify import FileTokenStore, PKCEFlow, SpotifyApiClient

COLUMNS = ("added_at", "type", "name", "artists", "album", "duration_ms", "uri")


def row(entry: dict[str, Any]) -> dict[str, Any]:
    """One CSV row of a playlist entry (a track or an episode; None for a removed item)."""
    item = entry.get("item") or entry.get("track") or {}
    people = item.get("artists") or [item.get("show") or {}]
    return {
        "added_at": entry.get("added_at"),
        "type": item.get("type"),
        "name": item.get("name"),
        "artists": "; ".join(person.get("name", "") for person in people),
        "album": (item.get("album") or {}).get("name", ""),
        "duration_ms": item.get("duration_ms"),
        "uri": item.get("uri"),
    }


async def fetch(playlist: str) -> list[dict[str, Any]]:
    """Every entry of ``playlist``, read as the logged-in user."""
    flow = PKCEFlow(
        os.environ["SPOTIFY_CLIENT_ID"],
        ["playlist-read-private", "playlist-read-collaborative"],
        os.environ["SPOTIFY_REDIRECT_URI"],
    )
    store = FileTokenStore("export-token.json")
    async with SpotifyApiClient(flow, hold_authentication=True, token_store=store) as client:
        if not client.spotify_authorization_token.valid:
            await client.login(open_browser=False)
        return await client.fetch_all(await client.playlists.get_items(playlist, limit=50))


def write(entries: list[dict[str, Any]], target: Path) -> None:
    """Write ``entries`` to ``target`` as CSV, all or nothing."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as file:
            writer = csv.DictWriter(file, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(row(entry) for entry in entries)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} PLAYLIST CSV_FILE")
    entries = asyncio.run(fetch(sys.argv[1]))
    write(entries, Path(sys.argv[2]))
    print(f"{len(entries)} items written to {sys.argv[2]}")
