"""Build the emulator's sample user catalog from the real Spotify bodies in ``spec/recorded/``.

The sample is the recipe of ``docs/testing-offline.md`` applied to the recordings: each saved
answer goes in as it is, under the name of the operation that produced it. Run from anywhere:
``.venv/bin/python scripts/build_sample_catalog.py``; ``--check`` exits non-zero when the
committed file is out of date (the test suite does the same comparison).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import orjson

REPO_ROOT = Path(__file__).resolve().parents[1]
RECORDED = REPO_ROOT / "spec" / "recorded"
OUTPUT_PATH = REPO_ROOT / "src" / "async_spotify" / "emulator" / "catalog" / "sample.json"
#: Recordings holding Spotify objects (not errors, tokens, devices or bare snapshot ids).
SAMPLES = (
    "get-an-album__python-spotify.json",
    "get-an-artist__python-spotify.json",
    "get-current-users-profile__python-spotify.json",
    "get-followed__python-spotify.json",
    "get-information-about-the-users-current-playback-episode__python-spotify.json",
    "get-information-about-the-users-current-playback__python-spotify.json",
    "get-playlist__python-spotify.json",
    "get-playlists-items__python-spotify.json",
    "get-the-users-currently-playing-track__python-spotify.json",
    "search__python-spotify.json",
)


def build() -> bytes:
    """The sample catalog: ``{"<operation>__<source>": <the body Spotify sent>, ...}``."""
    bodies: dict[str, Any] = {}
    for name in SAMPLES:
        bodies[name.removesuffix(".json")] = orjson.loads((RECORDED / name).read_bytes())
    return orjson.dumps(bodies, option=orjson.OPT_INDENT_2) + b"\n"


def main(argv: list[str]) -> int:
    text = build()
    if "--check" in argv:
        if OUTPUT_PATH.read_bytes() != text:
            print(f"{OUTPUT_PATH} is out of date: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUTPUT_PATH.write_bytes(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
