"""The Playlists endpoint group (``client.playlists``): read, create and edit playlists.

Since February 2026 a playlist's contents are read and edited at ``/playlists/{id}/items``
(:meth:`Playlists.get_items`, :meth:`~Playlists.add_items`, :meth:`~Playlists.remove_items`,
:meth:`~Playlists.reorder_items`, :meth:`~Playlists.replace_items`) and playlists are created
with ``POST /me/playlists`` (:meth:`~Playlists.create`). AsyncSpotify's methods for the older
``/tracks`` and ``/users/{id}/playlists`` endpoints still work for extended-quota apps; they warn
and name their replacement. For development-mode apps (``app_mode="development"``), which lost
``/tracks``, the ``*_tracks`` methods use ``/items``.

Every edit answers a ``{"snapshot_id": ...}``, the playlist's version after the edit, which the
methods return. Lists longer than Spotify takes at once (100 items) are sent in chunks, in order;
the snapshot returned is the last one.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Unpack
from urllib.parse import quote

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint, NoContent
from async_spotify.endpoints.parameters import warn_unknown_parameters
from async_spotify.ids import SpotifyKind, to_id, to_uris
from async_spotify.spotify_errors import (
    InvalidRequestError,
    InvalidResponseError,
    ServerError,
    SpotifyBaseError,
    SpotifyTransportError,
    error_payload,
)
from async_spotify.types import (
    ArrayOfImages,
    PagingPlaylistObject,
    PagingPlaylistTrackObject,
    PlaylistObject,
    PlaylistSnapshotId,
)
from async_spotify.types.parameters import (
    ChangePlaylistDetailsParams,
    CreatePlaylistForUserParams,
    GetAListOfCurrentUsersPlaylistsParams,
    GetListUsersPlaylistsParams,
    GetPlaylistParams,
    GetPlaylistsItemsParams,
    GetPlaylistsTracksParams,
)
from async_spotify.validation import check_body, limit_bounds, max_items

#: What a playlist holds.
ITEM_KINDS: tuple[SpotifyKind, ...] = ("track", "episode")
#: What can be removed from one: local files too (they cannot be added through the API).
REMOVABLE_KINDS: tuple[SpotifyKind, ...] = ("track", "episode", "local")
#: Spotify's limit for an uploaded cover: 256 KB of base64 text.
MAX_COVER_BYTES = 256 * 1024
_JPEG_MAGIC = b"\xff\xd8\xff"

#: Tracks or episodes: URIs or open.spotify.com URLs (a str may hold several, comma-separated).
Uris = str | Iterable[str]
#: An item to remove: a URI (every occurrence), or ``{"uri": ..., "positions": [...]}``.
Removal = str | Mapping[str, Any]


class Playlists(Endpoint):
    """Playlists: their details, items and cover."""

    # -- reading ---------------------------------------------------------------------------------

    async def get_one(
        self,
        playlist_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetPlaylistParams],
    ) -> PlaylistObject:
        """A playlist with its first 100 items. ``GET /playlists/{playlist_id}`` (any token).

        kwargs: ``market``, ``fields`` (e.g. ``"name,items.items(item.name)"``),
        ``additional_types``.
        """
        query = self._query("get-playlist", kwargs, extra=extra_query)
        return await self._request(
            "GET", _path(playlist_id), query=query, auth_token=auth_token, result=PlaylistObject
        )

    async def get_items(
        self,
        playlist_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetPlaylistsItemsParams],
    ) -> PagingPlaylistTrackObject:
        """A page of the playlist's items (owned or collaborative playlists only).

        ``GET /playlists/{playlist_id}/items`` (``playlist-read-private``). kwargs: ``limit``
        (≤ 50), ``offset``, ``market``, ``fields``, ``additional_types``.
        """
        query = self._query("get-playlists-items", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            _path(playlist_id, "items"),
            query=query,
            auth_token=auth_token,
            result=PagingPlaylistTrackObject,
        )

    async def get_tracks(
        self,
        playlist_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetPlaylistsTracksParams],
    ) -> PagingPlaylistTrackObject:
        """A page of the playlist's items. ``GET /playlists/{playlist_id}/tracks``
        (``playlist-read-private``). kwargs: ``limit`` (≤ 100), ``offset``, ``market``,
        ``fields``, ``additional_types``.

        Deprecated by Spotify: use :meth:`get_items`.
        """
        collection = self._tracks_collection("playlists.get_tracks", "playlists.get_items")
        query = self._query(_GET_OPERATION[collection], kwargs, extra=extra_query)
        return await self._request(
            "GET",
            _path(playlist_id, collection),
            query=query,
            auth_token=auth_token,
            result=PagingPlaylistTrackObject,
        )

    async def current_get_all(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetAListOfCurrentUsersPlaylistsParams],
    ) -> PagingPlaylistObject:
        """The current user's playlists (owned and followed). ``GET /me/playlists``
        (``playlist-read-private``). kwargs: ``limit`` (≤ 50), ``offset``.
        """
        query = self._query("get-a-list-of-current-users-playlists", kwargs, extra=extra_query)
        return await self._request(
            "GET", "/me/playlists", query=query, auth_token=auth_token, result=PagingPlaylistObject
        )

    async def get_user_all(
        self,
        user_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetListUsersPlaylistsParams],
    ) -> PagingPlaylistObject:
        """A user's public playlists. ``GET /users/{user_id}/playlists``
        (``playlist-read-private``, ``playlist-read-collaborative``). kwargs: ``limit``,
        ``offset``.

        Deprecated by Spotify (no replacement for other users; for the current user use
        :meth:`current_get_all`).
        """
        self._deprecated("playlists.get_user_all", "playlists.current_get_all for the current user")
        query = self._query("get-list-users-playlists", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            f"{_user_path(user_id)}/playlists",
            query=query,
            auth_token=auth_token,
            result=PagingPlaylistObject,
        )

    async def get_cover(
        self, playlist_id: str, auth_token: SpotifyAuthorisationToken | None = None
    ) -> ArrayOfImages:
        """The cover images (a list; their URLs expire within a day).

        ``GET /playlists/{playlist_id}/images`` (any token).
        """
        return await self._request(
            "GET", _path(playlist_id, "images"), auth_token=auth_token, result=ArrayOfImages
        )

    # -- creating and changing details -----------------------------------------------------------

    async def create(
        self,
        name: str,
        public: bool | None = None,
        collaborative: bool | None = None,
        description: str | None = None,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> PlaylistObject:
        """Create a playlist for the current user. ``POST /me/playlists``
        (``playlist-modify-public`` or ``-private``).

        Spotify makes a playlist public unless told otherwise, and a collaborative playlist must
        be private: with ``collaborative=True`` and ``public`` left out, ``public=False`` is
        sent; ``public=True`` with ``collaborative=True`` is refused.
        """
        if not isinstance(name, str) or not name:
            raise InvalidRequestError(f"a playlist needs a non-empty str name, not {name!r}")
        if collaborative is True and public is None:
            public = False
        details = _details(
            "playlists.create",
            {"public": public, "collaborative": collaborative, "description": description},
        )
        return await self._request(
            "POST",
            "/me/playlists",
            body={"name": name, **details},
            auth_token=auth_token,
            result=PlaylistObject,
        )

    async def create_playlist(
        self,
        user_id: str,
        playlist_name: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        **kwargs: Unpack[CreatePlaylistForUserParams],
    ) -> PlaylistObject:
        """Create a playlist for ``user_id`` (the current user). ``POST /users/{user_id}/playlists``
        (``playlist-modify-public`` or ``-private``). kwargs: ``public``, ``collaborative``,
        ``description``.

        Deprecated by Spotify: use :meth:`create`.
        """
        self._deprecated("playlists.create_playlist", "playlists.create")
        if "name" in kwargs:
            raise InvalidRequestError(
                "playlists.create_playlist: pass the name as playlist_name, not as the name keyword"
            )
        if not isinstance(playlist_name, str) or not playlist_name:
            raise InvalidRequestError(
                f"a playlist needs a non-empty str name, not {playlist_name!r}"
            )
        warn_unknown_parameters("create-playlist-for-user", kwargs)
        body = {"name": playlist_name, **_details("playlists.create_playlist", kwargs)}
        return await self._request(
            "POST",
            f"{_user_path(user_id)}/playlists",
            body=body,
            auth_token=auth_token,
            result=PlaylistObject,
        )

    async def change_details(
        self,
        playlist_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        **kwargs: Unpack[ChangePlaylistDetailsParams],
    ) -> NoContent:
        """Change the name, description, public or collaborative status of a playlist.

        ``PUT /playlists/{playlist_id}`` (``playlist-modify-public`` or ``-private``); kwargs
        form the JSON body: ``name``, ``public``, ``collaborative``, ``description``.
        """
        warn_unknown_parameters("change-playlist-details", kwargs)
        body = _details("playlists.change_details", kwargs)
        if not body:
            raise InvalidRequestError(
                "playlists.change_details needs at least one of name, public, collaborative, "
                "description"
            )
        return await self._request(
            "PUT", _path(playlist_id), body=body, auth_token=auth_token, result=NoContent
        )

    async def upload_cover(
        self,
        playlist_id: str,
        base_64_image: bytes | str,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> NoContent:
        """Replace the playlist's cover with a JPEG image.

        ``PUT /playlists/{playlist_id}/images`` (``ugc-image-upload`` and
        ``playlist-modify-public`` or ``-private``). ``base_64_image`` is the JPEG file's bytes
        (they are base64-encoded here) or its base64 text (bytes or str). Spotify takes at most
        256 KB of base64: a larger image is refused before sending.
        """
        path = _path(playlist_id, "images")
        return await self._request(
            "PUT", path, body=_cover_base64(base_64_image), auth_token=auth_token, result=NoContent
        )

    # -- items -----------------------------------------------------------------------------------

    async def add_items(
        self,
        playlist_id: str,
        uris: Uris,
        position: int | None = None,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> PlaylistSnapshotId:
        """Insert tracks or episodes (URIs or open.spotify.com URLs) at ``position``, or append.

        ``POST /playlists/{playlist_id}/items`` (``playlist-modify-public`` or ``-private``).
        100 per request, in order, each chunk inserted after the previous one.
        """
        return await self._add(playlist_id, "items", uris, position, auth_token)

    async def add_tracks(
        self,
        playlist_id: str,
        spotify_uris: Uris,
        position: int | None = None,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> PlaylistSnapshotId:
        """Insert tracks or episodes. ``POST /playlists/{playlist_id}/tracks``
        (``playlist-modify-public`` or ``-private``).

        Deprecated by Spotify: use :meth:`add_items`.
        """
        collection = self._tracks_collection("playlists.add_tracks", "playlists.add_items")
        return await self._add(playlist_id, collection, spotify_uris, position, auth_token)

    async def remove_items(
        self,
        playlist_id: str,
        uris_or_items: Iterable[Removal],
        snapshot_id: str | None = None,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> PlaylistSnapshotId:
        """Remove items: every occurrence of a URI, or ``{"uri": ..., "positions": [i, ...]}``
        for the occurrences at those positions.

        ``DELETE /playlists/{playlist_id}/items`` (``playlist-modify-public`` or ``-private``).
        ``snapshot_id`` names the version the positions refer to (Spotify applies the removal to
        it and merges later changes).
        """
        return await self._remove(playlist_id, "items", uris_or_items, snapshot_id, auth_token)

    async def remove_tracks(
        self,
        playlist_id: str,
        spotify_uris: Mapping[str, Any] | Iterable[Removal],
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> PlaylistSnapshotId:
        """Remove items. ``DELETE /playlists/{playlist_id}/tracks`` (``playlist-modify-public``
        or ``-private``). ``spotify_uris`` is
        AsyncSpotify's body, ``{"tracks": [{"uri": ...}, ...], "snapshot_id": ...}`` (or simply
        the list).

        Deprecated by Spotify: use :meth:`remove_items`.
        """
        collection = self._tracks_collection("playlists.remove_tracks", "playlists.remove_items")
        snapshot_id = None
        if isinstance(spotify_uris, Mapping):
            if "tracks" not in spotify_uris:
                raise InvalidRequestError(
                    "playlists.remove_tracks takes {'tracks': [{'uri': ...}], 'snapshot_id': ...}"
                    f" or a list of URIs, not {spotify_uris!r}"
                )
            snapshot_id = spotify_uris.get("snapshot_id")
            spotify_uris = spotify_uris["tracks"]
        return await self._remove(playlist_id, collection, spotify_uris, snapshot_id, auth_token)

    async def reorder_items(
        self,
        playlist_id: str,
        range_start: int,
        insert_before: int,
        range_length: int = 1,
        snapshot_id: str | None = None,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> PlaylistSnapshotId:
        """Move ``range_length`` items starting at ``range_start`` to before ``insert_before``.

        ``PUT /playlists/{playlist_id}/items`` (``playlist-modify-public`` or ``-private``).
        A reorder repeated moves the items again, so it is never resent after an ambiguous
        failure (a 5xx, a timeout): the error is raised and the caller reads the playlist.
        """
        body: dict[str, Any] = {
            "range_start": _index("range_start", range_start),
            "insert_before": _index("insert_before", insert_before),
            "range_length": _index("range_length", range_length, minimum=1),
        }
        if snapshot_id is not None:
            body["snapshot_id"] = _snapshot(snapshot_id)
        return await self._request(
            "PUT",
            _path(playlist_id, "items"),
            body=body,
            auth_token=auth_token,
            idempotent=False,
            result=PlaylistSnapshotId,
        )

    async def reorder_tracks(
        self,
        playlist_id: str,
        position_dict: Mapping[str, int | str],
        snapshot_id: str | None = None,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> PlaylistSnapshotId:
        """Move items. ``PUT /playlists/{playlist_id}/tracks`` (``playlist-modify-public`` or
        ``-private``) with ``position_dict`` (``range_start``, ``insert_before``,
        ``range_length``) as the body; the caller's dict is not modified. Never resent after an
        ambiguous failure (see :meth:`reorder_items`).

        Deprecated by Spotify: use :meth:`reorder_items`.
        """
        collection = self._tracks_collection("playlists.reorder_tracks", "playlists.reorder_items")
        if (
            not isinstance(position_dict, Mapping)
            or "range_start" not in position_dict
            or "insert_before" not in position_dict
            or "uris" in position_dict
        ):
            raise InvalidRequestError(
                "position_dict must be a dict with range_start, insert_before (and range_length),"
                f" not {position_dict!r}"
            )
        body = dict(position_dict)
        check_body(_REPLACE_OPERATION[collection], body)
        if snapshot_id is not None:
            body["snapshot_id"] = _snapshot(snapshot_id)
        return await self._request(
            "PUT",
            _path(playlist_id, collection),
            body=body,
            auth_token=auth_token,
            idempotent=False,
            result=PlaylistSnapshotId,
        )

    async def replace_items(
        self,
        playlist_id: str,
        uris: Uris,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> PlaylistSnapshotId:
        """Replace every item with ``uris`` (an empty list clears the playlist).

        ``PUT /playlists/{playlist_id}/items`` (``playlist-modify-public`` or ``-private``).
        Spotify replaces with at most 100: the rest are then appended with :meth:`add_items`.
        """
        return await self._replace(playlist_id, "items", uris, auth_token)

    async def replace_tracks(
        self,
        playlist_id: str,
        spotify_uris: Uris,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> PlaylistSnapshotId:
        """Replace every item. ``PUT /playlists/{playlist_id}/tracks`` (``playlist-modify-public``
        or ``-private``).

        Deprecated by Spotify: use :meth:`replace_items`.
        """
        collection = self._tracks_collection("playlists.replace_tracks", "playlists.replace_items")
        return await self._replace(playlist_id, collection, spotify_uris, auth_token)

    # -- the edits behind both generations of methods --------------------------------------------

    def _tracks_collection(self, method: str, replacement: str) -> str:
        """Where a ``*_tracks`` method goes: ``/tracks``, deprecated (so it warns), or ``/items``
        for development-mode apps, which lost ``/tracks`` in February 2026."""
        if self.app_mode == "development":
            return "items"
        self._deprecated(method, replacement, stacklevel=4)
        return "tracks"

    async def _add(
        self,
        playlist_id: str,
        collection: str,
        uris: Uris,
        position: int | None,
        auth_token: SpotifyAuthorisationToken | None,
    ) -> PlaylistSnapshotId:
        """POST ``uris`` to ``/playlists/{id}/{collection}`` in chunks, one after the other.

        The chunk at ``start`` goes to ``position + start`` (or is appended), so the items end
        up in input order. A POST that fails without a clear answer (a 5xx, a timeout, a
        dropped connection, an unreadable 2xx) may have been applied, so it is never simply
        sent again. With a retrying policy the playlist's version and length are read before the
        first chunk, and after such a failure the playlist is read back: the chunk is in place,
        so carry on; the playlist is unchanged, so send it again (as the policy allows);
        anything else raises the failure, saying which items were added, which may have been
        and which were not sent.
        """
        path = _path(playlist_id, collection)
        items = _item_uris(uris)
        if position is not None:
            position = _index("position", position)
        size = max_items(_ADD_OPERATION[collection], "uris")
        retrying = self.api_request_handler.retry_policy.retries
        known = await self._version(_path(playlist_id), auth_token) if retrying else None
        result: PlaylistSnapshotId = {}
        for start in range(0, len(items), size):
            body: dict[str, Any] = {"uris": items[start : start + size]}
            if position is not None:
                body["position"] = position + start
            result, known = await self._add_chunk(path, body, known, items, start, auth_token)
        return result

    async def _add_chunk(
        self,
        path: str,
        body: dict[str, Any],
        known: _Version | None,
        items: list[str],
        start: int,
        auth_token: SpotifyAuthorisationToken | None,
    ) -> tuple[PlaylistSnapshotId, _Version | None]:
        """POST one chunk, reading the playlist back after an ambiguous failure (see _add).

        ``known`` is the playlist's version before this chunk (None: not read); returns the
        answer and the version after the chunk.
        """
        chunk: list[str] = body["uris"]
        verdict: _Verdict = "unread"

        async def read_back(error: SpotifyBaseError) -> bool:
            """The on_ambiguous hook: may the failed POST have been applied?"""
            nonlocal verdict
            if known is None:
                return True
            landed_at = body.get("position", known.total)
            found: _Version | _Verdict
            try:
                found = await self._read_back(path, known, landed_at, chunk, auth_token)
            except SpotifyBaseError:
                found = "unreadable"
            if isinstance(found, _Version):
                raise _Landed(found)
            verdict = found
            return found != "unchanged"

        policy = self.api_request_handler.retry_policy
        async for attempt in policy.attempts("POST", on_ambiguous=read_back):
            try:
                result = await self._request(
                    "POST", path, body=body, auth_token=auth_token, result=PlaylistSnapshotId
                )
            except (ServerError, SpotifyTransportError, InvalidResponseError) as error:
                try:
                    await attempt.failed(error)
                except _Landed as landed:  # applied: carry on from there
                    return {"snapshot_id": landed.version.snapshot_id}, landed.version
                except SpotifyBaseError as refused:
                    if refused is not error:
                        raise
                    raise _unconfirmed(error, path, items, start, len(chunk), verdict) from error
                continue
            if known is None:
                return result, None
            return result, _Version(result.get("snapshot_id", ""), known.total + len(chunk))
        raise AssertionError("the attempts ended without an answer or an error")  # unreachable

    async def _version(
        self, playlist_path: str, auth_token: SpotifyAuthorisationToken | None
    ) -> _Version | None:
        """The ``snapshot_id`` and length of the playlist at ``playlist_path`` (None if the
        answer lacks either)."""
        answer = await self._request(
            "GET",
            playlist_path,
            query={"fields": "snapshot_id,items(total),tracks(total)"},
            auth_token=auth_token,
        )
        if not isinstance(answer, Mapping):
            return None
        snapshot_id = answer.get("snapshot_id")
        paging = answer.get("items") or answer.get("tracks")
        total = paging.get("total") if isinstance(paging, Mapping) else None
        if (
            not isinstance(snapshot_id, str)
            or isinstance(total, bool)
            or not isinstance(total, int)
        ):
            return None
        return _Version(snapshot_id, total)

    async def _read_back(
        self,
        path: str,
        known: _Version,
        landed_at: int,
        chunk: list[str],
        auth_token: SpotifyAuthorisationToken | None,
    ) -> _Version | Literal["unchanged", "changed"]:
        """The playlist's version if ``chunk`` was inserted at ``landed_at`` since it was
        ``known``; otherwise whether it is unchanged or changed in another way."""
        playlist_path = path.rsplit("/", 1)[0]  # /playlists/{id}/items -> /playlists/{id}
        after = await self._version(playlist_path, auth_token)
        if after is None:
            raise InvalidResponseError(f"GET {playlist_path} answered without snapshot_id or total")
        if after.total == known.total + len(chunk):
            if await self._uris_at(playlist_path, landed_at, len(chunk), auth_token) == chunk:
                return after
        elif after == known:
            return "unchanged"
        return "changed"

    async def _uris_at(
        self,
        playlist_path: str,
        offset: int,
        count: int,
        auth_token: SpotifyAuthorisationToken | None,
    ) -> list[str]:
        """The URIs of the ``count`` items from ``offset`` on (fewer if the playlist ends)."""
        _, page_size = limit_bounds("get-playlists-items")
        uris: list[str] = []
        for page_offset in range(offset, offset + count, page_size):
            page = await self._request(
                "GET",
                f"{playlist_path}/items",
                query={
                    "offset": page_offset,
                    "limit": min(page_size, offset + count - page_offset),
                    "fields": "items(item(uri),track(uri))",
                },
                auth_token=auth_token,
            )
            for entry in page.get("items") or ():
                item = entry.get("item") or entry.get("track") or {}
                uri = item.get("uri")
                uris.append(uri if isinstance(uri, str) else "")
        return uris

    async def _remove(
        self,
        playlist_id: str,
        collection: str,
        uris_or_items: Iterable[Removal],
        snapshot_id: str | None,
        auth_token: SpotifyAuthorisationToken | None,
    ) -> PlaylistSnapshotId:
        """DELETE the entries in chunks, each against the same ``snapshot_id``.

        Positions refer to one version of the playlist. When several chunks carry positions and
        no snapshot is given, the current snapshot is read first and every chunk is pinned to it,
        so that the first chunk's removals do not shift the positions of the next.

        Removing every occurrence of a URI twice is harmless, so such a DELETE is retried like
        any other; removing "the item at 3" twice may remove another item, so a DELETE with
        positions is never sent again after an ambiguous failure.
        """
        path = _path(playlist_id, collection)
        entries = _removals(uris_or_items)
        if snapshot_id is not None:
            snapshot_id = _snapshot(snapshot_id)
        key = "items" if collection == "items" else "tracks"
        size = max_items(_REMOVE_OPERATION[collection], key)
        by_position = any("positions" in entry for entry in entries)
        if snapshot_id is None and len(entries) > size and by_position:
            current = await self._request(
                "GET", _path(playlist_id), query={"fields": "snapshot_id"}, auth_token=auth_token
            )
            snapshot_id = current["snapshot_id"]
        result: PlaylistSnapshotId = {}
        for start in range(0, len(entries), size):
            body: dict[str, Any] = {key: entries[start : start + size]}
            if snapshot_id is not None:
                body["snapshot_id"] = snapshot_id
            result = await self._request(
                "DELETE",
                path,
                body=body,
                auth_token=auth_token,
                idempotent=False if by_position else None,
                result=PlaylistSnapshotId,
            )
        return result

    async def _replace(
        self,
        playlist_id: str,
        collection: str,
        uris: Uris,
        auth_token: SpotifyAuthorisationToken | None,
    ) -> PlaylistSnapshotId:
        """PUT the first chunk of ``uris`` (replacing everything), then append the rest."""
        path = _path(playlist_id, collection)
        items = _item_uris(uris, allow_empty=True)
        size = max_items(_REPLACE_OPERATION[collection], "uris")
        result = await self._request(
            "PUT",
            path,
            body={"uris": items[:size]},
            auth_token=auth_token,
            result=PlaylistSnapshotId,
        )
        if len(items) > size:
            result = await self._add(playlist_id, collection, items[size:], None, auth_token)
        return result


_GET_OPERATION = {"items": "get-playlists-items", "tracks": "get-playlists-tracks"}
_ADD_OPERATION = {"items": "add-items-to-playlist", "tracks": "add-tracks-to-playlist"}
_REMOVE_OPERATION = {"items": "remove-items-playlist", "tracks": "remove-tracks-playlist"}
_REPLACE_OPERATION = {
    "items": "reorder-or-replace-playlists-items",
    "tracks": "reorder-or-replace-playlists-tracks",
}


class _Landed(Exception):
    """The read-back found the chunk in place: the POST was applied."""

    def __init__(self, version: _Version) -> None:
        super().__init__()
        self.version = version


#: What is known of a chunk whose POST failed ambiguously and was not found applied: the
#: playlist is unchanged, or changed in another way; "unread" when it was not read back
#: (retries off), "unreadable" when reading it back failed too.
_Verdict = Literal["unchanged", "changed", "unread", "unreadable"]


@dataclass(frozen=True, slots=True)
class _Version:
    """What the playlist was: its ``snapshot_id`` and how many items it held."""

    snapshot_id: str
    total: int


def _unconfirmed(
    error: SpotifyBaseError,
    path: str,
    items: list[str],
    start: int,
    count: int,
    verdict: _Verdict,
) -> SpotifyBaseError:
    """``error`` again, with a message that says which items the playlist got."""
    end = start + count
    maybe = f"items {start + 1}-{end} may or may not have been added"
    this = {
        "unchanged": f"items {start + 1}-{end} were not added (the playlist is unchanged)",
        "changed": f"{maybe} (the playlist changed in another way meanwhile)",
        "unread": f"{maybe} (retries are off, so the playlist was not read back)",
        "unreadable": f"{maybe} (reading the playlist back failed)",
    }[verdict]
    before = f"items 1-{start} were added; " if start else ""
    after = f"; items {end + 1}-{len(items)} were not sent" if end < len(items) else ""
    message = f"POST {path} failed ({type(error).__name__}: {error.text}): {before}{this}{after}"
    return type(error)(
        error_payload(error.status, message), status=error.status, headers=error.headers
    )


def _path(playlist_id: str, collection: str | None = None) -> str:
    path = f"/playlists/{to_id(playlist_id, 'playlist')}"
    return f"{path}/{collection}" if collection else path


def _user_path(user_id: str) -> str:
    """``/users/{user_id}``; user ids are free-form, so they are percent-encoded."""
    return f"/users/{quote(to_id(user_id, 'user'), safe='')}"


def _item_uris(uris: Uris, *, allow_empty: bool = False) -> list[str]:
    """Track or episode URIs (URLs accepted; a str may hold several, comma-separated); an empty
    list is refused unless allowed."""
    items = to_uris(uris, ITEM_KINDS)
    if not items and not allow_empty:
        raise InvalidRequestError("no items given: there is nothing to send")
    return items


def _removals(values: Iterable[Removal]) -> list[dict[str, Any]]:
    """``[{"uri": ...}, {"uri": ..., "positions": [...]}]`` from URIs, URLs and such dicts."""
    if isinstance(values, str):
        values = to_uris(values, REMOVABLE_KINDS)  # one URI, or several comma-separated
    elif isinstance(values, Mapping):
        values = [values]
    raw: list[str] = []
    positions: list[list[int] | None] = []
    for value in values:
        if isinstance(value, str):
            raw.append(value)
            positions.append(None)
        elif isinstance(value, Mapping) and isinstance(value.get("uri"), str):
            raw.append(value["uri"])
            given = value.get("positions")
            positions.append(None if given is None else _positions(given))
        else:
            raise InvalidRequestError(
                f"an item to remove is a URI or {{'uri': ..., 'positions': [...]}}, not {value!r}"
            )
    if not raw:
        raise InvalidRequestError("no items given: there is nothing to remove")
    entries: list[dict[str, Any]] = []
    for uri, at in zip(to_uris(raw, REMOVABLE_KINDS), positions, strict=True):
        entries.append({"uri": uri} if at is None else {"uri": uri, "positions": at})
    return entries


def _positions(value: object) -> list[int]:
    if isinstance(value, str) or not isinstance(value, Sequence) or not value:
        raise InvalidRequestError(f"positions must be a non-empty list of indexes, not {value!r}")
    return [_index("positions", position) for position in value]


def _index(name: str, value: object, *, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidRequestError(f"{name} must be an int >= {minimum}, not {value!r}")
    return value


def _snapshot(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidRequestError(f"snapshot_id must be a non-empty str, not {value!r}")
    return value


def _details(method: str, details: Mapping[str, Any]) -> dict[str, Any]:
    """The playlist-details body: the given fields, checked; None values are left out."""
    body = {name: value for name, value in details.items() if value is not None}
    for name in ("public", "collaborative"):
        if name in body and not isinstance(body[name], bool):
            raise InvalidRequestError(f"{method}: {name} must be True or False, not {body[name]!r}")
    for name in ("name", "description"):
        if name in body and not isinstance(body[name], str):
            raise InvalidRequestError(f"{method}: {name} must be a str, not {body[name]!r}")
    if body.get("public") is True and body.get("collaborative") is True:
        raise InvalidRequestError(
            f"{method}: a playlist cannot be both public and collaborative (Spotify refuses it); "
            "collaborative playlists must be private (public=False)"
        )
    return body


def _cover_base64(image: bytes | str) -> bytes:
    """The base64 text to upload: ``image`` encoded if it is a JPEG file, else checked as base64.

    Raises InvalidRequestError for anything that is not a JPEG, or is over Spotify's 256 KB.
    """
    if isinstance(image, str):
        try:
            data = image.encode("ascii")
        except UnicodeEncodeError:
            raise InvalidRequestError("the cover image text is not base64") from None
    elif isinstance(image, bytes | bytearray | memoryview):
        data = bytes(image)
    else:
        raise InvalidRequestError(
            f"the cover image must be JPEG bytes or base64 bytes/str, not {type(image).__name__}"
        )
    is_jpeg_file = data.startswith(_JPEG_MAGIC)
    encoded = base64.b64encode(data) if is_jpeg_file else b"".join(data.split())
    if len(encoded) > MAX_COVER_BYTES:
        raise InvalidRequestError(
            f"the cover image is {len(encoded)} bytes as base64; Spotify takes at most "
            f"{MAX_COVER_BYTES} (256 KB): send a smaller JPEG"
        )
    if not is_jpeg_file:
        try:
            decoded = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            raise InvalidRequestError(
                "the cover image is neither JPEG bytes nor valid base64"
            ) from None
        if not decoded.startswith(_JPEG_MAGIC):
            raise InvalidRequestError("the cover image (base64) is not a JPEG")
    return encoded
