"""Tracks: one, several, audio features and analysis, recommendations and genre seeds.

Audio features, audio analysis, recommendations and genre seeds were deprecated in November 2024;
extended-quota apps still get them, so the emulator serves them (development mode: 403).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from async_spotify.emulator.catalog.audio import TUNABLE, analysis_object, features, features_object
from async_spotify.emulator.catalog.draws import Draws
from async_spotify.emulator.catalog.reference_data import GENRE_SEEDS
from async_spotify.emulator.errors import ApiError

from .call import Call, Handler
from .catalog_pages import ids_param
from .responses import json_response

MAX_SEEDS = 5
POOL_SIZE = 250


async def get_track(call: Call) -> web.Response:
    """GET /tracks/{id} (any token)."""
    return json_response(call.render.track(call.path_index("track"), call.market))


async def get_several_tracks(call: Call) -> web.Response:
    """GET /tracks?ids= (max 50; ``null`` for unknown IDs)."""
    market = call.market
    tracks = call.id_list("track", ids_param(call))
    return json_response(
        {"tracks": [None if t is None else call.render.track(t, market) for t in tracks]}
    )


def _features(call: Call, track: int) -> dict[str, Any]:
    record = call.catalog.records.track(track)
    return features_object(
        call.catalog.seed, record, call.catalog.ids.encode("track", track), call.api
    )


async def get_audio_features(call: Call) -> web.Response:
    """GET /audio-features/{id}."""
    return json_response(_features(call, call.path_index("track")))


async def get_several_audio_features(call: Call) -> web.Response:
    """GET /audio-features?ids= (max 100)."""
    tracks = call.id_list("track", ids_param(call))
    return json_response(
        {"audio_features": [None if t is None else _features(call, t) for t in tracks]}
    )


async def get_audio_analysis(call: Call) -> web.Response:
    """GET /audio-analysis/{id}."""
    record = call.catalog.records.track(call.path_index("track"))
    return json_response(analysis_object(call.catalog.seed, record))


async def get_recommendation_genres(call: Call) -> web.Response:
    """GET /recommendations/available-genre-seeds."""
    return json_response({"genres": list(GENRE_SEEDS)})


def _split(call: Call, name: str) -> list[str]:
    raw: str | None = call.params.get(name)
    return [] if not raw else [value.strip() for value in raw.split(",") if value.strip()]


async def get_recommendations(call: Call) -> web.Response:
    """GET /recommendations: 1-5 seeds; ``min_``/``max_`` filter, ``target_`` orders."""
    artists, genres, tracks = (
        _split(call, "seed_artists"),
        _split(call, "seed_genres"),
        _split(call, "seed_tracks"),
    )
    if not artists and not genres and not tracks:
        raise ApiError(400, "Missing required parameter seed_artists, seed_genres or seed_tracks")
    if len(artists) + len(genres) + len(tracks) > MAX_SEEDS:
        raise ApiError(400, "Too many seeds")
    catalog = call.catalog
    layout = catalog.layout
    seeds: list[tuple[str, str, list[int]]] = []
    for artist_id in artists:
        artist = call.catalog_index("artist", artist_id)
        pool = [t for a in layout.artist_albums.of(artist) for t in catalog.records.album(a).tracks]
        seeds.append(("ARTIST", artist_id, pool[:POOL_SIZE]))
    for track_id in tracks:
        track = call.catalog_index("track", track_id)
        album = catalog.records.album(catalog.records.track(track).album)
        pool = [t for t in album.tracks if t != track]
        draws = Draws(catalog.seed, "recommend-track", track)
        pool += [draws.below(layout.tracks) for _ in range(POOL_SIZE - len(pool))]
        seeds.append(("TRACK", track_id, pool))
    for genre in genres:
        if genre not in GENRE_SEEDS:
            raise ApiError(400, "Invalid seed genre")
        draws = Draws(catalog.seed, "recommend-genre", genre)
        seeds.append(("GENRE", genre, [draws.below(layout.tracks) for _ in range(POOL_SIZE)]))

    filters = _tuning(call)
    chosen: list[int] = []
    seed_objects = []
    for kind, id_, pool in seeds:
        kept = [t for t in dict.fromkeys(pool) if _passes(call, t, filters)]
        seed_objects.append(
            {
                "afterFilteringSize": len(kept),
                "afterRelinkingSize": len(kept),
                "href": None if kind == "GENRE" else f"{call.api}/{kind.lower()}s/{id_}",
                "id": id_,
                "initialPoolSize": len(pool),
                "type": kind,
            }
        )
        chosen.extend(kept)
    chosen = list(dict.fromkeys(chosen))
    targets = {
        name[len("target_") :]: value
        for name, value in filters.items()
        if name.startswith("target_")
    }
    if targets:
        chosen.sort(key=lambda t: _distance(call, t, targets))
    market = call.market
    limit = call.limit
    return json_response(
        {"seeds": seed_objects, "tracks": [call.render.track(t, market) for t in chosen[:limit]]}
    )


def _tuning(call: Call) -> dict[str, float]:
    tuning: dict[str, float] = {}
    for prefix in ("min_", "max_", "target_"):
        for attribute in TUNABLE:
            value = call.params.get(prefix + attribute)
            if value is not None:
                tuning[prefix + attribute] = float(value)
    return tuning


def _passes(call: Call, track: int, tuning: dict[str, float]) -> bool:
    found = features(call.catalog.seed, call.catalog.records.track(track))
    for name, bound in tuning.items():
        prefix, _, attribute = name.partition("_")
        if prefix == "min" and found.value(attribute) < bound:
            return False
        if prefix == "max" and found.value(attribute) > bound:
            return False
    return True


def _distance(call: Call, track: int, targets: dict[str, float]) -> float:
    found = features(call.catalog.seed, call.catalog.records.track(track))
    return sum(abs(found.value(attribute) - target) for attribute, target in targets.items())


HANDLERS: dict[str, Handler] = {
    "get-track": get_track,
    "get-several-tracks": get_several_tracks,
    "get-audio-features": get_audio_features,
    "get-several-audio-features": get_several_audio_features,
    "get-audio-analysis": get_audio_analysis,
    "get-recommendation-genres": get_recommendation_genres,
    "get-recommendations": get_recommendations,
}
