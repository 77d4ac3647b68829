"""Export every item of a playlist to a CSV file.

    export SPOTIFY_CLIENT_ID=... SPOTIFY_CLIENT_SECRET=...
    python examples/export_playlist_csv.py PLAYLIST_ID_URI_OR_LINK playlist.csv

The pages after the first are fetched concurrently (``client.fetch_all``), so even a
10,000-item playlist takes seconds. The file is written next to its final name and renamed at
the end: an interrupted export leaves no half-written file.
"""

from __future__ import annotations

import asyncio
import csv
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from async_spotify import ClientCredentialsFlow, SpotifyApiClient

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
    """Every entry of ``playlist``, read with an app token."""
    flow = ClientCredentialsFlow(
        os.environ["SPOTIFY_CLIENT_ID"], os.environ["SPOTIFY_CLIENT_SECRET"]
    )
    async with SpotifyApiClient(flow, hold_authentication=True) as client:
        await client.get_auth_token_with_client_credentials()
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
