"""The generated TypedDicts: complete, lenient, and true to what Spotify really sends."""

from __future__ import annotations

import json
import types
from pathlib import Path
from typing import (
    Any,
    Literal,
    Required,
    TypeVar,
    Union,
    get_args,
    get_origin,
    get_type_hints,
    is_typeddict,
)

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
    assert len(exported) == 114  # the spec's 112 and the generic Paging, CursorPaging


def _required(typeddict: Any) -> set[str]:
    """The keys declared ``Required[...]`` (own and inherited; read from the annotations, since
    ``__required_keys__`` misses them under ``from __future__ import annotations``)."""
    hints = get_type_hints(typeddict, include_extras=True)
    return {key for key, hint in hints.items() if get_origin(hint) is Required}


ALWAYS_SENT = {"href", "id", "items", "limit", "name", "next", "offset", "previous", "total"}
ALWAYS_SENT |= {"type", "uri"}


#: Responses that are one key around their content: that key is the whole answer.
WRAPPERS = {
    "CursorPagedArtists": "artists",
    "ManyAlbums": "albums",
    "ManyArtists": "artists",
    "ManyAudioFeatures": "audio_features",
    "ManyAudiobooks": "audiobooks",
    "ManyChapters": "chapters",
    "ManyDevices": "devices",
    "ManyEpisodes": "episodes",
    "ManyGenres": "genres",
    "ManySimplifiedShows": "shows",
    "ManyTracks": "tracks",
    "PagedAlbums": "albums",
    "PagedCategories": "categories",
}


def test_every_typeddict_is_total_false_and_requires_only_keys_spotify_always_sends() -> None:
    required_somewhere = set()
    for typeddict in _typeddicts():
        name = typeddict.__name__
        assert typeddict.__total__ is False, name  # type: ignore[attr-defined]
        wrapped = {WRAPPERS[name]} if name in WRAPPERS else set()
        assert _required(typeddict) <= ALWAYS_SENT | wrapped, name
        assert wrapped <= _required(typeddict), name
        required_somewhere |= _required(typeddict) - wrapped
    assert required_somewhere == ALWAYS_SENT
    assert _required(TrackObject) == {"href", "id", "name", "type", "uri"}
    assert _required(spotify_types.PagingPlaylistTrackObject) >= {
        "href",
        "items",
        "limit",
        "next",
        "total",
    }
    assert _required(spotify_types.CursorPagingPlayHistoryObject) >= {"items", "next"}


def test_an_empty_answer_is_a_valid_playback_state() -> None:
    """An answer without a body (204: nothing playing) is ``{}``: no key may be required."""
    assert _required(CurrentlyPlayingObject) == set()
    assert _required(spotify_types.CurrentlyPlayingContextObject) == set()
    empty: spotify_types.CurrentlyPlayingContextObject = {}
    assert empty == {}


def test_no_key_is_required_that_a_recorded_body_lacks() -> None:
    """Required only where proven: the recorded artist has ``followers`` but that is not a key
    Spotify always sends (development mode drops it), so it stays optional."""
    assert "followers" not in _required(spotify_types.ArtistObject)
    assert "popularity" not in _required(TrackObject)
    assert _required(spotify_types.ArtistObject) == {"href", "id", "name", "type", "uri"}


def test_every_response_type_of_the_operation_table_is_exported() -> None:
    names = {op.response_type for op in OPERATION_SPECS.values()} - {None}
    assert names <= set(spotify_types.__all__)
    assert OPERATION_SPECS["get-an-album"].response_type == "AlbumObject"
    assert OPERATION_SPECS["get-multiple-albums"].response_type == "ManyAlbums"
    assert OPERATION_SPECS["get-playlist-cover"].response_type == "ArrayOfImages"


def test_allof_becomes_inheritance() -> None:
    source = (ROOT / "src/async_spotify/types/objects.py").read_text(encoding="utf-8")
    assert "\nclass AlbumObject(AlbumBase, total=False):\n" in source
    assert "\nclass Paging(PagingObject, Generic[_ItemT], total=False):\n" in source
    assert (
        "\nclass PagingPlaylistObject(Paging[SimplifiedPlaylistObject | None], total=False):\n"
        in source
    )
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
    items = _hints(PagingPlaylistObject)["items"]
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
        hints = _hints(annotation)
        found = [f"{path}: no {key!r}" for key in sorted(_required(annotation) - set(value))]
        for key, item in value.items():
            if key in hints:
                found += _problems(item, hints[key], f"{path}.{key}")
        return found
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        choices = [c for c in get_args(annotation) if value is None or c is not type(None)]
        options = [_problems(value, option, path) for option in choices]
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


def _hints(typeddict: Any) -> dict[str, Any]:
    """``get_type_hints`` with the item type of generic bases bound (``Paging[X]``: items)."""
    hints = get_type_hints(typeddict)
    for base in getattr(typeddict, "__orig_bases__", ()):
        origin = get_origin(base)
        if origin is not None and is_typeddict(origin):
            bound = dict(zip(origin.__parameters__, get_args(base), strict=True))
            for key, hint in get_type_hints(origin).items():
                hints[key] = _bind(hint, bound)
    return hints


def _bind(hint: Any, bound: dict[Any, Any]) -> Any:
    if isinstance(hint, TypeVar):
        return bound.get(hint, hint)
    origin, args = get_origin(hint), get_args(hint)
    if origin is list:
        return list[_bind(args[0], bound)]  # type: ignore[misc]
    return hint


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
    assert _problems({"href": None}, PagingObject, "$") == [
        "$: no 'limit'",
        "$: no 'next'",
        "$: no 'offset'",
        "$: no 'previous'",
        "$: no 'total'",
        "$.href: None is not str",
    ]
    assert "$.items[0].item: no 'uri'" in problems  # a required key missing
