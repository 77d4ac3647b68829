"""The generated TypedDicts: complete, lenient, and true to what Spotify really sends."""

from __future__ import annotations

import json
import types
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

import pytest
import yaml

import async_spotify.types as spotify_types
from async_spotify.spec_data import OPERATION_SPECS
from async_spotify.types import (
    AlbumBase,
    AlbumObject,
    ArrayOfImages,
    ChapterBase,
    CurrentlyPlayingObject,
    ImageObject,
    ManyAlbums,
    ManyDevices,
    PagingObject,
    PagingPlaylistObject,
    PlaylistTrackObject,
    SectionObject,
    SimplifiedPlaylistObject,
    TrackObject,
)
from async_spotify.types.objects import AudioAnalysisMetaObject, EpisodeObject

ROOT = Path(__file__).resolve().parent.parent
RECORDED = ROOT / "spec" / "recorded"


@pytest.fixture(scope="module")
def schemas() -> dict[str, Any]:
    with (ROOT / "spec" / "openapi.yml").open(encoding="utf-8") as stream:
        spec = yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return dict(spec["components"]["schemas"])


def _typeddicts() -> list[type]:
    return [
        value
        for name in spotify_types.__all__
        if is_typeddict(value := getattr(spotify_types, name))
    ]


def test_every_schema_of_the_spec_has_a_type(schemas: dict[str, Any]) -> None:
    missing = [name for name in schemas if name not in spotify_types.__all__]
    assert missing == []


def test_object_schemas_are_typeddicts_and_scalar_schemas_are_aliases(
    schemas: dict[str, Any],
) -> None:
    for name, schema in schemas.items():
        value = getattr(spotify_types, name)
        if schema.get("type") == "object" or "allOf" in schema:
            assert is_typeddict(value), name
        else:
            assert value in (int, float), name


def test_all_exports_exactly_the_generated_names() -> None:
    exported = set(spotify_types.__all__)
    assert exported == set(spotify_types.objects.__all__)
    assert all(hasattr(spotify_types, name) for name in exported)
    assert len(exported) == 112


def test_every_typeddict_is_total_false_so_a_missing_field_never_breaks() -> None:
    for typeddict in _typeddicts():
        assert typeddict.__total__ is False, typeddict.__name__  # type: ignore[attr-defined]
        assert typeddict.__required_keys__ == frozenset(), typeddict.__name__  # type: ignore[attr-defined]


def test_every_response_type_of_the_operation_table_is_exported() -> None:
    names = {op.response_type for op in OPERATION_SPECS.values()} - {None}
    assert names <= set(spotify_types.__all__)
    assert OPERATION_SPECS["get-an-album"].response_type == "AlbumObject"
    assert OPERATION_SPECS["get-multiple-albums"].response_type == "ManyAlbums"
    assert OPERATION_SPECS["get-playlist-cover"].response_type == "ArrayOfImages"


def test_allof_becomes_inheritance() -> None:
    source = (ROOT / "src/async_spotify/types/objects.py").read_text(encoding="utf-8")
    assert "\nclass AlbumObject(AlbumBase, total=False):\n" in source
    assert "\nclass PagingPlaylistObject(PagingObject, total=False):\n" in source
    assert set(get_type_hints(AlbumBase)) < set(get_type_hints(AlbumObject))
    hints = get_type_hints(AlbumObject)
    assert hints["name"] is str  # inherited from AlbumBase
    assert hints["tracks"].__name__ == "PagingSimplifiedTrackObject"


def test_field_types_follow_the_spec() -> None:
    track = get_type_hints(TrackObject)
    assert track["artists"] == list[spotify_types.SimplifiedArtistObject]
    assert track["duration_ms"] is int
    assert track["type"] == Literal["track"]
    assert track["preview_url"] == str | None  # nullable: true
    assert get_type_hints(SectionObject)["mode"] == Literal[-1, 0, 1]
    assert get_type_hints(ImageObject)["height"] == int | None
    assert get_type_hints(AudioAnalysisMetaObject)["analysis_time"] is float
    assert ArrayOfImages == list[ImageObject]
    assert get_type_hints(ManyDevices)["devices"] == list[spotify_types.DeviceObject]


def test_one_of_is_a_union_and_null_from_prose_is_none() -> None:
    playing = get_type_hints(CurrentlyPlayingObject)
    assert playing["item"] == TrackObject | EpisodeObject | None  # "Can be `null`."
    assert playing["progress_ms"] == int | None
    item = get_type_hints(PlaylistTrackObject)
    assert item["added_at"] == str | None  # "may return `null`"
    assert item["item"] == TrackObject | EpisodeObject | None  # "a track object may be `null`"
    assert get_type_hints(SimplifiedPlaylistObject)["public"] == bool | None


def test_multi_get_and_search_results_may_hold_null() -> None:
    assert get_type_hints(ManyAlbums)["albums"] == list[AlbumObject | None]
    items = get_type_hints(PagingPlaylistObject)["items"]
    assert items == list[SimplifiedPlaylistObject | None]


def test_enums_spotify_does_not_keep_to_are_plain_strings() -> None:
    assert get_type_hints(AlbumBase)["album_type"] is str  # "ALBUM" seen in the wild
    assert get_type_hints(ChapterBase)["type"] is str
    # "Additional reasons may be added in the future":
    assert get_type_hints(spotify_types.AlbumRestrictionObject)["reason"] is str


def test_deprecated_fields_are_marked() -> None:
    source = (ROOT / "src/async_spotify/types/objects.py").read_text(encoding="utf-8")
    assert "    popularity: int  # deprecated\n" in source
    assert "    track: TrackObject | EpisodeObject | None  # deprecated\n" in source
    assert "    name: str  # deprecated" not in source


def _problems(value: object, annotation: Any, path: str) -> list[str]:
    """Where ``value`` does not fit ``annotation`` (unknown dict keys are allowed)."""
    if annotation is Any:
        return []
    if is_typeddict(annotation):
        if not isinstance(value, dict):
            return [f"{path}: {type(value).__name__} is not a {annotation.__name__}"]
        hints = get_type_hints(annotation)
        found = []
        for key, item in value.items():
            if key in hints:
                found += _problems(item, hints[key], f"{path}.{key}")
        return found
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [_problems(value, option, path) for option in get_args(annotation)]
        return [] if any(not found for found in options) else min(options, key=len)
    if origin is list:
        if not isinstance(value, list):
            return [f"{path}: {value!r:.60} is not a list"]
        (item_type,) = get_args(annotation)
        return [
            p for i, item in enumerate(value) for p in _problems(item, item_type, f"{path}[{i}]")
        ]
    if origin is Literal:
        return [] if value in get_args(annotation) else [f"{path}: {value!r} not in {annotation}"]
    if annotation is type(None):
        return [] if value is None else [f"{path}: {value!r:.60} is not null"]
    if annotation is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif annotation is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, annotation)
    return [] if ok else [f"{path}: {value!r:.60} is not {annotation.__name__}"]


def _recorded_bodies() -> list[tuple[str, str]]:
    found = []
    for path in sorted(RECORDED.glob("*.json")):
        operation_id = path.name.split("__")[0]
        if operation_id.startswith("error-"):
            found.append((path.name, "ErrorResponse"))
        elif operation_id in OPERATION_SPECS:
            response_type = OPERATION_SPECS[operation_id].response_type
            assert response_type is not None
            found.append((path.name, response_type))
        elif operation_id == "get-information-about-the-users-current-playback-episode":
            found.append((path.name, "CurrentlyPlayingContextObject"))
    return found


def test_the_recorded_bodies_cover_every_real_api_file() -> None:
    names = [name for name, _ in _recorded_bodies()]
    assert len(names) == 18  # the 20 files minus the two Accounts-service token bodies


@pytest.mark.parametrize(("file_name", "type_name"), _recorded_bodies())
def test_recorded_real_bodies_fit_their_types(file_name: str, type_name: str) -> None:
    """Real responses of Spotify, typed with the generated TypedDicts, hold no surprise null."""
    body = json.loads((RECORDED / file_name).read_text(encoding="utf-8"))
    if type_name == "ErrorResponse":
        body, annotation = body["error"], spotify_types.ErrorObject
    else:
        annotation = getattr(spotify_types, type_name)
    assert _problems(body, annotation, "$") == []


def test_the_checker_itself_reports_a_mismatch() -> None:
    """Guards the test above against passing vacuously."""
    body = {"items": [{"added_at": None, "item": {"id": 5, "type": "track"}}]}
    problems = _problems(body, spotify_types.PagingPlaylistTrackObject, "$")
    assert "$.items[0].item: 5 is not str" not in problems
    assert any(p.startswith("$.items[0].item.id: 5 is not str") for p in problems)
    assert _problems({"href": None}, PagingObject, "$") == ["$.href: None is not str"]
