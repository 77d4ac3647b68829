"""Playlists in Spotify's shapes: full and simplified playlist objects, items, cover images.

Since February 2026 Spotify sends the items twice, under ``items`` (new) and ``tracks`` (kept for
old clients), and each item's object under ``item`` and ``track``; the recording of 2026-03-03
(``spec/recorded/get-playlist__python-spotify.json``) shows both, with the same values, and
also ``primary_color``, ``video_thumbnail`` and the undocumented ``episode``/``track`` flags on
item objects. This module reproduces that shape.
"""

from __future__ import annotations

import base64
from typing import Any

from async_spotify.emulator.catalog.paging import paging
from async_spotify.emulator.state import Playlist, PlaylistEntry
from async_spotify.emulator.state.times import iso

from .call import Call

JsonObject = dict[str, Any]
#: The page of items embedded in a full playlist object.
EMBEDDED_ITEMS = 100


def item_object(call: Call, entry: PlaylistEntry, market: str | None) -> JsonObject:
    """The track or episode object of one entry, with Spotify's ``episode``/``track`` flags."""
    kind, index = entry.item
    if kind == "episode":
        return call.render.episode_in_playlist(index)
    return call.render.track_in_playlist(index, market)


def playlist_item(call: Call, entry: PlaylistEntry, market: str | None) -> JsonObject:
    """A ``PlaylistTrackObject``."""
    obj = item_object(call, entry, market)
    added_by = None if entry.added_by is None else call.render.user_link(entry.added_by)
    return {
        "added_at": iso(entry.added_at),
        "added_by": added_by,
        "is_local": False,
        "primary_color": None,
        "track": obj,
        "item": obj,
        "video_thumbnail": {"url": None},
    }


def items_page(
    call: Call,
    playlist: Playlist,
    endpoint: str,
    *,
    offset: int,
    limit: int,
    market: str | None,
    extra: list[tuple[str, str]],
) -> JsonObject:
    entries = playlist.entries[offset : offset + limit]
    return paging(
        f"{call.api}/playlists/{playlist.id}/{endpoint}",
        [playlist_item(call, entry, market) for entry in entries],
        offset=offset,
        limit=limit,
        total=len(playlist.entries),
        extra=extra,
    )


def cover_images(call: Call, playlist: Playlist) -> list[JsonObject]:
    """The uploaded cover (as a data URL), else a mosaic, else the first album's art, else []."""
    if playlist.cover is not None:
        data = base64.b64encode(playlist.cover).decode()
        return [{"height": None, "url": f"data:image/jpeg;base64,{data}", "width": None}]
    tracks = [entry.item[1] for entry in playlist.entries[:4] if entry.item[0] == "track"]
    if not tracks:
        return []
    if len(playlist.entries) < 4:
        # One image, the first album's 300 px art, without dimensions: the recorded playlist
        # (get-playlist__python-spotify.json) has exactly that.
        album = call.render.track(tracks[0])["album"]
        medium: JsonObject = album["images"][1]
        return [{"height": None, "url": medium["url"], "width": None}]
    key = playlist.image_key[:40]
    # Mosaics, like uploaded covers, come without dimensions (facts section D; the recorded
    # playlist cover has height and width null); album and artist images keep theirs.
    return [
        {"height": None, "url": f"https://mosaic.scdn.co/{size}/{key}", "width": None}
        for size in (640, 300, 60)
    ]


def owner_object(call: Call, playlist: Playlist) -> JsonObject:
    return call.render.user_link(playlist.owner_id, display_name_of(call, playlist.owner_id))


def display_name_of(call: Call, user_id: str) -> str | None:
    state = call.world.users.get(user_id)
    if state is not None:
        return state.profile.display_name
    index = call.catalog.user_index(user_id)
    return None if index is None else call.catalog.records.user(index).display_name


def _header(call: Call, playlist: Playlist, description: str | None) -> JsonObject:
    return {
        "collaborative": playlist.collaborative,
        "description": description,
        "external_urls": {"spotify": f"https://open.spotify.com/playlist/{playlist.id}"},
    }


def playlist_object(
    call: Call, playlist: Playlist, *, market: str | None, extra: list[tuple[str, str]]
) -> JsonObject:
    """A full ``PlaylistObject`` with the first 100 items embedded."""
    obj = _header(call, playlist, playlist.description)
    obj.update(
        {
            "followers": {"href": None, "total": playlist.followers_total},
            "href": f"{call.api}/playlists/{playlist.id}",
            "id": playlist.id,
            "images": cover_images(call, playlist),
            "name": playlist.name,
            "owner": owner_object(call, playlist),
            "primary_color": None,
            "public": playlist.public,
            "snapshot_id": playlist.snapshot_id,
        }
    )
    for endpoint in ("tracks", "items"):
        obj[endpoint] = items_page(
            call,
            playlist,
            endpoint,
            offset=0,
            limit=EMBEDDED_ITEMS,
            market=market,
            extra=extra,
        )
    obj.update({"type": "playlist", "uri": f"spotify:playlist:{playlist.id}"})
    return obj


def simplified_playlist(call: Call, playlist: Playlist) -> JsonObject:
    """A ``SimplifiedPlaylistObject`` (lists of playlists, search)."""
    obj = _header(call, playlist, playlist.description or "")
    total = len(playlist.entries)
    obj.update(
        {
            "href": f"{call.api}/playlists/{playlist.id}",
            "id": playlist.id,
            "images": cover_images(call, playlist),
            "name": playlist.name,
            "owner": owner_object(call, playlist),
            "primary_color": None,
            "public": playlist.public,
            "snapshot_id": playlist.snapshot_id,
            "tracks": {"href": f"{call.api}/playlists/{playlist.id}/tracks", "total": total},
            "items": {"href": f"{call.api}/playlists/{playlist.id}/items", "total": total},
            "type": "playlist",
            "uri": f"spotify:playlist:{playlist.id}",
        }
    )
    return obj
