"""The Track endpoint group (``client.track``, singular as in AsyncSpotify)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Unpack

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint
from async_spotify.ids import to_id, to_ids
from async_spotify.types import (
    AudioAnalysisObject,
    AudioFeaturesObject,
    ManyAudioFeatures,
    ManyTracks,
    TrackObject,
)
from async_spotify.types.parameters import (
    GetSeveralTracksParams,
    GetTrackParams,
)
from async_spotify.validation import max_items


class Track(Endpoint):
    """Tracks of the catalog and their audio analysis. Saved tracks are in ``client.library``."""

    async def get_audio_analysis(
        self, track_id: str, auth_token: SpotifyAuthorisationToken | None = None
    ) -> AudioAnalysisObject:
        """A track's audio analysis. ``GET /audio-analysis/{id}`` (any token).

        Deprecated by Spotify (November 2024), with no replacement.
        Also available as ``audio_analyze``, AsyncSpotify's name.
        """
        path = f"/audio-analysis/{to_id(track_id, 'track')}"
        self._deprecated("track.audio_analyze", None)
        return await self._request("GET", path, auth_token=auth_token, result=AudioAnalysisObject)

    audio_analyze = get_audio_analysis

    async def get_audio_features(
        self, track_id: str, auth_token: SpotifyAuthorisationToken | None = None
    ) -> AudioFeaturesObject:
        """A track's audio features. ``GET /audio-features/{id}`` (any token).

        Deprecated by Spotify (November 2024), with no replacement.
        Also available as ``audio_features``, AsyncSpotify's name.
        """
        path = f"/audio-features/{to_id(track_id, 'track')}"
        self._deprecated("track.audio_features", None)
        return await self._request("GET", path, auth_token=auth_token, result=AudioFeaturesObject)

    audio_features = get_audio_features

    async def get_several_audio_features(
        self,
        track_id_list: str | Iterable[str],
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> ManyAudioFeatures:
        """Several tracks' audio features, ``{"audio_features": [...]}`` in input order.

        ``GET /audio-features?ids=`` (any token), 100 ids per request: longer lists are chunked
        and sent concurrently. Deprecated by Spotify (November 2024), with no replacement.
        Also available as ``several_audio_features``, AsyncSpotify's name.
        """
        ids = to_ids(track_id_list, "track")
        self._deprecated("track.several_audio_features", None)
        features: ManyAudioFeatures = await self._get_chunked(
            "/audio-features",
            ids,
            max_items("get-several-audio-features", "ids"),
            key="audio_features",
            auth_token=auth_token,
        )
        return features

    several_audio_features = get_several_audio_features

    async def get_several(
        self,
        track_id_list: str | Iterable[str],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetSeveralTracksParams],
    ) -> ManyTracks:
        """Several tracks, ``{"tracks": [...]}`` in input order (``None`` for an unknown id).

        ``GET /tracks?ids=`` (any token), 50 ids per request: longer lists are chunked and sent
        concurrently. Deprecated by Spotify (February 2026); with ``app_mode="development"`` it
        sends one ``GET /tracks/{id}`` per id instead. kwargs: ``market``.
        """
        tracks: ManyTracks = await self._get_several(
            "tracks",
            to_ids(track_id_list, "track"),
            kwargs,
            auth_token,
            operation_id="get-several-tracks",
            method="track.get_several",
            extra_query=extra_query,
        )
        return tracks

    async def get_one(
        self,
        track_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetTrackParams],
    ) -> TrackObject:
        """One track. ``GET /tracks/{id}`` (any token). kwargs: ``market``."""
        query = self._query("get-track", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            f"/tracks/{to_id(track_id, 'track')}",
            query=query,
            auth_token=auth_token,
            result=TrackObject,
        )
