"""Audio features and audio analysis of catalog tracks (deprecated by Spotify in November 2024).

Both are derived from the track's seed, so the same track always has the same tempo and key, and
recommendations can filter on them (``min_*``/``max_*``/``target_*``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .draws import Draws
from .records import TrackRecord

JsonObject = dict[str, Any]

#: Tunable attributes of ``GET /recommendations`` and whether each is an integer.
TUNABLE: dict[str, bool] = {
    "acousticness": False,
    "danceability": False,
    "duration_ms": True,
    "energy": False,
    "instrumentalness": False,
    "key": True,
    "liveness": False,
    "loudness": False,
    "mode": True,
    "popularity": True,
    "speechiness": False,
    "tempo": False,
    "time_signature": True,
    "valence": False,
}


@dataclass(frozen=True, slots=True)
class Features:
    acousticness: float
    danceability: float
    duration_ms: int
    energy: float
    instrumentalness: float
    key: int
    liveness: float
    loudness: float
    mode: int
    popularity: int
    speechiness: float
    tempo: float
    time_signature: int
    valence: float

    def value(self, attribute: str) -> float:
        number: float = getattr(self, attribute)
        return number


def features(seed: int, track: TrackRecord) -> Features:
    draws = Draws(seed, "features", track.index)

    def unit() -> float:
        return round(draws.below(1000) / 1000, 3)

    return Features(
        acousticness=unit(),
        danceability=unit(),
        duration_ms=track.duration_ms,
        energy=unit(),
        instrumentalness=unit(),
        key=draws.below(12),
        liveness=unit(),
        loudness=round(-draws.below(30000) / 1000, 3),
        mode=draws.below(2),
        popularity=track.popularity,
        speechiness=unit(),
        tempo=round(60 + draws.below(140_000) / 1000, 3),
        time_signature=draws.pick((3, 4, 4, 4, 4, 5, 7)),
        valence=unit(),
    )


def features_object(seed: int, track: TrackRecord, track_id: str, api: str) -> JsonObject:
    """The ``AudioFeaturesObject`` of a track."""
    found = features(seed, track)
    return {
        "acousticness": found.acousticness,
        "analysis_url": f"{api}/audio-analysis/{track_id}",
        "danceability": found.danceability,
        "duration_ms": found.duration_ms,
        "energy": found.energy,
        "id": track_id,
        "instrumentalness": found.instrumentalness,
        "key": found.key,
        "liveness": found.liveness,
        "loudness": found.loudness,
        "mode": found.mode,
        "speechiness": found.speechiness,
        "tempo": found.tempo,
        "time_signature": found.time_signature,
        "track_href": f"{api}/tracks/{track_id}",
        "type": "audio_features",
        "uri": f"spotify:track:{track_id}",
        "valence": found.valence,
    }


def _intervals(length: float, step: float, confidence: float) -> list[JsonObject]:
    count = min(int(length / step), 2000)
    return [
        {"start": round(n * step, 5), "duration": round(step, 5), "confidence": confidence}
        for n in range(count)
    ]


def analysis_object(seed: int, track: TrackRecord) -> JsonObject:
    """The ``AudioAnalysisObject`` of a track: regular bars, beats and tatums at its tempo."""
    found = features(seed, track)
    seconds = track.duration_ms / 1000
    beat = 60 / found.tempo
    section_length = seconds / 4
    sections = [
        {
            "start": round(n * section_length, 5),
            "duration": round(section_length, 5),
            "confidence": 1.0,
            "loudness": found.loudness,
            "tempo": found.tempo,
            "tempo_confidence": 0.8,
            "key": found.key,
            "key_confidence": 0.7,
            "mode": found.mode,
            "mode_confidence": 0.6,
            "time_signature": found.time_signature,
            "time_signature_confidence": 1.0,
        }
        for n in range(4)
    ]
    segment_length = max(seconds / 200, 0.25)
    segments = [
        {
            "start": round(n * segment_length, 5),
            "duration": round(segment_length, 5),
            "confidence": 0.5,
            "loudness_start": found.loudness - 5,
            "loudness_max": found.loudness,
            "loudness_max_time": round(segment_length / 2, 5),
            "loudness_end": 0,
            "pitches": [round(((n + p) % 12) / 11, 3) for p in range(12)],
            "timbre": [round(found.loudness + p, 3) for p in range(12)],
        }
        for n in range(int(seconds / segment_length))
    ]
    return {
        "meta": {
            "analyzer_version": "4.0.0",
            "platform": "Linux",
            "detailed_status": "OK",
            "status_code": 0,
            "timestamp": 1_700_000_000,
            "analysis_time": 2.5,
            "input_process": "libvorbisfile L+R 44100->22050",
        },
        "track": {
            "num_samples": int(seconds * 22050),
            "duration": seconds,
            "sample_md5": "",
            "offset_seconds": 0,
            "window_seconds": 0,
            "analysis_sample_rate": 22050,
            "analysis_channels": 1,
            "end_of_fade_in": 0,
            "start_of_fade_out": round(seconds - 5, 3),
            "loudness": found.loudness,
            "tempo": found.tempo,
            "tempo_confidence": 0.8,
            "time_signature": found.time_signature,
            "time_signature_confidence": 1,
            "key": found.key,
            "key_confidence": 0.7,
            "mode": found.mode,
            "mode_confidence": 0.6,
            "codestring": "",
            "code_version": 3.15,
            "echoprintstring": "",
            "echoprint_version": 4.15,
            "synchstring": "",
            "synch_version": 1,
            "rhythmstring": "",
            "rhythm_version": 1,
        },
        "bars": _intervals(seconds, beat * found.time_signature, 0.9),
        "beats": _intervals(seconds, beat, 0.8),
        "sections": sections,
        "segments": segments,
        "tatums": _intervals(seconds, beat / 2, 0.7),
    }
