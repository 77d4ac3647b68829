"""The Player endpoint group (``client.player``): playback state and remote control.

Every command needs a Premium user and the ``user-modify-playback-state`` scope; Spotify
answers them with 204 and no body, so they return ``{}`` (as every answer without a body, see
:class:`~async_spotify.endpoints.endpoint.NoContent`). Reads that find nothing playing
(``GET /me/player``, ``/me/player/currently-playing``) also answer 204, and return ``{}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Unpack

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint, NoContent
from async_spotify.endpoints.parameters import merge_extra_query, warn_unknown_parameters
from async_spotify.ids import SpotifyKind, to_uris
from async_spotify.spotify_errors import (
    InvalidRequestError,
    InvalidResponseError,
    ServerError,
    SpotifyBaseError,
    SpotifyTransportError,
)
from async_spotify.types import (
    CurrentlyPlayingContextObject,
    CurrentlyPlayingObject,
    CursorPagingPlayHistoryObject,
    ManyDevices,
    QueueObject,
)
from async_spotify.types.parameters import (
    AddToQueueParams,
    GetInformationAboutTheUsersCurrentPlaybackParams,
    GetQueueParams,
    GetRecentlyPlayedParams,
    GetTheUsersCurrentlyPlayingTrackParams,
    PauseAUsersPlaybackParams,
    RepeatState,
    SeekToPositionInCurrentlyPlayingTrackParams,
    SetRepeatModeOnUsersPlaybackParams,
    SetVolumeForUsersPlaybackParams,
    SkipUsersPlaybackToNextTrackParams,
    SkipUsersPlaybackToPreviousTrackParams,
    StartAUsersPlaybackParams,
    ToggleShuffleForUsersPlaybackParams,
)
from async_spotify.validation import check_body, check_query

#: What can be queued or played one by one.
PLAYABLE_KINDS: tuple[SpotifyKind, ...] = ("track", "episode")
#: What ``play(context_uri=...)`` can start.
CONTEXT_KINDS: tuple[SpotifyKind, ...] = ("album", "artist", "playlist", "show")


class Player(Endpoint):
    """The user's playback: devices, state, queue and commands."""

    # -- reads -----------------------------------------------------------------------------------

    async def get_devices(self, auth_token: SpotifyAuthorisationToken | None = None) -> ManyDevices:
        """The user's devices. ``GET /me/player/devices`` (``user-read-playback-state``)."""
        return await self._request(
            "GET", "/me/player/devices", auth_token=auth_token, result=ManyDevices
        )

    async def get_playback(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetInformationAboutTheUsersCurrentPlaybackParams],
    ) -> CurrentlyPlayingContextObject:
        """The playback state (device, progress, shuffle, repeat, item), ``{}`` when inactive.

        ``GET /me/player`` (``user-read-playback-state``). kwargs: ``market``,
        ``additional_types`` (``["track", "episode"]`` to see episodes). AsyncSpotify called this
        ``get_queue``.
        """
        query = self._query(
            "get-information-about-the-users-current-playback", kwargs, extra=extra_query
        )
        return await self._request(
            "GET",
            "/me/player",
            query=query,
            auth_token=auth_token,
            result=CurrentlyPlayingContextObject,
        )

    async def get_queue(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetQueueParams],
    ) -> QueueObject:
        """The currently playing item and the queue after it.

        ``GET /me/player/queue`` (``user-read-currently-playing``, ``user-read-playback-state``).
        AsyncSpotify's ``get_queue`` read ``GET /me/player`` instead: that is now
        :meth:`get_playback`. kwargs are sent as query parameters.
        """
        query = self._query("get-queue", kwargs, extra=extra_query)
        return await self._request(
            "GET", "/me/player/queue", query=query, auth_token=auth_token, result=QueueObject
        )

    async def get_current_track(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetTheUsersCurrentlyPlayingTrackParams],
    ) -> CurrentlyPlayingObject:
        """What is playing now, ``{}`` when nothing is.

        ``GET /me/player/currently-playing`` (``user-read-currently-playing``). kwargs:
        ``market``, ``additional_types``.
        """
        query = self._query("get-the-users-currently-playing-track", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            "/me/player/currently-playing",
            query=query,
            auth_token=auth_token,
            result=CurrentlyPlayingObject,
        )

    async def get_recent_tracks(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetRecentlyPlayedParams],
    ) -> CursorPagingPlayHistoryObject:
        """The recently played tracks, cursor-paged.

        ``GET /me/player/recently-played`` (``user-read-recently-played``). kwargs: ``limit``
        (≤ 50), and ``after`` or ``before`` (Unix milliseconds; not both).
        """
        query = self._query("get-recently-played", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            "/me/player/recently-played",
            query=query,
            auth_token=auth_token,
            result=CursorPagingPlayHistoryObject,
        )

    # -- queue -----------------------------------------------------------------------------------

    async def add_to_queue(
        self,
        spotify_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[AddToQueueParams],
    ) -> NoContent:
        """Add a track or episode (URI or open.spotify.com URL) to the end of the queue.

        ``POST /me/player/queue`` (``user-modify-playback-state``). kwargs: ``device_id``.
        """
        return await self._command(
            "POST",
            "/me/player/queue",
            "add-to-queue",
            kwargs,
            auth_token,
            extra_query,
            uri=_playable_uris([spotify_id])[0],
        )

    async def add_multiple_tracks_to_queue(
        self,
        spotify_id_list: str | Iterable[str],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[AddToQueueParams],
    ) -> NoContent:
        """Queue several tracks or episodes, in order (``{}``: the queue answers no body).

        One ``POST /me/player/queue`` (``user-modify-playback-state``) per item, one after the
        other, because the queue keeps the order in which they arrive. Every URI is checked
        before the first is sent. If one fails, the error raised is Spotify's, with a note
        (``__notes__``) naming the URIs already queued and those not queued. A POST is never
        resent after an ambiguous failure (a 5xx, a timeout, a dropped connection: it may have
        been applied), so the note then says that its URI may or may not have been queued.
        """
        uris = _playable_uris(spotify_id_list)
        shared = self._query("add-to-queue", kwargs, reserved=("uri",), extra=extra_query)
        queries = [{**shared, "uri": uri} for uri in uris]
        for done, query in enumerate(queries):
            try:
                await self._request(
                    "POST", "/me/player/queue", query=query, auth_token=auth_token, result=NoContent
                )
            except SpotifyBaseError as error:
                queued = f"add_multiple_tracks_to_queue: queued {uris[:done]!r} before this error"
                if isinstance(error, ServerError | InvalidResponseError | SpotifyTransportError):
                    error.add_note(
                        f"{queued}; {uris[done]!r} may or may not have been queued (the answer "
                        f"was lost); not queued: {uris[done + 1 :]!r}"
                    )
                else:
                    error.add_note(f"{queued}; not queued: {uris[done:]!r}")
                raise
        return {}

    # -- commands --------------------------------------------------------------------------------

    async def play(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[StartAUsersPlaybackParams],
    ) -> NoContent:
        """Start or resume playback. ``PUT /me/player/play`` (``user-modify-playback-state``).

        kwargs: ``device_id`` (sent in the query), and for the JSON body ``context_uri`` (an
        album, artist, playlist or show), or ``uris`` (tracks or episodes), ``offset``
        (``{"position": n}`` or ``{"uri": ...}``) and ``position_ms``. URIs may be given as
        open.spotify.com URLs. With no body argument, playback resumes.
        """
        warn_unknown_parameters("start-a-users-playback", kwargs)
        body: dict[str, Any] = dict(kwargs)
        device_id = body.pop("device_id", None)
        query: dict[str, object] = {} if device_id is None else {"device_id": device_id}
        check_query("start-a-users-playback", query)
        check_body("start-a-users-playback", body)
        query = merge_extra_query(query, extra_query)
        if body.get("context_uri") is not None:
            body["context_uri"] = to_uris([body["context_uri"]], CONTEXT_KINDS)[0]
        if body.get("uris") is not None:
            body["uris"] = _playable_uris(body["uris"])
        if body.get("offset") is not None:
            body["offset"] = dict(body["offset"])
        return await self._request(
            "PUT",
            "/me/player/play",
            query=query,
            body=body or None,
            auth_token=auth_token,
            result=NoContent,
        )

    async def pause(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[PauseAUsersPlaybackParams],
    ) -> NoContent:
        """Pause playback. ``PUT /me/player/pause`` (``user-modify-playback-state``).

        kwargs: ``device_id``.
        """
        return await self._command(
            "PUT", "/me/player/pause", "pause-a-users-playback", kwargs, auth_token, extra_query
        )

    async def next(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[SkipUsersPlaybackToNextTrackParams],
    ) -> NoContent:
        """Skip to the next item. ``POST /me/player/next`` (``user-modify-playback-state``).

        kwargs: ``device_id``.
        """
        return await self._command(
            "POST",
            "/me/player/next",
            "skip-users-playback-to-next-track",
            kwargs,
            auth_token,
            extra_query,
        )

    async def previous(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[SkipUsersPlaybackToPreviousTrackParams],
    ) -> NoContent:
        """Skip to the previous item. ``POST /me/player/previous`` (``user-modify-playback-state``).

        kwargs: ``device_id``.
        """
        return await self._command(
            "POST",
            "/me/player/previous",
            "skip-users-playback-to-previous-track",
            kwargs,
            auth_token,
            extra_query,
        )

    async def seek(
        self,
        position_ms: int,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[SeekToPositionInCurrentlyPlayingTrackParams],
    ) -> NoContent:
        """Seek to ``position_ms`` in the playing item. ``PUT /me/player/seek``
        (``user-modify-playback-state``). kwargs: ``device_id``.
        """
        return await self._command(
            "PUT",
            "/me/player/seek",
            "seek-to-position-in-currently-playing-track",
            kwargs,
            auth_token,
            extra_query,
            position_ms=position_ms,
        )

    async def repeat(
        self,
        state: RepeatState,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[SetRepeatModeOnUsersPlaybackParams],
    ) -> NoContent:
        """Set the repeat mode: ``"track"``, ``"context"`` or ``"off"``.

        ``PUT /me/player/repeat`` (``user-modify-playback-state``). kwargs: ``device_id``.
        """
        return await self._command(
            "PUT",
            "/me/player/repeat",
            "set-repeat-mode-on-users-playback",
            kwargs,
            auth_token,
            extra_query,
            state=state,
        )

    async def volume(
        self,
        volume_percent: int,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[SetVolumeForUsersPlaybackParams],
    ) -> NoContent:
        """Set the volume, 0 to 100. ``PUT /me/player/volume`` (``user-modify-playback-state``).

        kwargs: ``device_id``.
        """
        return await self._command(
            "PUT",
            "/me/player/volume",
            "set-volume-for-users-playback",
            kwargs,
            auth_token,
            extra_query,
            volume_percent=volume_percent,
        )

    async def shuffle(
        self,
        shuffle_on: bool,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[ToggleShuffleForUsersPlaybackParams],
    ) -> NoContent:
        """Turn shuffle on or off (sent as ``state=true|false``).

        ``PUT /me/player/shuffle`` (``user-modify-playback-state``). kwargs: ``device_id``.
        """
        if not isinstance(shuffle_on, bool):
            raise InvalidRequestError(f"shuffle_on must be True or False, not {shuffle_on!r}")
        return await self._command(
            "PUT",
            "/me/player/shuffle",
            "toggle-shuffle-for-users-playback",
            kwargs,
            auth_token,
            extra_query,
            state=shuffle_on,
        )

    async def transfer(
        self,
        device_id: str | list[str],
        play: bool = False,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> NoContent:
        """Move playback to a device; ``play=True`` starts playing there.

        ``PUT /me/player`` (``user-modify-playback-state``). Spotify takes exactly one device id:
        pass it as a str (or, as AsyncSpotify did, a one-item list).
        """
        devices = [device_id] if isinstance(device_id, str) else device_id
        if (
            not isinstance(devices, list | tuple)
            or len(devices) != 1
            or not isinstance(devices[0], str)
            or not devices[0]
        ):
            raise InvalidRequestError(
                f"player.transfer takes exactly one device id, not {device_id!r}"
            )
        if not isinstance(play, bool):
            raise InvalidRequestError(f"play must be True or False, not {play!r}")
        return await self._request(
            "PUT",
            "/me/player",
            body={"device_ids": [devices[0]], "play": play},
            auth_token=auth_token,
            result=NoContent,
        )

    async def _command(
        self,
        method: str,
        path: str,
        operation_id: str,
        kwargs: Mapping[str, object],
        auth_token: SpotifyAuthorisationToken | None,
        extra_query: Mapping[str, object] | None = None,
        **fixed: object,
    ) -> NoContent:
        """Send a command (its answer has no body) with ``kwargs`` and the ``fixed`` values as
        the query, validated for ``operation_id``, and the caller's ``extra_query``."""
        query = self._query(operation_id, kwargs, (), extra=extra_query, **fixed)
        return await self._request(
            method, path, query=query, auth_token=auth_token, result=NoContent
        )


def _playable_uris(values: str | Iterable[str]) -> list[str]:
    """Track or episode URIs (URLs accepted; a str may hold several, comma-separated),
    refusing anything else before sending."""
    return to_uris(values, PLAYABLE_KINDS)
